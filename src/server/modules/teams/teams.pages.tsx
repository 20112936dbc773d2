// The registry's pages: the public list and team pages, a member's own page, and the administrators'
// pages. Forms re-render with a 400 and an error summary; every change redirects (303) with a notice.
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { grantsAllow } from '../../../shared/auth/roles.js';
import { AppError, type FieldErrors, isAppError } from '../../../shared/errors.js';
import {
  TEAMS_PAGE_SIZE,
  ZMemberCreate,
  ZMemberParams,
  ZTeamCreate,
  ZTeamParams,
  ZTeamsQuery,
  ZTeamUpdate,
} from '../../../shared/teams/schema.js';
import { parseWith } from '../../../shared/validation.js';
import type { ActionContext } from '../../context.js';
import {
  presentAdminMember,
  presentMemberTeam,
  presentTeamDetail,
  presentTeamSummary,
  presentUnitChoice,
  presentUnitSummary,
} from './teams.presenter.js';
import {
  addMember,
  createTeam,
  editTeam,
  getTeam,
  listTeams,
  listTeamUnits,
  makeLeader,
  myAssistedWork,
  removeMember,
  requireTeamsManager,
  summarizeRegistry,
} from './teams.service.js';
import {
  ADMIN_NOTICES,
  AdminListPage,
  AdminNewTeamPage,
  type AdminNotice,
  AdminTeamPage,
  type MemberFormValues,
  type TeamEditValues,
  type TeamFormValues,
} from './views/admin-pages.js';
import { MyTeamsPage } from './views/my-teams-page.js';
import { formatPhone } from './views/parts.js';
import {
  ADMIN_NEW_TEAM_PATH,
  ADMIN_TEAMS_PATH,
  adminTeamPath,
  MY_TEAMS_PATH,
  TEAMS_PATH,
} from './views/paths.js';
import { RegistryPage } from './views/registry-page.js';
import { TeamPage } from './views/team-page.js';

/** A form or query value as text: anything else (a repeated parameter, nothing) becomes ''. */
const text = (value: unknown): string => (typeof value === 'string' ? value : '');
const record = (value: unknown): Record<string, unknown> =>
  value && typeof value === 'object' ? (value as Record<string, unknown>) : {};

/** The member form's fields are prefixed on the page (the team form beside it has a phone too). */
const MEMBER_FIELDS: Record<string, keyof MemberFormValues> = {
  fullName: 'memberName',
  username: 'memberUsername',
  phone: 'memberPhone',
  isLeader: 'memberLeader',
};
const memberFieldErrors = (fields: FieldErrors): FieldErrors =>
  Object.fromEntries(Object.entries(fields).map(([name, error]) => [MEMBER_FIELDS[name] ?? name, error]));

/** A service's field errors, or the error itself when it has none (403, 404...). */
function fieldsOf(error: unknown): { fields: FieldErrors; status: number } {
  if (isAppError(error) && error.options.fields)
    return { fields: error.options.fields, status: error.status };
  throw error;
}

export const teamsPages: FastifyPluginAsyncZod = async (app) => {
  const deps = app.deps;
  const context = (request: FastifyRequest): ActionContext => ({
    actor: request.actor,
    requestId: request.id,
  });

  /** Signed-out people are sent to sign in and brought back; everyone else goes on to the service's check. */
  const signInFirst = (request: FastifyRequest, reply: FastifyReply, next: string) => {
    if (request.actor) return false;
    reply.redirect(`/login?next=${encodeURIComponent(next)}`, 303);
    return true;
  };

  /** The team code of a page address, or 404 for anything that cannot be one. */
  const codeOf = (params: unknown): string => {
    const parsed = parseWith(ZTeamParams, record(params));
    if (!parsed.ok) throw new AppError('NOT_FOUND');
    return parsed.value.code.toUpperCase();
  };
  const memberOf = (params: unknown): { code: string; id: number } => {
    const parsed = parseWith(ZMemberParams, record(params));
    if (!parsed.ok) throw new AppError('NOT_FOUND');
    return { code: parsed.value.code.toUpperCase(), id: parsed.value.id };
  };

  /** A page of teams for a list page: the query read, the service asked, its unit errors shown. */
  const loadList = async (request: FastifyRequest) => {
    const query = record(request.query);
    const unit = text(query.unit).trim();
    const parsed = parseWith(ZTeamsQuery, { unit, page: text(query.page) || undefined });
    if (!parsed.ok) return { unit, result: null, errors: parsed.fields };
    const { page } = parsed.value;
    try {
      const found = await listTeams(deps, { unitCode: parsed.value.unit, page, pageSize: TEAMS_PAGE_SIZE });
      return {
        unit,
        errors: undefined,
        result: {
          items: found.items.map((row) => presentTeamSummary(row, request.locale)),
          total: found.total,
          page,
          pages: Math.max(1, Math.ceil(found.total / TEAMS_PAGE_SIZE)),
          pageSize: TEAMS_PAGE_SIZE,
        },
      };
    } catch (error) {
      return { unit, result: null, errors: fieldsOf(error).fields };
    }
  };

  // ---------------------------------------------------------------------------------------------
  // Public pages
  // ---------------------------------------------------------------------------------------------

  app.get(TEAMS_PATH, { schema: { hide: true } }, async (request, reply) => {
    const summary = await summarizeRegistry(deps);
    const list = await loadList(request);
    const view = {
      units: summary.units.map((u) => presentUnitSummary(u, request.locale)),
      totals: summary.totals,
      ...list,
    };
    return reply.page((ctx) => <RegistryPage ctx={ctx} view={view} />, list.errors ? 400 : 200);
  });

  app.get(MY_TEAMS_PATH, { schema: { hide: true } }, async (request, reply) => {
    if (signInFirst(request, reply, MY_TEAMS_PATH)) return reply;
    const parsed = parseWith(ZTeamsQuery, { page: text(record(request.query).page) || undefined });
    const page = parsed.ok ? parsed.value.page : 1;
    const work = await myAssistedWork(deps, request.actor, { page, pageSize: TEAMS_PAGE_SIZE });
    const view = {
      teams: work.teams.map((team) => presentMemberTeam(team, request.locale)),
      applications: work.applications,
      total: work.total,
      page,
      pages: Math.max(1, Math.ceil(work.total / TEAMS_PAGE_SIZE)),
    };
    return reply.page((ctx) => <MyTeamsPage ctx={ctx} view={view} />);
  });

  app.get(`${TEAMS_PATH}/:code`, { schema: { hide: true } }, async (request, reply) => {
    const team = presentTeamDetail(await getTeam(deps, codeOf(request.params)), request.locale);
    const canManage = request.actor ? grantsAllow(request.actor.grants, 'teams.manage') : false;
    return reply.page((ctx) => <TeamPage ctx={ctx} team={team} canManage={canManage} />);
  });

  // ---------------------------------------------------------------------------------------------
  // Administrators' pages
  // ---------------------------------------------------------------------------------------------

  const unitOptions = async (request: FastifyRequest) =>
    (await listTeamUnits(deps)).map((u) => presentUnitChoice(u, request.locale));

  app.get(ADMIN_TEAMS_PATH, { schema: { hide: true } }, async (request, reply) => {
    if (signInFirst(request, reply, request.url)) return reply;
    requireTeamsManager(request.actor);
    const list = await loadList(request);
    const units = await unitOptions(request);
    return reply.page(
      (ctx) => <AdminListPage ctx={ctx} view={{ units, ...list }} />,
      list.errors ? 400 : 200,
    );
  });

  const renderNew = async (
    request: FastifyRequest,
    reply: FastifyReply,
    values: TeamFormValues,
    errors?: FieldErrors,
    status = 200,
  ) => {
    const units = await unitOptions(request);
    return reply.page(
      (ctx) => <AdminNewTeamPage ctx={ctx} units={units} values={values} errors={errors} />,
      status,
    );
  };

  app.get(ADMIN_NEW_TEAM_PATH, { schema: { hide: true } }, async (request, reply) => {
    if (signInFirst(request, reply, ADMIN_NEW_TEAM_PATH)) return reply;
    requireTeamsManager(request.actor);
    const unit = text(record(request.query).unit);
    return renderNew(request, reply, {
      code: '',
      unitCode: unit,
      name: '',
      village: '',
      phone: '',
      leaderName: '',
    });
  });

  app.post(ADMIN_NEW_TEAM_PATH, { schema: { hide: true } }, async (request, reply) => {
    if (signInFirst(request, reply, ADMIN_NEW_TEAM_PATH)) return reply;
    requireTeamsManager(request.actor);
    const body = record(request.body);
    const values: TeamFormValues = {
      code: text(body.code),
      unitCode: text(body.unitCode),
      name: text(body.name),
      village: text(body.village),
      phone: text(body.phone),
      leaderName: text(body.leaderName),
    };
    const parsed = parseWith(ZTeamCreate, values);
    if (!parsed.ok) return renderNew(request, reply, values, parsed.fields, 400);
    try {
      await createTeam(deps, context(request), parsed.value);
    } catch (error) {
      const { fields, status } = fieldsOf(error);
      return renderNew(request, reply, values, fields, status);
    }
    return reply.redirect(`${adminTeamPath(parsed.value.code)}?da=created`, 303);
  });

  const renderTeam = async (
    request: FastifyRequest,
    reply: FastifyReply,
    code: string,
    input: {
      teamValues?: TeamEditValues;
      memberValues?: MemberFormValues;
      errors?: FieldErrors | undefined;
      notice?: AdminNotice;
      status?: number;
    } = {},
  ) => {
    const detail = await getTeam(deps, code);
    const team = presentTeamDetail(detail, request.locale);
    const view = {
      team,
      members: detail.members.map(presentAdminMember),
      teamValues: input.teamValues ?? {
        name: team.name,
        village: team.village ?? '',
        phone: team.phone ? formatPhone(team.phone) : '',
      },
      memberValues: input.memberValues ?? {
        memberName: '',
        memberUsername: '',
        memberPhone: '',
        memberLeader: false,
      },
      errors: input.errors,
      notice: input.notice,
    };
    return reply.page((ctx) => <AdminTeamPage ctx={ctx} view={view} />, input.status ?? 200);
  };

  app.get(`${ADMIN_TEAMS_PATH}/:code`, { schema: { hide: true } }, async (request, reply) => {
    if (signInFirst(request, reply, request.url)) return reply;
    requireTeamsManager(request.actor);
    const da = text(record(request.query).da);
    const notice = (ADMIN_NOTICES as readonly string[]).includes(da) ? (da as AdminNotice) : undefined;
    return renderTeam(request, reply, codeOf(request.params), { notice });
  });

  app.post(`${ADMIN_TEAMS_PATH}/:code`, { schema: { hide: true } }, async (request, reply) => {
    const code = codeOf(request.params);
    if (signInFirst(request, reply, adminTeamPath(code))) return reply;
    requireTeamsManager(request.actor);
    const body = record(request.body);
    const teamValues = { name: text(body.name), village: text(body.village), phone: text(body.phone) };
    const parsed = parseWith(ZTeamUpdate, teamValues);
    if (!parsed.ok)
      return renderTeam(request, reply, code, { teamValues, errors: parsed.fields, status: 400 });
    try {
      await editTeam(deps, context(request), code, parsed.value);
    } catch (error) {
      const { fields, status } = fieldsOf(error);
      return renderTeam(request, reply, code, { teamValues, errors: fields, status });
    }
    return reply.redirect(`${adminTeamPath(code)}?da=updated`, 303);
  });

  app.post(`${ADMIN_TEAMS_PATH}/:code/thanh-vien`, { schema: { hide: true } }, async (request, reply) => {
    const code = codeOf(request.params);
    if (signInFirst(request, reply, adminTeamPath(code))) return reply;
    requireTeamsManager(request.actor);
    const body = record(request.body);
    const memberValues: MemberFormValues = {
      memberName: text(body.memberName),
      memberUsername: text(body.memberUsername),
      memberPhone: text(body.memberPhone),
      memberLeader: body.memberLeader !== undefined && body.memberLeader !== '',
    };
    const parsed = parseWith(ZMemberCreate, {
      fullName: memberValues.memberName,
      username: memberValues.memberUsername,
      phone: memberValues.memberPhone,
      isLeader: memberValues.memberLeader,
    });
    if (!parsed.ok) {
      return renderTeam(request, reply, code, {
        memberValues,
        errors: memberFieldErrors(parsed.fields),
        status: 400,
      });
    }
    try {
      await addMember(deps, context(request), code, parsed.value);
    } catch (error) {
      const { fields, status } = fieldsOf(error);
      return renderTeam(request, reply, code, { memberValues, errors: memberFieldErrors(fields), status });
    }
    return reply.redirect(`${adminTeamPath(code)}?da=memberAdded`, 303);
  });

  app.post(
    `${ADMIN_TEAMS_PATH}/:code/thanh-vien/:id/xoa`,
    { schema: { hide: true } },
    async (request, reply) => {
      const { code, id } = memberOf(request.params);
      if (signInFirst(request, reply, adminTeamPath(code))) return reply;
      await removeMember(deps, context(request), code, id);
      return reply.redirect(`${adminTeamPath(code)}?da=memberRemoved`, 303);
    },
  );

  app.post(
    `${ADMIN_TEAMS_PATH}/:code/thanh-vien/:id/to-truong`,
    { schema: { hide: true } },
    async (request, reply) => {
      const { code, id } = memberOf(request.params);
      if (signInFirst(request, reply, adminTeamPath(code))) return reply;
      await makeLeader(deps, context(request), code, id);
      return reply.redirect(`${adminTeamPath(code)}?da=leader`, 303);
    },
  );
};
