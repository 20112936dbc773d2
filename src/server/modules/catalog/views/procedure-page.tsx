import type { TChannel, TComponent, TProcedureRecord } from '../../../../shared/catalog/schema.js';
import { formatDate } from '../../../../shared/i18n/index.js';
import type { Child } from '../../../jsx/jsx-runtime.js';
import { Breadcrumbs, Notice } from '../../../views/components.js';
import { Layout } from '../../../views/layout.js';
import type { PageContext } from '../../../views/page-context.js';
import type { ProcedurePageView } from '../catalog.presenter.js';
import {
  applyPath,
  CATALOG_PATH,
  displayDate,
  formatFee,
  formatTimeLimit,
  LevelTag,
  OnlineTag,
  printPath,
} from './parts.js';

/** A document's name without the bullet the source wrote before it ("- Tờ khai…"): the list numbers it. */
const withoutBullet = (name: string) => name.replace(/^[-+•*]\s+/, '');

/** Text with line breaks kept as written (steps, conditions, notes). */
function Lines({ text }: { text: string }) {
  return <span class="pre-line">{text}</span>;
}

function Facts({ ctx, view, print }: { ctx: PageContext; view: ProcedurePageView; print: boolean }) {
  const r = view.record;
  const decision = r.announcingDecision;
  const effective =
    r.effectiveFrom && r.effectiveTo
      ? ctx.t('catalog.detail.effectiveRange', {
          from: displayDate(r.effectiveFrom),
          to: displayDate(r.effectiveTo),
        })
      : r.effectiveFrom
        ? ctx.t('catalog.detail.effectiveFrom', { date: displayDate(r.effectiveFrom) })
        : r.effectiveTo
          ? ctx.t('catalog.detail.effectiveTo', { date: displayDate(r.effectiveTo) })
          : null;
  return (
    <dl class="summary facts">
      <dt>{ctx.t('catalog.detail.code')}</dt>
      <dd class="code">{r.code}</dd>
      <dt>{ctx.t('catalog.detail.field')}</dt>
      <dd>{r.field}</dd>
      <dt>{ctx.t('catalog.detail.level')}</dt>
      <dd>{ctx.t(`catalog.levels.${r.level}`)}</dd>
      <dt>{ctx.t('catalog.detail.onlineLevel')}</dt>
      <dd>{ctx.t(`catalog.onlineLevels.${r.onlineLevel}`)}</dd>
      {r.agencies.length > 0 ? (
        <>
          <dt>{ctx.t('catalog.detail.agencies')}</dt>
          <dd>
            <ul class="plain">
              {r.agencies.map((a) => (
                <li>
                  {a.name}
                  {a.role === 'implementing' ? null : ` (${ctx.t(`catalog.agencyRoles.${a.role}`)})`}
                </li>
              ))}
            </ul>
            {view.localAgencies.length > 0 ? (
              print ? (
                <p class="hint">
                  {ctx.t('catalog.detail.localAgencies', {
                    name: ctx.siteName,
                    count: view.localAgencies.length,
                  })}
                </p>
              ) : (
                <details class="local-agencies">
                  <summary>
                    {ctx.t('catalog.detail.localAgencies', {
                      name: ctx.siteName,
                      count: view.localAgencies.length,
                    })}
                  </summary>
                  <ul>
                    {view.localAgencies.map((a) => (
                      <li>
                        {a.name}
                        {a.phone ? (
                          <>
                            {' · '}
                            <a href={`tel:${a.phone.replace(/[^\d+]/g, '')}`}>{a.phone}</a>
                          </>
                        ) : null}
                      </li>
                    ))}
                  </ul>
                </details>
              )
            ) : null}
          </dd>
        </>
      ) : null}
      {r.targetSubjects.length > 0 ? (
        <>
          <dt>{ctx.t('catalog.detail.targetSubjects')}</dt>
          <dd>
            <ul class="plain">
              {r.targetSubjects.map((subject) => (
                <li>{subject}</li>
              ))}
            </ul>
          </dd>
        </>
      ) : null}
      {r.promulgatingAgency ? (
        <>
          <dt>{ctx.t('catalog.detail.promulgatingAgency')}</dt>
          <dd>{r.promulgatingAgency}</dd>
        </>
      ) : null}
      {decision ? (
        <>
          <dt>{ctx.t('catalog.detail.announcingDecision')}</dt>
          <dd>
            {decision.date
              ? ctx.t('catalog.detail.decisionOn', {
                  number: decision.number,
                  date: displayDate(decision.date),
                })
              : decision.number}
          </dd>
        </>
      ) : null}
      {effective ? (
        <>
          <dt>{ctx.t('catalog.detail.effective')}</dt>
          <dd>{effective}</dd>
        </>
      ) : null}
      <dt>{ctx.t('catalog.detail.version')}</dt>
      <dd>
        {ctx.t('catalog.detail.versionValue', { version: view.version, date: formatDate(view.updatedAt) })}
      </dd>
    </dl>
  );
}

function TimeLimitCell({ ctx, channel }: { ctx: PageContext; channel: TChannel }) {
  if (channel.timeLimit) {
    return (
      <>
        {formatTimeLimit(ctx, channel.timeLimit)}
        {channel.timeLimitNote ? (
          <>
            <br />
            <span class="hint pre-line">{channel.timeLimitNote}</span>
          </>
        ) : null}
      </>
    );
  }
  if (channel.timeLimitNote) return <Lines text={channel.timeLimitNote} />;
  return <span class="hint">{ctx.t('catalog.detail.notRecorded')}</span>;
}

function Channels({ ctx, record }: { ctx: PageContext; record: TProcedureRecord }) {
  if (record.channels.length === 0) return <p>{ctx.t('catalog.detail.noChannels')}</p>;
  return (
    <div class="table-wrap">
      <table class="channels">
        <thead>
          <tr>
            <th scope="col">{ctx.t('catalog.detail.channel')}</th>
            <th scope="col">{ctx.t('catalog.detail.timeLimit')}</th>
            <th scope="col">{ctx.t('catalog.detail.fees')}</th>
          </tr>
        </thead>
        <tbody>
          {record.channels.map((channel) => (
            <tr>
              <th scope="row">
                {ctx.t(`catalog.channels.${channel.kind}`)}
                {channel.note ? (
                  <>
                    <br />
                    <span class="hint pre-line channel-note">{channel.note}</span>
                  </>
                ) : null}
              </th>
              <td>
                <TimeLimitCell ctx={ctx} channel={channel} />
              </td>
              <td>
                {channel.fees.length === 0 ? (
                  <span class="hint">{ctx.t('catalog.detail.noFee')}</span>
                ) : (
                  <ul class="plain">
                    {channel.fees.map((fee) => (
                      <li class="pre-line">{formatFee(ctx, fee)}</li>
                    ))}
                  </ul>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function ComponentList({ ctx, components }: { ctx: PageContext; components: TComponent[] }) {
  // Consecutive components under the same heading of the source stay together under it.
  const groups: { heading: string | null; items: TComponent[] }[] = [];
  for (const component of components) {
    const last = groups[groups.length - 1];
    if (last && last.heading === component.group) last.items.push(component);
    else groups.push({ heading: component.group, items: [component] });
  }
  return (
    <>
      {groups.map((group) => (
        <div class="component-group">
          {group.heading ? <p class="group-heading pre-line">{group.heading}</p> : null}
          <ol class="documents">
            {group.items.map((c) => (
              <li>
                <span class="pre-line">{withoutBullet(c.name)}</span>
                <span class="document-facts">
                  <span class={c.required ? 'tag' : 'tag tag-grey'}>
                    {c.required ? ctx.t('catalog.detail.required') : ctx.t('catalog.detail.optional')}
                  </span>{' '}
                  {ctx.t('catalog.detail.originals', { count: c.originals })} ·{' '}
                  {ctx.t('catalog.detail.copies', { count: c.copies })}
                  {c.electronicForm ? ` · ${ctx.t('catalog.detail.electronicForm')}` : ''}
                </span>
                {c.templates.length > 0 ? (
                  <span class="document-templates">
                    {ctx.t('catalog.detail.templates')}{' '}
                    {c.templates.map((template, index) => (
                      <>
                        {index > 0 ? ', ' : ''}
                        {template.url ? <a href={template.url}>{template.fileName}</a> : template.fileName}
                      </>
                    ))}
                  </span>
                ) : null}
              </li>
            ))}
          </ol>
        </div>
      ))}
    </>
  );
}

function Components({ ctx, record }: { ctx: PageContext; record: TProcedureRecord }) {
  if (record.components.length === 0) return <p>{ctx.t('catalog.detail.noComponents')}</p>;
  const shared = record.components.filter((c) => c.caseId === null);
  const perCase = record.cases
    .map((c) => ({ case: c, items: record.components.filter((component) => component.caseId === c.id) }))
    .filter((entry) => entry.items.length > 0);
  if (perCase.length === 0) return <ComponentList ctx={ctx} components={shared} />;
  return (
    <>
      {shared.length > 0 ? (
        <>
          <h3>{ctx.t('catalog.detail.componentsForAll')}</h3>
          <ComponentList ctx={ctx} components={shared} />
        </>
      ) : null}
      {perCase.map((entry) => (
        <>
          <h3>
            {ctx.t('catalog.detail.componentsForCase', {
              name: entry.case.name ?? entry.case.code ?? entry.case.id,
            })}
          </h3>
          <ComponentList ctx={ctx} components={entry.items} />
        </>
      ))}
    </>
  );
}

function Cases({ ctx, record }: { ctx: PageContext; record: TProcedureRecord }) {
  const named = record.cases.filter((c) => c.name !== null || c.timeLimit !== null);
  if (named.length < 2) return null;
  return (
    <div class="table-wrap">
      <table>
        <caption>{ctx.t('catalog.detail.casesTitle')}</caption>
        <thead>
          <tr>
            <th scope="col">{ctx.t('catalog.detail.caseName')}</th>
            <th scope="col">{ctx.t('catalog.detail.timeLimit')}</th>
          </tr>
        </thead>
        <tbody>
          {named.map((c) => (
            <tr>
              <td>{c.name ?? c.code ?? c.id}</td>
              <td>{c.timeLimit ? formatTimeLimit(ctx, c.timeLimit) : ctx.t('catalog.detail.notRecorded')}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** The notices about what the record does not say: catalogue-only data, demo assignments. */
export function CompletenessNotices({ ctx, record }: { ctx: PageContext; record: TProcedureRecord }) {
  const demo = record.demoAssigned;
  const facts = demo
    ? (['level', 'onlineLevel', 'agencies'] as const)
        .filter((fact) => demo[fact])
        .map((fact) => ctx.t(`catalog.detail.demoFacts.${fact}`))
    : [];
  return (
    <>
      {record.dataCompleteness === 'catalogue_only' ? (
        <Notice kind="warning">
          <h2 class="notice-title">{ctx.t('catalog.detail.catalogueOnlyTitle')}</h2>
          <p>{ctx.t('catalog.detail.catalogueOnly', { hotline: ctx.hotline })}</p>
        </Notice>
      ) : null}
      {facts.length > 0 || demo?.note ? (
        <p class="demo-note">
          {facts.length > 0
            ? ctx.t('catalog.detail.demoAssigned', { facts: facts.join(', '), name: ctx.siteName })
            : null}
          {demo?.note ? ` ${demo.note}` : ''}
        </p>
      ) : null}
    </>
  );
}

/** How to apply: online (fully or partly) with the link, or in person. */
export function HowToApply({
  ctx,
  record,
  print,
  baseUrl = '',
}: {
  ctx: PageContext;
  record: TProcedureRecord;
  print: boolean;
  baseUrl?: string;
}) {
  const hasPostal = record.channels.some((c) => c.kind === 'postal');
  if (record.onlineLevel === 'none') {
    return (
      <section class="apply-box apply-none" aria-labelledby="apply-title">
        <h2 id="apply-title">{ctx.t('catalog.detail.howToApply')}</h2>
        <p>{hasPostal ? ctx.t('catalog.detail.applyNonePostal') : ctx.t('catalog.detail.applyNone')}</p>
      </section>
    );
  }
  const direct = record.channels.find((c) => c.kind === 'direct');
  return (
    <section class="apply-box" aria-labelledby="apply-title">
      <h2 id="apply-title">{ctx.t('catalog.detail.applyTitle')}</h2>
      {record.onlineLevel === 'full' ? (
        <p>{ctx.t('catalog.detail.applyFull')}</p>
      ) : (
        <>
          <p>{ctx.t('catalog.detail.applyPartial')}</p>
          <ul>
            <li>{ctx.t('catalog.detail.inPersonOriginals')}</li>
            <li>
              {record.results.length > 0
                ? ctx.t('catalog.detail.inPersonResultOf', { results: record.results.join('; ') })
                : ctx.t('catalog.detail.inPersonResult')}
            </li>
          </ul>
          {direct?.note ? <p class="hint pre-line">{direct.note}</p> : null}
        </>
      )}
      {print ? (
        <p>{ctx.t('catalog.print.applyAt', { url: `${baseUrl}${applyPath(record.code)}` })}</p>
      ) : (
        <p>
          <a class="button" href={applyPath(record.code)}>
            {ctx.t('catalog.detail.applyButton')}
          </a>
        </p>
      )}
    </section>
  );
}

/** Everything the record says, in the order a citizen needs it; shared by the page and its print view. */
export function ProcedureBody({
  ctx,
  view,
  print,
}: {
  ctx: PageContext;
  view: ProcedurePageView;
  print: boolean;
}) {
  const r = view.record;
  const catalogueOnly = r.dataCompleteness === 'catalogue_only';
  return (
    <>
      <Facts ctx={ctx} view={view} print={print} />
      <section aria-labelledby="channels-title">
        <h2 id="channels-title">{ctx.t('catalog.detail.channelsTitle')}</h2>
        {catalogueOnly ? (
          <p>{ctx.t('catalog.detail.notRecordedCatalogueOnly')}</p>
        ) : (
          <Channels ctx={ctx} record={r} />
        )}
        {catalogueOnly ? null : <Cases ctx={ctx} record={r} />}
        {catalogueOnly ? null : (
          <p class="hint">
            {ctx.t('catalog.detail.supplementClock', {
              rule: ctx.t(`catalog.supplementClocks.${r.supplementClock}`),
            })}
          </p>
        )}
      </section>
      <section aria-labelledby="components-title">
        <h2 id="components-title">{ctx.t('catalog.detail.componentsTitle')}</h2>
        {catalogueOnly ? (
          <p>{ctx.t('catalog.detail.notRecordedCatalogueOnly')}</p>
        ) : (
          <Components ctx={ctx} record={r} />
        )}
      </section>
      {r.steps.length > 0 ? (
        <section aria-labelledby="steps-title">
          <h2 id="steps-title">{ctx.t('catalog.detail.stepsTitle')}</h2>
          <ol class="steps">
            {r.steps.map((step) => (
              <li>
                {step.title ? <strong class="pre-line">{step.title}</strong> : null}
                {step.title && step.description ? <br /> : null}
                {step.description ? <Lines text={step.description} /> : null}
              </li>
            ))}
          </ol>
        </section>
      ) : null}
      {r.conditions ? (
        <section aria-labelledby="conditions-title">
          <h2 id="conditions-title">{ctx.t('catalog.detail.conditionsTitle')}</h2>
          <p>
            <Lines text={r.conditions} />
          </p>
        </section>
      ) : null}
      {r.results.length > 0 ? (
        <section aria-labelledby="results-title">
          <h2 id="results-title">{ctx.t('catalog.detail.resultsTitle')}</h2>
          <ul>
            {r.results.map((result) => (
              <li>{result}</li>
            ))}
          </ul>
        </section>
      ) : null}
      {r.legalBasis.length > 0 ? (
        <section aria-labelledby="legal-title">
          <h2 id="legal-title">{ctx.t('catalog.detail.legalBasisTitle')}</h2>
          <ul class="legal-basis">
            {r.legalBasis.map((basis) => (
              <li>
                {basis.code && basis.title && !basis.title.includes(basis.code) ? (
                  <>
                    <strong>{basis.code}</strong>: {basis.title}
                  </>
                ) : (
                  (basis.title ?? basis.code)
                )}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </>
  );
}

/** /thu-tuc/:code: one procedure, with how to apply and a link to its print view; `after` (its comments) last. */
export function ProcedurePage({
  ctx,
  view,
  after,
}: {
  ctx: PageContext;
  view: ProcedurePageView;
  after?: Child;
}) {
  const r = view.record;
  return (
    <Layout ctx={ctx} title={r.name}>
      <Breadcrumbs
        items={[
          { href: '/', label: ctx.t('nav.home') },
          { href: CATALOG_PATH, label: ctx.t('catalog.search.title') },
          { label: r.code },
        ]}
      />
      <h1 class="procedure-title">{r.name}</h1>
      <p class="result-tags">
        <LevelTag ctx={ctx} level={r.level} /> <OnlineTag ctx={ctx} onlineLevel={r.onlineLevel} />
      </p>
      {view.status === 'retired' ? (
        <Notice kind="warning">
          <p>{ctx.t('catalog.detail.retiredNotice')}</p>
        </Notice>
      ) : null}
      <CompletenessNotices ctx={ctx} record={r} />
      {view.status === 'retired' ? null : <HowToApply ctx={ctx} record={r} print={false} />}
      <ProcedureBody ctx={ctx} view={view} print={false} />
      <ul class="page-links">
        <li>
          <a href={printPath(r.code)}>{ctx.t('catalog.detail.printLink')}</a>
        </li>
        <li>
          <a href={`/phan-anh-kien-nghi/gui?thu-tuc=${encodeURIComponent(r.code)}`}>
            {ctx.t('feedback.procedureLink')}
          </a>
        </li>
        {r.source?.url ? (
          <li>
            <a href={r.source.url} rel="external noopener">
              {ctx.t(`catalog.detail.sourceLink.${r.source.kind}`)}
            </a>
          </li>
        ) : null}
      </ul>
      {after}
    </Layout>
  );
}
