import type { TTeamDetail } from '../../../../shared/teams/schema.js';
import { Breadcrumbs } from '../../../views/components.js';
import { Layout } from '../../../views/layout.js';
import type { PageContext } from '../../../views/page-context.js';
import { count, PhoneLink } from './parts.js';
import { adminTeamPath, TEAMS_PATH, unitTeamsPath } from './paths.js';

/** A team's public page: where it works, its leader and contact, its members' names. */
export function TeamPage({
  ctx,
  team,
  canManage,
}: {
  ctx: PageContext;
  team: TTeamDetail;
  canManage: boolean;
}) {
  return (
    <Layout ctx={ctx} title={team.name}>
      <Breadcrumbs
        items={[
          { href: '/', label: ctx.t('nav.home') },
          { href: TEAMS_PATH, label: ctx.t('teams.title') },
          { href: unitTeamsPath(team.unit.code), label: team.unit.name },
          { label: team.name },
        ]}
      />
      <p class="kicker">{ctx.t('teams.team.kicker')}</p>
      <h1>{team.name}</h1>
      <dl class="facts-inline team-facts">
        <dt>{ctx.t('teams.facts.code')}</dt>
        <dd>
          <span class="code">{team.code}</span>
        </dd>
        <dt>{ctx.t('teams.facts.unit')}</dt>
        <dd>
          <a href={unitTeamsPath(team.unit.code)}>{team.unit.name}</a>
        </dd>
        <dt>{ctx.t('teams.facts.village')}</dt>
        <dd>{team.village ?? <span class="muted">{ctx.t('teams.noVillage')}</span>}</dd>
        <dt>{ctx.t('teams.facts.leader')}</dt>
        <dd>{team.leaderName ?? <span class="muted">{ctx.t('teams.noLeader')}</span>}</dd>
        <dt>{ctx.t('teams.facts.phone')}</dt>
        <dd>
          <PhoneLink ctx={ctx} phone={team.phone} />
        </dd>
        <dt>{ctx.t('teams.facts.assisted')}</dt>
        <dd>{count(ctx, team.assistedSubmissions)}</dd>
      </dl>
      <p>{ctx.t('teams.team.help')}</p>

      <h2>{ctx.t('teams.team.membersTitle', { count: count(ctx, team.members.length) })}</h2>
      {team.members.length > 0 ? (
        <ul class="team-members">
          {team.members.map((member) => (
            <li>
              {member.fullName}
              {member.isLeader ? (
                <>
                  {' '}
                  <span class="tag tag-green">{ctx.t('teams.team.leaderTag')}</span>
                </>
              ) : null}
            </li>
          ))}
        </ul>
      ) : (
        <p>{ctx.t('teams.team.noMembers')}</p>
      )}
      <p class="hint">{ctx.t('teams.team.privacy')}</p>
      <p>
        <a href={unitTeamsPath(team.unit.code)}>{ctx.t('teams.team.backToUnit', { unit: team.unit.name })}</a>
      </p>
      {canManage ? (
        <p>
          <a class="button button-secondary" href={adminTeamPath(team.code)}>
            {ctx.t('teams.team.manage')}
          </a>
        </p>
      ) : null}
    </Layout>
  );
}
