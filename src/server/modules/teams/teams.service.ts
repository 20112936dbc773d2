// The registry of community digital transformation teams (tổ công nghệ số cộng đồng) by ward/commune
// and village, their members, and the applications members submit on citizens' behalf.
//
// Other modules use:
//   teamsOfMember(deps, userId)               the teams a person may submit "on behalf of" with
//   assistedSubmissionCounts(deps, filter)    assisted submissions per team and per member
import { vietnamDate } from '../../../shared/clock.js';
import { AppError } from '../../../shared/errors.js';
import type { TMemberCreate, TTeamCreate, TTeamUpdate } from '../../../shared/teams/schema.js';
import { requireAccess } from '../../auth/access.js';
import type { ActionContext, Actor, AppDeps, Queryable } from '../../context.js';
import { appendAudit } from '../audit/audit.repository.js';
import { insertRole } from '../auth/auth.repository.js';
import { findSubtreeOn, findUnitIdsByCode } from '../units/units.repository.js';
import {
  type AssistedApplicationRow,
  clearLeader,
  countAssistedApplications,
  countAssistedPerMember,
  countAssistedPerTeam,
  countAssistedPerUnit,
  countTeams,
  countTeamsPerUnit,
  deleteMember,
  findAssistedApplications,
  findMembers,
  findTeamByCode,
  findTeams,
  findTeamsOfUser,
  findUserByUsername,
  hasRoleAtUnit,
  insertMember,
  insertTeam,
  type MemberAssistedCount,
  type MemberRow,
  markLeader,
  type TeamAssistedCount,
  type TeamRow,
  updateTeam,
} from './teams.repository.js';

export type { AssistedApplicationRow, MemberAssistedCount, MemberRow, TeamAssistedCount, TeamRow };

export interface UnitChoice {
  code: string;
  name: string;
  nameEn: string;
}

const today = (deps: AppDeps) => vietnamDate(deps.clock.now());

/**
 * The units teams can belong to: every unit below the deploying unit (its wards and communes) in force
 * today, in code order.
 */
export async function listTeamUnits(deps: AppDeps, options: { db?: Queryable } = {}): Promise<UnitChoice[]> {
  const rows = await findSubtreeOn(options.db ?? deps.database.db, deps.config.homeUnitCode, today(deps));
  return rows
    .filter((row) => row.code !== deps.config.homeUnitCode)
    .map((row) => ({ code: row.code, name: row.fullName, nameEn: row.fullNameEn }))
    .sort((a, b) => a.code.localeCompare(b.code));
}

const unknownUnit = (field: string) =>
  new AppError('VALIDATION_FAILED', { fields: { [field]: { key: 'teams.errors.unknownUnit' } } });

/** The id of a unit teams may be filtered by (any unit that has a team, or one below the deploying unit). */
async function filterUnitId(deps: AppDeps, code: string): Promise<number> {
  const id = (await findUnitIdsByCode(deps.database.db, [code])).get(code);
  if (id === undefined) throw unknownUnit('unit');
  return id;
}

export interface TeamPage {
  items: (TeamRow & { assistedSubmissions: number })[];
  total: number;
}

/** A page of teams, of one ward/commune or all, with each team's number of assisted submissions. */
export async function listTeams(
  deps: AppDeps,
  input: { unitCode?: string | undefined; page: number; pageSize: number },
): Promise<TeamPage> {
  const db = deps.database.db;
  const unitId = input.unitCode === undefined ? undefined : await filterUnitId(deps, input.unitCode);
  const total = await countTeams(db, { unitId });
  const rows = await findTeams(db, {
    unitId,
    limit: input.pageSize,
    offset: (input.page - 1) * input.pageSize,
  });
  const counts = await countAssistedPerTeam(db, { teamIds: rows.map((r) => r.id) });
  const byTeam = new Map(counts.map((c) => [c.teamId, c.count]));
  return { items: rows.map((row) => ({ ...row, assistedSubmissions: byTeam.get(row.id) ?? 0 })), total };
}

export interface UnitSummary {
  code: string;
  name: string;
  nameEn: string;
  teams: number;
  members: number;
  assistedSubmissions: number;
}

export interface RegistrySummary {
  units: UnitSummary[];
  totals: { units: number; teams: number; members: number; assistedSubmissions: number };
}

/**
 * Teams, members and assisted submissions per ward/commune: every unit below the deploying unit (with
 * zeros where there is no team yet), and any other unit that has a team.
 */
export async function summarizeRegistry(deps: AppDeps): Promise<RegistrySummary> {
  const db = deps.database.db;
  const [choices, counts, assisted] = [
    await listTeamUnits(deps),
    await countTeamsPerUnit(db),
    await countAssistedPerUnit(db),
  ];
  const byCode = new Map(counts.map((c) => [c.unitCode, c]));
  const units: UnitSummary[] = choices.map((unit) => {
    const c = byCode.get(unit.code);
    return {
      ...unit,
      teams: c?.teams ?? 0,
      members: c?.members ?? 0,
      assistedSubmissions: c ? (assisted.get(c.unitId) ?? 0) : 0,
    };
  });
  const listed = new Set(choices.map((c) => c.code));
  for (const c of counts) {
    if (listed.has(c.unitCode)) continue;
    units.push({
      code: c.unitCode,
      name: c.unitName ?? c.unitCode,
      nameEn: c.unitNameEn ?? c.unitName ?? c.unitCode,
      teams: c.teams,
      members: c.members,
      assistedSubmissions: assisted.get(c.unitId) ?? 0,
    });
  }
  units.sort((a, b) => a.code.localeCompare(b.code));
  const sum = (pick: (u: UnitSummary) => number) => units.reduce((n, u) => n + pick(u), 0);
  return {
    units,
    totals: {
      units: units.filter((u) => u.teams > 0).length,
      teams: sum((u) => u.teams),
      members: sum((u) => u.members),
      assistedSubmissions: sum((u) => u.assistedSubmissions),
    },
  };
}

export interface TeamDetail {
  team: TeamRow;
  members: MemberRow[];
  assistedSubmissions: number;
}

async function teamOr404(db: Queryable, code: string): Promise<TeamRow> {
  const team = await findTeamByCode(db, code.trim().toUpperCase());
  if (!team) throw new AppError('NOT_FOUND');
  return team;
}

/** A team with its members and its number of assisted submissions; 404 when there is no such team. */
export async function getTeam(deps: AppDeps, code: string): Promise<TeamDetail> {
  const db = deps.database.db;
  const team = await teamOr404(db, code);
  const members = await findMembers(db, team.id);
  const assisted = await countAssistedPerTeam(db, { teamIds: [team.id] });
  return { team, members, assistedSubmissions: assisted[0]?.count ?? 0 };
}

/** Administrators only: the registry's management pages call this first. */
export function requireTeamsManager(actor: Actor | null): Actor {
  return requireAccess(actor, 'teams.manage');
}

/** Creates a team in a ward/commune below the deploying unit; with a leader's name, the leader joins it. */
export async function createTeam(
  deps: AppDeps,
  context: ActionContext,
  input: TTeamCreate,
): Promise<TeamDetail> {
  requireAccess(context.actor, 'teams.manage');
  const now = deps.clock.now();
  await deps.database.db.transaction().execute(async (tx) => {
    const units = await listTeamUnits(deps, { db: tx });
    if (!units.some((u) => u.code === input.unitCode)) throw unknownUnit('unitCode');
    const unitId = (await findUnitIdsByCode(tx, [input.unitCode])).get(input.unitCode);
    if (unitId === undefined) throw unknownUnit('unitCode');
    const teamId = await insertTeam(tx, {
      code: input.code,
      unitId,
      name: input.name,
      village: input.village,
      leaderName: input.leaderName,
      phone: input.phone,
      createdAt: now,
    });
    if (teamId === undefined) {
      throw new AppError('CONFLICT', {
        fields: { code: { key: 'teams.errors.codeTaken', params: { code: input.code } } },
      });
    }
    if (input.leaderName) {
      await insertMember(tx, {
        teamId,
        userId: null,
        fullName: input.leaderName,
        phone: input.phone,
        isLeader: true,
        createdAt: now,
      });
    }
    await appendAudit(tx, context, now, {
      action: 'teams.team.create',
      targetType: 'digital_team',
      targetId: input.code,
      details: {
        unitCode: input.unitCode,
        name: input.name,
        village: input.village,
        leaderName: input.leaderName,
        phoneGiven: input.phone !== null,
      },
    });
  });
  return getTeam(deps, input.code);
}

/** Changes a team's name, village and public contact. */
export async function editTeam(
  deps: AppDeps,
  context: ActionContext,
  code: string,
  input: TTeamUpdate,
): Promise<TeamDetail> {
  requireAccess(context.actor, 'teams.manage');
  const now = deps.clock.now();
  const teamCode = await deps.database.db.transaction().execute(async (tx) => {
    const team = await teamOr404(tx, code);
    await updateTeam(tx, team.id, { name: input.name, village: input.village, phone: input.phone });
    await appendAudit(tx, context, now, {
      action: 'teams.team.update',
      targetType: 'digital_team',
      targetId: team.code,
      details: {
        before: { name: team.name, village: team.village, phoneGiven: team.phone !== null },
        after: { name: input.name, village: input.village, phoneGiven: input.phone !== null },
      },
    });
    return team.code;
  });
  return getTeam(deps, teamCode);
}

/**
 * Adds a member. Linked to a user account by username, the member can submit on citizens' behalf for
 * the team; a user without the 'team_member' role at the team's unit is given it. A leader takes the
 * flag from the previous leader and becomes the team's named leader.
 */
export async function addMember(
  deps: AppDeps,
  context: ActionContext,
  code: string,
  input: TMemberCreate,
): Promise<MemberRow> {
  requireAccess(context.actor, 'teams.manage');
  const now = deps.clock.now();
  return deps.database.db.transaction().execute(async (tx) => {
    const team = await teamOr404(tx, code);
    let user: { id: number; username: string; fullName: string } | undefined;
    if (input.username) {
      user = await findUserByUsername(tx, input.username);
      if (!user) {
        throw new AppError('VALIDATION_FAILED', {
          fields: { username: { key: 'teams.errors.unknownUser', params: { username: input.username } } },
        });
      }
    }
    const fullName = input.fullName ?? user?.fullName ?? '';
    if (input.isLeader) await clearLeader(tx, team.id);
    const memberId = await insertMember(tx, {
      teamId: team.id,
      userId: user?.id ?? null,
      fullName,
      phone: input.phone,
      isLeader: input.isLeader,
      createdAt: now,
    });
    if (memberId === undefined) {
      throw new AppError('CONFLICT', {
        fields: {
          username: { key: 'teams.errors.alreadyMember', params: { username: input.username ?? '' } },
        },
      });
    }
    let roleGranted = false;
    if (user && !(await hasRoleAtUnit(tx, user.id, 'team_member', team.unitId))) {
      await insertRole(tx, { userId: user.id, role: 'team_member', unitId: team.unitId });
      roleGranted = true;
    }
    if (input.isLeader) await updateTeam(tx, team.id, { leaderName: fullName });
    await appendAudit(tx, context, now, {
      action: 'teams.member.add',
      targetType: 'digital_team',
      targetId: team.code,
      details: {
        memberId,
        fullName,
        username: user?.username ?? null,
        isLeader: input.isLeader,
        roleGranted,
        phoneGiven: input.phone !== null,
      },
    });
    return {
      id: memberId,
      teamId: team.id,
      userId: user?.id ?? null,
      username: user?.username ?? null,
      fullName,
      phone: input.phone,
      isLeader: input.isLeader,
    };
  });
}

/**
 * Removes a member; removing the leader leaves the team without a named leader. The person keeps any
 * role they hold (an administrator can withdraw it), and the applications they submitted keep their team.
 */
export async function removeMember(
  deps: AppDeps,
  context: ActionContext,
  code: string,
  memberId: number,
): Promise<void> {
  requireAccess(context.actor, 'teams.manage');
  const now = deps.clock.now();
  await deps.database.db.transaction().execute(async (tx) => {
    const team = await teamOr404(tx, code);
    const removed = await deleteMember(tx, team.id, memberId);
    if (!removed) throw new AppError('NOT_FOUND');
    if (removed.isLeader) await updateTeam(tx, team.id, { leaderName: null });
    await appendAudit(tx, context, now, {
      action: 'teams.member.remove',
      targetType: 'digital_team',
      targetId: team.code,
      details: {
        memberId,
        fullName: removed.fullName,
        wasLeader: removed.isLeader,
        linked: removed.userId !== null,
      },
    });
  });
}

/** Makes a member the team's leader (the previous leader stays a member). */
export async function makeLeader(
  deps: AppDeps,
  context: ActionContext,
  code: string,
  memberId: number,
): Promise<void> {
  requireAccess(context.actor, 'teams.manage');
  const now = deps.clock.now();
  await deps.database.db.transaction().execute(async (tx) => {
    const team = await teamOr404(tx, code);
    const member = (await findMembers(tx, team.id)).find((m) => m.id === memberId);
    if (!member) throw new AppError('NOT_FOUND');
    await clearLeader(tx, team.id);
    await markLeader(tx, member.id);
    await updateTeam(tx, team.id, { leaderName: member.fullName });
    await appendAudit(tx, context, now, {
      action: 'teams.member.leader',
      targetType: 'digital_team',
      targetId: team.code,
      details: { memberId, fullName: member.fullName, previousLeader: team.leaderName },
    });
  });
}

export interface MemberTeam {
  code: string;
  name: string;
  village: string | null;
  unitCode: string;
  unitName: string;
  unitNameEn: string;
  isLeader: boolean;
}

/**
 * The teams a user is a linked member of: what the citizen journey offers as "submit on behalf of".
 * Pass `{ db: tx }` inside an open transaction.
 */
export async function teamsOfMember(
  deps: AppDeps,
  userId: number,
  options: { db?: Queryable } = {},
): Promise<MemberTeam[]> {
  const rows = await findTeamsOfUser(options.db ?? deps.database.db, userId);
  return rows.map((row) => ({
    code: row.code,
    name: row.name,
    village: row.village,
    unitCode: row.unitCode,
    unitName: row.unitName ?? row.unitCode,
    unitNameEn: row.unitNameEn ?? row.unitName ?? row.unitCode,
    isLeader: row.isLeader,
  }));
}

export interface MyAssistedWork {
  teams: MemberTeam[];
  applications: AssistedApplicationRow[];
  total: number;
}

/** A signed-in member's teams and the applications they submitted on citizens' behalf, newest first. */
export async function myAssistedWork(
  deps: AppDeps,
  actor: Actor | null,
  page: { page: number; pageSize: number },
): Promise<MyAssistedWork> {
  if (!actor) throw new AppError('UNAUTHENTICATED');
  const db = deps.database.db;
  return {
    teams: await teamsOfMember(deps, actor.userId),
    applications: await findAssistedApplications(db, actor.userId, {
      limit: page.pageSize,
      offset: (page.page - 1) * page.pageSize,
    }),
    total: await countAssistedApplications(db, actor.userId),
  };
}

export interface AssistedCounts {
  teams: TeamAssistedCount[];
  members: MemberAssistedCount[];
  total: number;
}

/**
 * Assisted submissions (applications members submitted on citizens' behalf) per team and per member,
 * of one ward/commune or all, submitted in [from, to) when given. Teams and members with none are left
 * out. An unknown unit is a VALIDATION_FAILED naming `unitCode`.
 */
export async function assistedSubmissionCounts(
  deps: AppDeps,
  input: { unitCode?: string | undefined; from?: Date | undefined; to?: Date | undefined } = {},
  options: { db?: Queryable } = {},
): Promise<AssistedCounts> {
  const db = options.db ?? deps.database.db;
  let unitId: number | undefined;
  if (input.unitCode !== undefined) {
    unitId = (await findUnitIdsByCode(db, [input.unitCode])).get(input.unitCode);
    if (unitId === undefined) throw unknownUnit('unitCode');
  }
  const filter = { unitId, from: input.from, to: input.to };
  const teams = await countAssistedPerTeam(db, filter);
  const members = await countAssistedPerMember(db, filter);
  return { teams, members, total: teams.reduce((n, t) => n + t.count, 0) };
}

export interface AssistedReport {
  /** Applications submitted by team members on citizens' behalf in the period. */
  total: number;
  /** Teams and members of the units in scope now, and how many of them submitted in the period. */
  teams: number;
  members: number;
  activeTeams: number;
  activeMembers: number;
  /** Per ward or commune: its teams, members and assisted submissions in the period. */
  units: { code: string; name: string; nameEn: string; teams: number; members: number; assisted: number }[];
  /** Teams and members with the most assisted submissions, most first (at most `top`). */
  topTeams: (TeamAssistedCount & { unitName: string; unitNameEn: string })[];
  topMembers: (MemberAssistedCount & { teamName: string })[];
}

/**
 * Assisted submissions of a period ([from, to)) per ward or commune, per team and per member, for the
 * statistics pages: of one ward or commune (`unitCode`), or of every unit with teams when left out.
 */
export async function assistedReport(
  deps: AppDeps,
  input: { unitCode?: string | undefined; from: Date; to: Date; top: number },
): Promise<AssistedReport> {
  const registry = await summarizeRegistry(deps);
  const counts = await assistedSubmissionCounts(deps, input);
  const inScope = registry.units.filter((u) => input.unitCode === undefined || u.code === input.unitCode);
  const perUnit = new Map<string, number>();
  for (const team of counts.teams) perUnit.set(team.unitCode, (perUnit.get(team.unitCode) ?? 0) + team.count);
  const unitNames = new Map(registry.units.map((u) => [u.code, u]));
  const teamNames = new Map(counts.teams.map((t) => [t.teamCode, t.teamName]));
  const byCount = <T extends { count: number }>(a: T, b: T) => b.count - a.count;
  return {
    total: counts.total,
    teams: inScope.reduce((n, u) => n + u.teams, 0),
    members: inScope.reduce((n, u) => n + u.members, 0),
    activeTeams: counts.teams.length,
    activeMembers: new Set(counts.members.map((m) => m.userId)).size,
    units: inScope
      .filter((u) => u.teams > 0 || (perUnit.get(u.code) ?? 0) > 0)
      .map((u) => ({
        code: u.code,
        name: u.name,
        nameEn: u.nameEn,
        teams: u.teams,
        members: u.members,
        assisted: perUnit.get(u.code) ?? 0,
      })),
    topTeams: [...counts.teams]
      .sort(byCount)
      .slice(0, input.top)
      .map((t) => ({
        ...t,
        unitName: unitNames.get(t.unitCode)?.name ?? t.unitCode,
        unitNameEn: unitNames.get(t.unitCode)?.nameEn ?? t.unitCode,
      })),
    topMembers: [...counts.members]
      .sort(byCount)
      .slice(0, input.top)
      .map((m) => ({ ...m, teamName: teamNames.get(m.teamCode) ?? m.teamCode })),
  };
}
