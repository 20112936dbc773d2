// Pieces the capacity-test pages share: breadcrumbs, tags, how times and scores are written.
import { formatDateTime, formatNumber } from '../../../../shared/i18n/index.js';
import { Breadcrumbs } from '../../../views/components.js';
import type { PageContext } from '../../../views/page-context.js';
import type { CampaignState } from '../capacity-tests.service.js';
import { BANKS_PATH, CAMPAIGNS_PATH, MY_TESTS_PATH } from './paths.js';

export type Crumb = { href?: string; label: string };

/** Home › Kiểm tra năng lực › … */
export function CapacityCrumbs({ ctx, items }: { ctx: PageContext; items: Crumb[] }) {
  return (
    <Breadcrumbs
      items={[
        { href: '/can-bo', label: ctx.t('workbench.nav') },
        { href: MY_TESTS_PATH, label: ctx.t('capacity.nav') },
        ...items,
      ]}
    />
  );
}

export const banksCrumb = (ctx: PageContext): Crumb => ({
  href: BANKS_PATH,
  label: ctx.t('capacity.banks.title'),
});
export const campaignsCrumb = (ctx: PageContext): Crumb => ({
  href: CAMPAIGNS_PATH,
  label: ctx.t('capacity.campaigns.title'),
});

export function StateTag({ ctx, state }: { ctx: PageContext; state: CampaignState }) {
  const tone =
    state === 'open'
      ? 'tag tag-green'
      : state === 'upcoming'
        ? 'tag'
        : state === 'closed'
          ? 'tag tag-grey'
          : 'tag tag-amber';
  return <span class={tone}>{ctx.t(`capacity.states.${state}`)}</span>;
}

export function PassTag({ ctx, passed }: { ctx: PageContext; passed: boolean }) {
  return (
    <span class={passed ? 'tag tag-green' : 'tag tag-red'}>
      {ctx.t(passed ? 'capacity.results.passed' : 'capacity.results.failed')}
    </span>
  );
}

/** 85,5 (Vietnamese) or 85.5 (English); a dash for nothing. */
export const score = (ctx: PageContext, value: number | null | undefined) =>
  value === null || value === undefined ? '–' : formatNumber(ctx.locale, value);

export const when = (value: Date) => formatDateTime(value);

/** "25 phút" / "1 giờ 30 phút". */
export function minutesText(ctx: PageContext, minutes: number): string {
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  if (hours === 0) return ctx.t('capacity.minutes', { n: rest });
  return rest === 0
    ? ctx.t('capacity.hours', { n: hours })
    : ctx.t('capacity.hoursMinutes', { h: hours, m: rest });
}

/** The letter an option is shown with: A, B, C… in the order this candidate sees them. */
export const letter = (index: number) => String.fromCharCode(65 + index);
