// Pieces the registry's pages share: phone numbers, the unit filter, a team's facts.
import type { FieldErrors } from '../../../../shared/errors.js';
import { formatNumber } from '../../../../shared/i18n/index.js';
import type { TTeamSummary } from '../../../../shared/teams/schema.js';
import type { PageContext } from '../../../views/page-context.js';
import { SelectField } from '../../catalog/views/parts.js';
import type { UnitSummaryView } from '../teams.presenter.js';
import { teamPath, unitTeamsPath } from './paths.js';

/** '0912345678' as '0912 345 678', '02123866123' as '0212 3866 123'. */
export function formatPhone(phone: string): string {
  if (/^0\d{9}$/.test(phone)) return `${phone.slice(0, 4)} ${phone.slice(4, 7)} ${phone.slice(7)}`;
  if (/^0\d{10}$/.test(phone)) return `${phone.slice(0, 4)} ${phone.slice(4, 8)} ${phone.slice(8)}`;
  return phone;
}

export function PhoneLink({ ctx, phone }: { ctx: PageContext; phone: string | null }) {
  if (!phone) return <span class="muted">{ctx.t('teams.noPhone')}</span>;
  return <a href={`tel:${phone.replace(/[^\d+]/g, '')}`}>{formatPhone(phone)}</a>;
}

export const count = (ctx: PageContext, n: number) => formatNumber(ctx.locale, n);

/** A GET form choosing one ward/commune (or all); works without JavaScript. */
export function UnitFilterForm(props: {
  ctx: PageContext;
  action: string;
  units: { value: string; label: string }[];
  value: string;
  errors?: FieldErrors | undefined;
}) {
  const { ctx } = props;
  return (
    <search>
      <form method="get" action={props.action} class="search-form team-filter" novalidate>
        <SelectField
          ctx={ctx}
          name="unit"
          label={ctx.t('teams.filter.unit')}
          value={props.value}
          errors={props.errors}
          options={[{ value: '', label: ctx.t('teams.filter.any') }, ...props.units]}
        />
        <button type="submit" class="button">
          {ctx.t('teams.filter.submit')}
        </button>
        {props.value ? (
          <a class="clear-link" href={props.action}>
            {ctx.t('teams.filter.clear')}
          </a>
        ) : null}
      </form>
    </search>
  );
}

/** Teams, members and assisted submissions per ward/commune, with the totals. */
export function UnitSummaryTable({
  ctx,
  units,
  totals,
  current,
}: {
  ctx: PageContext;
  units: UnitSummaryView[];
  totals: { teams: number; members: number; assistedSubmissions: number };
  current?: string | undefined;
}) {
  return (
    <div class="table-wrap">
      <table class="team-units">
        <caption>{ctx.t('teams.byUnit.caption')}</caption>
        <thead>
          <tr>
            <th scope="col">{ctx.t('teams.columns.unit')}</th>
            <th scope="col" class="num">
              {ctx.t('teams.columns.teams')}
            </th>
            <th scope="col" class="num">
              {ctx.t('teams.columns.members')}
            </th>
            <th scope="col" class="num">
              {ctx.t('teams.columns.assisted')}
            </th>
          </tr>
        </thead>
        <tbody>
          {units.map((unit) => (
            <tr>
              <th scope="row">
                {unit.teams > 0 ? (
                  <a
                    href={unitTeamsPath(unit.code)}
                    aria-current={unit.code === current ? 'true' : undefined}
                  >
                    {unit.name}
                  </a>
                ) : (
                  unit.name
                )}
              </th>
              <td class="num">{count(ctx, unit.teams)}</td>
              <td class="num">{count(ctx, unit.members)}</td>
              <td class="num">{count(ctx, unit.assistedSubmissions)}</td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row">{ctx.t('teams.columns.total')}</th>
            <td class="num">{count(ctx, totals.teams)}</td>
            <td class="num">{count(ctx, totals.members)}</td>
            <td class="num">{count(ctx, totals.assistedSubmissions)}</td>
          </tr>
        </tfoot>
      </table>
    </div>
  );
}

/** One team in a list: its name, where it works, its leader and how to reach it. */
export function TeamListItem({
  ctx,
  team,
  showUnit,
}: {
  ctx: PageContext;
  team: TTeamSummary;
  showUnit: boolean;
}) {
  const where = [team.village, showUnit ? team.unit.name : null].filter(Boolean).join(', ');
  return (
    <li class="result team">
      <h3 class="result-title">
        <a href={teamPath(team.code)}>{team.name}</a>
      </h3>
      {where ? <p class="result-meta">{where}</p> : null}
      <dl class="facts-inline">
        <dt>{ctx.t('teams.facts.leader')}</dt>
        <dd>{team.leaderName ?? <span class="muted">{ctx.t('teams.noLeader')}</span>}</dd>
        <dt>{ctx.t('teams.facts.phone')}</dt>
        <dd>
          <PhoneLink ctx={ctx} phone={team.phone} />
        </dd>
        <dt>{ctx.t('teams.facts.members')}</dt>
        <dd>{count(ctx, team.memberCount)}</dd>
        <dt>{ctx.t('teams.facts.assisted')}</dt>
        <dd>{count(ctx, team.assistedSubmissions)}</dd>
      </dl>
    </li>
  );
}
