import type { FieldErrors } from '../../../../shared/errors.js';
import type { TTeamSummary } from '../../../../shared/teams/schema.js';
import { Breadcrumbs, ErrorSummary } from '../../../views/components.js';
import { Layout } from '../../../views/layout.js';
import type { PageContext } from '../../../views/page-context.js';
import { Pagination, pageHref } from '../../catalog/views/parts.js';
import type { UnitSummaryView } from '../teams.presenter.js';
import { count, TeamListItem, UnitFilterForm, UnitSummaryTable } from './parts.js';
import { MY_TEAMS_PATH, TEAMS_PATH } from './paths.js';

export interface RegistryView {
  units: UnitSummaryView[];
  totals: { units: number; teams: number; members: number; assistedSubmissions: number };
  /** The unit filter as typed (kept in the form when it is wrong). */
  unit: string;
  /** Null when the query could not be read: the form shows why. */
  result: { items: TTeamSummary[]; total: number; page: number; pages: number; pageSize: number } | null;
  errors?: FieldErrors | undefined;
}

/** The public registry: counts per ward/commune, then the teams, filtered by unit and paged by links. */
export function RegistryPage({ ctx, view }: { ctx: PageContext; view: RegistryView }) {
  const unitName = view.units.find((u) => u.code === view.unit)?.name;
  const result = view.result;
  const first = result ? (result.page - 1) * result.pageSize + 1 : 0;
  const last = result ? Math.min(result.total, first + result.items.length - 1) : 0;
  const isMember = ctx.actor?.grants.some((g) => g.role === 'team_member') ?? false;
  return (
    <Layout ctx={ctx} title={unitName ? ctx.t('teams.titleOf', { unit: unitName }) : ctx.t('teams.title')}>
      <Breadcrumbs items={[{ href: '/', label: ctx.t('nav.home') }, { label: ctx.t('teams.title') }]} />
      <ErrorSummary ctx={ctx} errors={view.errors} />
      <h1>{ctx.t('teams.title')}</h1>
      <p class="lead">
        {ctx.t('teams.totals', {
          teams: count(ctx, view.totals.teams),
          members: count(ctx, view.totals.members),
          units: count(ctx, view.totals.units),
        })}
      </p>
      <p>{ctx.t('teams.intro')}</p>
      {isMember ? (
        <p>
          <a href={MY_TEAMS_PATH}>{ctx.t('teams.mine.link')}</a>
        </p>
      ) : null}

      <h2>{ctx.t('teams.byUnit.title')}</h2>
      <UnitSummaryTable ctx={ctx} units={view.units} totals={view.totals} current={view.unit} />
      <p class="hint">{ctx.t('teams.assistedNote')}</p>

      <h2 id="danh-sach">
        {unitName ? ctx.t('teams.list.titleOf', { unit: unitName }) : ctx.t('teams.list.title')}
      </h2>
      <UnitFilterForm
        ctx={ctx}
        action={TEAMS_PATH}
        units={view.units.filter((u) => u.teams > 0).map((u) => ({ value: u.code, label: u.name }))}
        value={view.unit}
        errors={view.errors}
      />
      {result ? (
        result.items.length > 0 ? (
          <>
            <p class="result-count" role="status">
              {ctx.t('teams.list.count', {
                from: count(ctx, first),
                to: count(ctx, last),
                total: count(ctx, result.total),
              })}
            </p>
            <ul class="result-list">
              {result.items.map((team) => (
                <TeamListItem ctx={ctx} team={team} showUnit={!unitName} />
              ))}
            </ul>
            <Pagination
              ctx={ctx}
              path={TEAMS_PATH}
              params={{ unit: view.unit || undefined }}
              page={result.page}
              pages={result.pages}
            />
          </>
        ) : result.total > 0 ? (
          <div class="empty-state">
            <p>{ctx.t('teams.list.pageEmpty', { page: result.page })}</p>
            <p>
              <a href={pageHref(TEAMS_PATH, { unit: view.unit || undefined }, 1)}>
                {ctx.t('teams.list.firstPage')}
              </a>
            </p>
          </div>
        ) : (
          <p class="empty-state">
            {unitName ? ctx.t('teams.list.noneIn', { unit: unitName }) : ctx.t('teams.list.none')}
          </p>
        )
      ) : null}
    </Layout>
  );
}
