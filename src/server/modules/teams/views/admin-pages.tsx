// Administrators' pages: the list of teams, a new team, and one team with its members.
import type { FieldErrors } from '../../../../shared/errors.js';
import {
  PERSON_NAME_MAX,
  TEAM_CODE_MAX,
  TEAM_NAME_MAX,
  type TTeamSummary,
  USERNAME_MAX,
  VILLAGE_MAX,
} from '../../../../shared/teams/schema.js';
import { Breadcrumbs, CsrfField, ErrorSummary, Notice, TextField } from '../../../views/components.js';
import { Layout } from '../../../views/layout.js';
import type { PageContext } from '../../../views/page-context.js';
import { CheckboxField, Pagination, SelectField } from '../../catalog/views/parts.js';
import type { AdminMember } from '../teams.presenter.js';
import { count, formatPhone, UnitFilterForm } from './parts.js';
import {
  ADMIN_NEW_TEAM_PATH,
  ADMIN_TEAMS_PATH,
  adminLeaderPath,
  adminMembersPath,
  adminRemoveMemberPath,
  adminTeamPath,
  TEAMS_PATH,
  teamPath,
} from './paths.js';

type Option = { value: string; label: string };

export const ADMIN_NOTICES = ['created', 'updated', 'memberAdded', 'memberRemoved', 'leader'] as const;
export type AdminNotice = (typeof ADMIN_NOTICES)[number] | undefined;

const crumbs = (ctx: PageContext, last?: { label: string }) => (
  <Breadcrumbs
    items={[
      { href: '/', label: ctx.t('nav.home') },
      { href: TEAMS_PATH, label: ctx.t('teams.title') },
      ...(last
        ? [{ href: ADMIN_TEAMS_PATH, label: ctx.t('teams.admin.breadcrumb') }, last]
        : [{ label: ctx.t('teams.admin.breadcrumb') }]),
    ]}
  />
);

function NoticeOf({ ctx, notice, name }: { ctx: PageContext; notice: AdminNotice; name?: string }) {
  if (!notice) return null;
  return (
    <Notice kind="success">
      <p>{ctx.t(`teams.admin.notices.${notice}`, { name: name ?? '' })}</p>
    </Notice>
  );
}

export interface AdminListView {
  units: Option[];
  unit: string;
  result: { items: TTeamSummary[]; total: number; page: number; pages: number } | null;
  errors?: FieldErrors | undefined;
}

/** Every team, filtered by unit and paged, each a link to its administration page. */
export function AdminListPage({ ctx, view }: { ctx: PageContext; view: AdminListView }) {
  return (
    <Layout ctx={ctx} title={ctx.t('teams.admin.title')}>
      {crumbs(ctx)}
      <ErrorSummary ctx={ctx} errors={view.errors} />
      <h1>{ctx.t('teams.admin.title')}</h1>
      <p>
        <a class="button" href={ADMIN_NEW_TEAM_PATH}>
          {ctx.t('teams.admin.new')}
        </a>
      </p>
      <UnitFilterForm
        ctx={ctx}
        action={ADMIN_TEAMS_PATH}
        units={view.units}
        value={view.unit}
        errors={view.errors}
      />
      {view.result ? (
        <>
          <p class="result-count" role="status">
            {ctx.t('teams.admin.count', { total: count(ctx, view.result.total) })}
          </p>
          {view.result.items.length > 0 ? (
            <div class="table-wrap">
              <table class="admin-table dense">
                <caption class="visually-hidden">{ctx.t('teams.admin.title')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{ctx.t('teams.columns.name')}</th>
                    <th scope="col">{ctx.t('teams.columns.unit')}</th>
                    <th scope="col">{ctx.t('teams.columns.leader')}</th>
                    <th scope="col" class="num">
                      {ctx.t('teams.columns.members')}
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {view.result.items.map((team) => (
                    <tr>
                      <th scope="row">
                        <a href={adminTeamPath(team.code)}>{team.name}</a>
                        <br />
                        <span class="hint code">{team.code}</span>
                      </th>
                      <td>
                        {team.unit.name}
                        {team.village ? (
                          <>
                            <br />
                            <span class="hint">{team.village}</span>
                          </>
                        ) : null}
                      </td>
                      <td>{team.leaderName ?? <span class="muted">{ctx.t('teams.noLeader')}</span>}</td>
                      <td class="num">{count(ctx, team.memberCount)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          ) : null}
          <Pagination
            ctx={ctx}
            path={ADMIN_TEAMS_PATH}
            params={{ unit: view.unit || undefined }}
            page={view.result.page}
            pages={view.result.pages}
          />
        </>
      ) : null}
    </Layout>
  );
}

export interface TeamFormValues {
  code: string;
  unitCode: string;
  name: string;
  village: string;
  phone: string;
  leaderName: string;
}

/** A new team: code, ward/commune, name, village, public contact and (optionally) its leader. */
export function AdminNewTeamPage(props: {
  ctx: PageContext;
  units: Option[];
  values: TeamFormValues;
  errors?: FieldErrors | undefined;
}) {
  const { ctx, values, errors } = props;
  return (
    <Layout ctx={ctx} title={ctx.t('teams.admin.newTitle')}>
      {crumbs(ctx, { label: ctx.t('teams.admin.newTitle') })}
      <ErrorSummary ctx={ctx} errors={errors} />
      <h1>{ctx.t('teams.admin.newTitle')}</h1>
      <form method="post" action={ADMIN_NEW_TEAM_PATH} novalidate>
        <CsrfField ctx={ctx} />
        <TextField
          ctx={ctx}
          name="code"
          label={ctx.t('teams.fields.code')}
          hint={ctx.t('teams.fields.codeHint')}
          value={values.code}
          errors={errors}
          maxlength={TEAM_CODE_MAX}
          autocomplete="off"
        />
        <SelectField
          ctx={ctx}
          name="unitCode"
          label={ctx.t('teams.fields.unit')}
          value={values.unitCode}
          errors={errors}
          options={[{ value: '', label: ctx.t('teams.fields.chooseUnit') }, ...props.units]}
        />
        <TextField
          ctx={ctx}
          name="name"
          label={ctx.t('teams.fields.name')}
          hint={ctx.t('teams.fields.nameHint')}
          value={values.name}
          errors={errors}
          maxlength={TEAM_NAME_MAX}
        />
        <TextField
          ctx={ctx}
          name="village"
          label={ctx.t('teams.fields.village')}
          hint={ctx.t('teams.fields.villageHint')}
          value={values.village}
          errors={errors}
          maxlength={VILLAGE_MAX}
        />
        <TextField
          ctx={ctx}
          name="leaderName"
          label={ctx.t('teams.fields.leaderName')}
          hint={ctx.t('teams.fields.leaderNameHint')}
          value={values.leaderName}
          errors={errors}
          maxlength={PERSON_NAME_MAX}
          autocomplete="off"
        />
        <TextField
          ctx={ctx}
          name="phone"
          type="tel"
          label={ctx.t('teams.fields.phone')}
          hint={ctx.t('teams.fields.phoneHint')}
          value={values.phone}
          errors={errors}
          inputmode="tel"
          maxlength={30}
          autocomplete="off"
        />
        <button type="submit" class="button">
          {ctx.t('teams.admin.create')}
        </button>
      </form>
    </Layout>
  );
}

export interface TeamEditValues {
  name: string;
  village: string;
  phone: string;
}

export interface MemberFormValues {
  memberName: string;
  memberUsername: string;
  memberPhone: string;
  memberLeader: boolean;
}

export interface AdminTeamView {
  team: TTeamSummary;
  members: AdminMember[];
  teamValues: TeamEditValues;
  memberValues: MemberFormValues;
  errors?: FieldErrors | undefined;
  notice?: AdminNotice;
}

function MembersTable({ ctx, code, members }: { ctx: PageContext; code: string; members: AdminMember[] }) {
  if (members.length === 0) return <p>{ctx.t('teams.team.noMembers')}</p>;
  return (
    <div class="table-wrap">
      <table class="admin-table dense">
        <caption class="visually-hidden">{ctx.t('teams.admin.membersCaption')}</caption>
        <thead>
          <tr>
            <th scope="col">{ctx.t('teams.admin.memberColumns.name')}</th>
            <th scope="col">{ctx.t('teams.admin.memberColumns.account')}</th>
            <th scope="col">{ctx.t('teams.admin.memberColumns.phone')}</th>
            <th scope="col">
              <span class="visually-hidden">{ctx.t('teams.admin.memberColumns.actions')}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {members.map((member) => (
            <tr>
              <th scope="row">
                {member.fullName}
                {member.isLeader ? (
                  <>
                    {' '}
                    <span class="tag tag-green">{ctx.t('teams.team.leaderTag')}</span>
                  </>
                ) : null}
              </th>
              <td>{member.username ?? <span class="muted">{ctx.t('teams.admin.notLinked')}</span>}</td>
              <td>
                {member.phone ? (
                  formatPhone(member.phone)
                ) : (
                  <span class="muted">{ctx.t('teams.noPhone')}</span>
                )}
              </td>
              <td>
                <div class="inline-list">
                  {member.isLeader ? null : (
                    <form method="post" action={adminLeaderPath(code, member.id)} class="inline-form">
                      <CsrfField ctx={ctx} />
                      <button type="submit" class="link-button">
                        {ctx.t('teams.admin.makeLeader')}
                        <span class="visually-hidden">: {member.fullName}</span>
                      </button>
                    </form>
                  )}
                  <form method="post" action={adminRemoveMemberPath(code, member.id)} class="inline-form">
                    <CsrfField ctx={ctx} />
                    <button type="submit" class="link-button">
                      {ctx.t('teams.admin.remove')}
                      <span class="visually-hidden">: {member.fullName}</span>
                    </button>
                  </form>
                </div>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** One team: its details to edit, its members with their actions, and a form to add a member. */
export function AdminTeamPage({ ctx, view }: { ctx: PageContext; view: AdminTeamView }) {
  const { team, errors } = view;
  return (
    <Layout ctx={ctx} title={ctx.t('teams.admin.editTitle', { name: team.name })}>
      {crumbs(ctx, { label: team.name })}
      <ErrorSummary ctx={ctx} errors={errors} />
      <h1>{ctx.t('teams.admin.editTitle', { name: team.name })}</h1>
      <NoticeOf ctx={ctx} notice={view.notice} name={team.name} />
      <dl class="facts-inline">
        <dt>{ctx.t('teams.facts.code')}</dt>
        <dd class="code">{team.code}</dd>
        <dt>{ctx.t('teams.facts.unit')}</dt>
        <dd>{team.unit.name}</dd>
        <dt>{ctx.t('teams.facts.assisted')}</dt>
        <dd>{count(ctx, team.assistedSubmissions)}</dd>
      </dl>
      <p>
        <a href={teamPath(team.code)}>{ctx.t('teams.admin.publicLink')}</a>
      </p>

      <h2 id="thong-tin">{ctx.t('teams.admin.detailsTitle')}</h2>
      <form method="post" action={adminTeamPath(team.code)} novalidate aria-labelledby="thong-tin">
        <CsrfField ctx={ctx} />
        <TextField
          ctx={ctx}
          name="name"
          label={ctx.t('teams.fields.name')}
          value={view.teamValues.name}
          errors={errors}
          maxlength={TEAM_NAME_MAX}
        />
        <TextField
          ctx={ctx}
          name="village"
          label={ctx.t('teams.fields.village')}
          hint={ctx.t('teams.fields.villageHint')}
          value={view.teamValues.village}
          errors={errors}
          maxlength={VILLAGE_MAX}
        />
        <TextField
          ctx={ctx}
          name="phone"
          type="tel"
          label={ctx.t('teams.fields.phone')}
          hint={ctx.t('teams.fields.phoneHint')}
          value={view.teamValues.phone}
          errors={errors}
          inputmode="tel"
          maxlength={30}
          autocomplete="off"
        />
        <button type="submit" class="button">
          {ctx.t('teams.admin.save')}
        </button>
      </form>

      <h2>{ctx.t('teams.team.membersTitle', { count: count(ctx, view.members.length) })}</h2>
      <MembersTable ctx={ctx} code={team.code} members={view.members} />

      <h2 id="them-thanh-vien">{ctx.t('teams.admin.addMemberTitle')}</h2>
      <form method="post" action={adminMembersPath(team.code)} novalidate aria-labelledby="them-thanh-vien">
        <CsrfField ctx={ctx} />
        <TextField
          ctx={ctx}
          name="memberName"
          label={ctx.t('teams.fields.memberName')}
          hint={ctx.t('teams.fields.memberNameHint')}
          value={view.memberValues.memberName}
          errors={errors}
          maxlength={PERSON_NAME_MAX}
          autocomplete="off"
        />
        <TextField
          ctx={ctx}
          name="memberUsername"
          label={ctx.t('teams.fields.memberUsername')}
          hint={ctx.t('teams.fields.memberUsernameHint')}
          value={view.memberValues.memberUsername}
          errors={errors}
          maxlength={USERNAME_MAX}
          autocomplete="off"
        />
        <TextField
          ctx={ctx}
          name="memberPhone"
          type="tel"
          label={ctx.t('teams.fields.memberPhone')}
          hint={ctx.t('teams.fields.memberPhoneHint')}
          value={view.memberValues.memberPhone}
          errors={errors}
          inputmode="tel"
          maxlength={30}
          autocomplete="off"
        />
        <CheckboxField
          ctx={ctx}
          name="memberLeader"
          label={ctx.t('teams.fields.memberLeader')}
          checked={view.memberValues.memberLeader}
          errors={errors}
        />
        <button type="submit" class="button">
          {ctx.t('teams.admin.addMember')}
        </button>
      </form>
    </Layout>
  );
}
