import { formatDateTime } from '../../../../shared/i18n/index.js';
import { Breadcrumbs } from '../../../views/components.js';
import { Layout } from '../../../views/layout.js';
import type { PageContext } from '../../../views/page-context.js';
import { applicationPath } from '../../apply/views/paths.js';
import { Pagination } from '../../catalog/views/parts.js';
import type { MemberTeamView } from '../teams.presenter.js';
import { count } from './parts.js';
import { MY_TEAMS_PATH, TEAMS_PATH, teamPath } from './paths.js';

export interface AssistedApplicationView {
  code: string;
  status: number;
  submittedAt: Date;
  procedureName: string;
  teamName: string | null;
}

export interface MyTeamsView {
  teams: MemberTeamView[];
  applications: AssistedApplicationView[];
  total: number;
  page: number;
  pages: number;
}

const STATUS_TONES: Record<number, string> = {
  1: 'tag',
  2: 'tag',
  3: 'tag tag-red',
  4: 'tag',
  5: 'tag tag-amber',
  6: 'tag tag-amber',
  7: 'tag tag-grey',
  8: 'tag tag-grey',
  9: 'tag tag-green',
  10: 'tag tag-green',
};

/** A team member's page: their teams, and the applications they submitted on citizens' behalf. */
export function MyTeamsPage({ ctx, view }: { ctx: PageContext; view: MyTeamsView }) {
  return (
    <Layout ctx={ctx} title={ctx.t('teams.mine.title')}>
      <Breadcrumbs
        items={[
          { href: '/', label: ctx.t('nav.home') },
          { href: TEAMS_PATH, label: ctx.t('teams.title') },
          { label: ctx.t('teams.mine.title') },
        ]}
      />
      <h1>{ctx.t('teams.mine.title')}</h1>
      <h2>{ctx.t('teams.mine.teamsTitle')}</h2>
      {view.teams.length > 0 ? (
        <ul class="team-members">
          {view.teams.map((team) => (
            <li>
              <a href={teamPath(team.code)}>{team.name}</a>
              {team.isLeader ? (
                <>
                  {' '}
                  <span class="tag tag-green">{ctx.t('teams.team.leaderTag')}</span>
                </>
              ) : null}
              <br />
              <span class="hint">{[team.village, team.unitName].filter(Boolean).join(', ')}</span>
            </li>
          ))}
        </ul>
      ) : (
        <p>{ctx.t('teams.mine.notMember')}</p>
      )}

      <h2>{ctx.t('teams.mine.applicationsTitle')}</h2>
      <p class="lead">{ctx.t('teams.mine.count', { count: count(ctx, view.total) })}</p>
      {view.applications.length > 0 ? (
        <div class="table-wrap">
          <table>
            <caption class="visually-hidden">{ctx.t('teams.mine.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{ctx.t('teams.mine.columns.code')}</th>
                <th scope="col">{ctx.t('teams.mine.columns.procedure')}</th>
                <th scope="col">{ctx.t('teams.mine.columns.status')}</th>
                <th scope="col">{ctx.t('teams.mine.columns.submittedAt')}</th>
              </tr>
            </thead>
            <tbody>
              {view.applications.map((application) => (
                <tr>
                  <th scope="row">
                    <a class="code" href={applicationPath(application.code)}>
                      {application.code}
                    </a>
                  </th>
                  <td>
                    {application.procedureName}
                    {application.teamName ? (
                      <>
                        <br />
                        <span class="hint">{application.teamName}</span>
                      </>
                    ) : null}
                  </td>
                  <td>
                    <span class={STATUS_TONES[application.status] ?? 'tag'}>
                      {ctx.t(`applications.status.${application.status}`)}
                    </span>
                  </td>
                  <td>
                    <time datetime={application.submittedAt.toISOString()}>
                      {formatDateTime(application.submittedAt)}
                    </time>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : view.total > 0 ? (
        <p>{ctx.t('teams.list.pageEmpty', { page: view.page })}</p>
      ) : null}
      <Pagination ctx={ctx} path={MY_TEAMS_PATH} params={{}} page={view.page} pages={view.pages} />
      <p class="hint">{ctx.t('teams.mine.howTo')}</p>
    </Layout>
  );
}
