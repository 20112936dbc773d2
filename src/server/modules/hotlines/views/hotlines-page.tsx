import {
  formatPhoneNumber,
  HOTLINE_KINDS,
  type THotline,
  type THotlineKind,
  telHref,
} from '../../../../shared/hotlines/schema.js';
import { Breadcrumbs } from '../../../views/components.js';
import { Layout } from '../../../views/layout.js';
import type { PageContext } from '../../../views/page-context.js';
import { ADMIN_HOTLINES_PATH } from './paths.js';

/** A number to call: large, with its own `tel:` link and an accessible name saying who answers. */
export function PhoneLink({ phone, label }: { phone: string; label: string }) {
  return (
    <a class="hotline-phone" href={telHref(phone)} aria-label={label}>
      {formatPhoneNumber(phone)}
    </a>
  );
}

function Entry({ ctx, entry }: { ctx: PageContext; entry: THotline }) {
  const who = entry.personName ? `${entry.position}, ${entry.personName}` : entry.position;
  return (
    <li class="hotline-entry">
      <p class="hotline-who">
        <strong>{entry.position}</strong>
        {entry.personName ? (
          <>
            <br />
            {entry.personName}
          </>
        ) : null}
      </p>
      <p class="hotline-number">
        <PhoneLink
          phone={entry.phone}
          label={ctx.t('hotlines.callLabel', { who, phone: formatPhoneNumber(entry.phone) })}
        />
      </p>
      {entry.note ? <p class="hint hotline-note">{entry.note}</p> : null}
    </li>
  );
}

export interface HotlinesView {
  general: string;
  items: THotline[];
  canManage: boolean;
}

/** /duong-day-nong: the general hotline, the chairperson, the unit leaders and each unit. */
export function HotlinesPage({ ctx, view }: { ctx: PageContext; view: HotlinesView }) {
  const byKind = (kind: THotlineKind) => view.items.filter((item) => item.kind === kind);
  return (
    <Layout ctx={ctx} title={ctx.t('hotlines.title')}>
      <Breadcrumbs items={[{ href: '/', label: ctx.t('nav.home') }, { label: ctx.t('hotlines.title') }]} />
      <h1>{ctx.t('hotlines.title')}</h1>
      <p class="lead">{ctx.t('hotlines.intro', { name: ctx.siteName })}</p>
      <section class="hotline-general" aria-labelledby="general-title">
        <h2 id="general-title">{ctx.t('hotlines.general')}</h2>
        <p class="hotline-number">
          <PhoneLink
            phone={view.general}
            label={ctx.t('hotlines.callLabel', { who: ctx.t('hotlines.general'), phone: view.general })}
          />
        </p>
        <p class="hint">{ctx.t('hotlines.generalHint')}</p>
      </section>
      {HOTLINE_KINDS.map((kind) => {
        const entries = byKind(kind);
        if (entries.length === 0) return null;
        return (
          <section aria-labelledby={`kind-${kind}`}>
            <h2 id={`kind-${kind}`}>{ctx.t(`hotlines.kinds.${kind}`)}</h2>
            <ul class="hotline-list">
              {entries.map((entry) => (
                <Entry ctx={ctx} entry={entry} />
              ))}
            </ul>
          </section>
        );
      })}
      {view.items.length === 0 ? <p>{ctx.t('hotlines.empty')}</p> : null}
      <p class="hint">{ctx.t('hotlines.feedbackHint')}</p>
      {view.canManage ? (
        <p>
          <a class="button button-secondary" href={ADMIN_HOTLINES_PATH}>
            {ctx.t('hotlines.manage')}
          </a>
        </p>
      ) : null}
    </Layout>
  );
}
