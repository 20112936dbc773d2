// The only place with SQL for the community digital team registry.
import { sql } from 'kysely';
import type { Queryable } from '../../context.js';

export interface TeamRow {
  id: number;
  code: string;
  name: string;
  village: string | null;
  leaderName: string | null;
  phone: string | null;
  unitId: number;
  unitCode: string;
  /** The unit's latest name (Vietnamese and English); null only if the unit has no version at all. */
  unitName: string | null;
  unitNameEn: string | null;
  memberCount: number;
}

export interface MemberRow {
  id: number;
  teamId: number;
  userId: number | null;
  username: string | null;
  fullName: string;
  phone: string | null;
  isLeader: boolean;
}

/** The latest version's full name of the team's unit: a team keeps its unit's name after a reorganisation. */
const UNIT_NAME = sql<
  string | null
>`(select v.full_name from unit_versions v where v.unit_id = t.unit_id order by v.valid_from desc limit 1)`;
const UNIT_NAME_EN = sql<
  string | null
>`(select v.full_name_en from unit_versions v where v.unit_id = t.unit_id order by v.valid_from desc limit 1)`;

function teamsQuery(db: Queryable) {
  return db
    .selectFrom('digital_teams as t')
    .innerJoin('units as u', 'u.id', 't.unit_id')
    .select((eb) => [
      't.id',
      't.code',
      't.name',
      't.village',
      't.leader_name as leaderName',
      't.phone',
      't.unit_id as unitId',
      'u.code as unitCode',
      UNIT_NAME.as('unitName'),
      UNIT_NAME_EN.as('unitNameEn'),
      eb
        .selectFrom('digital_team_members as m')
        .select((m) => m.fn.countAll<number>().as('n'))
        .whereRef('m.team_id', '=', 't.id')
        .as('memberCount'),
    ]);
}

const toTeam = (row: Omit<TeamRow, 'memberCount'> & { memberCount: number | string | null }): TeamRow => ({
  ...row,
  memberCount: Number(row.memberCount ?? 0),
});

/** A page of teams, of one unit or all, in code order (which is unit, then village, for generated codes). */
export async function findTeams(
  db: Queryable,
  filter: { unitId?: number | undefined; limit: number; offset: number },
): Promise<TeamRow[]> {
  let query = teamsQuery(db);
  if (filter.unitId !== undefined) query = query.where('t.unit_id', '=', filter.unitId);
  const rows = await query
    .orderBy('u.code')
    .orderBy('t.code')
    .limit(filter.limit)
    .offset(filter.offset)
    .execute();
  return rows.map(toTeam);
}

export async function countTeams(
  db: Queryable,
  filter: { unitId?: number | undefined } = {},
): Promise<number> {
  let query = db.selectFrom('digital_teams as t').select((eb) => eb.fn.countAll<number>().as('n'));
  if (filter.unitId !== undefined) query = query.where('t.unit_id', '=', filter.unitId);
  return Number((await query.executeTakeFirstOrThrow()).n);
}

export async function findTeamByCode(db: Queryable, code: string): Promise<TeamRow | undefined> {
  const row = await teamsQuery(db).where('t.code', '=', code).executeTakeFirst();
  return row ? toTeam(row) : undefined;
}

/** A team's members, the leader first, then in the order they joined. */
export async function findMembers(db: Queryable, teamId: number): Promise<MemberRow[]> {
  return db
    .selectFrom('digital_team_members as m')
    .leftJoin('users as u', 'u.id', 'm.user_id')
    .select([
      'm.id',
      'm.team_id as teamId',
      'm.user_id as userId',
      'u.username',
      'm.full_name as fullName',
      'm.phone',
      'm.is_leader as isLeader',
    ])
    .where('m.team_id', '=', teamId)
    .orderBy('m.is_leader', 'desc')
    .orderBy('m.id')
    .execute();
}

export interface UnitTeamCounts {
  unitId: number;
  unitCode: string;
  unitName: string | null;
  unitNameEn: string | null;
  teams: number;
  members: number;
}

/** Teams and members per unit that has a team. */
export async function countTeamsPerUnit(db: Queryable): Promise<UnitTeamCounts[]> {
  const rows = await db
    .selectFrom('digital_teams as t')
    .innerJoin('units as u', 'u.id', 't.unit_id')
    .leftJoin('digital_team_members as m', 'm.team_id', 't.id')
    .select((eb) => [
      't.unit_id as unitId',
      'u.code as unitCode',
      UNIT_NAME.as('unitName'),
      UNIT_NAME_EN.as('unitNameEn'),
      eb.fn.count<number>('t.id').distinct().as('teams'),
      eb.fn.count<number>('m.id').as('members'),
    ])
    .groupBy(['t.unit_id', 'u.code'])
    .orderBy('u.code')
    .execute();
  return rows.map((r) => ({ ...r, teams: Number(r.teams), members: Number(r.members) }));
}

export interface AssistedFilter {
  unitId?: number | undefined;
  teamIds?: number[] | undefined;
  from?: Date | undefined;
  to?: Date | undefined;
}

function assistedQuery(db: Queryable, filter: AssistedFilter) {
  let query = db
    .selectFrom('applications as a')
    .innerJoin('digital_teams as t', 't.id', 'a.assisted_team_id')
    .where('a.assisted_team_id', 'is not', null);
  if (filter.unitId !== undefined) query = query.where('t.unit_id', '=', filter.unitId);
  if (filter.teamIds !== undefined) query = query.where('t.id', 'in', filter.teamIds);
  if (filter.from) query = query.where('a.submitted_at', '>=', filter.from);
  if (filter.to) query = query.where('a.submitted_at', '<', filter.to);
  return query;
}

export interface TeamAssistedCount {
  teamId: number;
  teamCode: string;
  teamName: string;
  unitId: number;
  unitCode: string;
  count: number;
}

/** Assisted submissions per team (teams with none are left out). */
export async function countAssistedPerTeam(
  db: Queryable,
  filter: AssistedFilter,
): Promise<TeamAssistedCount[]> {
  if (filter.teamIds?.length === 0) return [];
  const rows = await assistedQuery(db, filter)
    .innerJoin('units as u', 'u.id', 't.unit_id')
    .select((eb) => [
      't.id as teamId',
      't.code as teamCode',
      't.name as teamName',
      't.unit_id as unitId',
      'u.code as unitCode',
      eb.fn.countAll<number>().as('count'),
    ])
    .groupBy(['t.id', 't.code', 't.name', 't.unit_id', 'u.code'])
    .orderBy('t.code')
    .execute();
  return rows.map((r) => ({ ...r, count: Number(r.count) }));
}

export interface MemberAssistedCount {
  teamId: number;
  teamCode: string;
  /** The member row, or null when the person has left the team since. */
  memberId: number | null;
  userId: number;
  fullName: string;
  count: number;
}

/** Assisted submissions per team and submitting member (the name the team knows them by). */
export async function countAssistedPerMember(
  db: Queryable,
  filter: AssistedFilter,
): Promise<MemberAssistedCount[]> {
  if (filter.teamIds?.length === 0) return [];
  const rows = await assistedQuery(db, filter)
    .innerJoin('users as u', 'u.id', 'a.assisted_by_user_id')
    .leftJoin('digital_team_members as m', (join) =>
      join.onRef('m.team_id', '=', 'a.assisted_team_id').onRef('m.user_id', '=', 'a.assisted_by_user_id'),
    )
    .select((eb) => [
      't.id as teamId',
      't.code as teamCode',
      'm.id as memberId',
      'u.id as userId',
      eb.fn.coalesce('m.full_name', 'u.full_name').as('fullName'),
      eb.fn.countAll<number>().as('count'),
    ])
    .groupBy(['t.id', 't.code', 'm.id', 'm.full_name', 'u.id', 'u.full_name'])
    .orderBy('t.code')
    .orderBy('u.id')
    .execute();
  return rows.map((r) => ({ ...r, count: Number(r.count) }));
}

/** Assisted submissions per unit of the assisting team. */
export async function countAssistedPerUnit(db: Queryable, filter: AssistedFilter = {}) {
  const rows = await assistedQuery(db, filter)
    .select((eb) => ['t.unit_id as unitId', eb.fn.countAll<number>().as('count')])
    .groupBy('t.unit_id')
    .execute();
  return new Map(rows.map((r) => [r.unitId, Number(r.count)]));
}

export async function insertTeam(
  db: Queryable,
  team: {
    code: string;
    unitId: number;
    name: string;
    village: string | null;
    leaderName: string | null;
    phone: string | null;
    createdAt: Date;
  },
): Promise<number | undefined> {
  const row = await db
    .insertInto('digital_teams')
    .values({
      code: team.code,
      unit_id: team.unitId,
      name: team.name,
      village: team.village,
      leader_name: team.leaderName,
      phone: team.phone,
      created_at: team.createdAt,
    })
    .onConflict((oc) => oc.column('code').doNothing())
    .returning('id')
    .executeTakeFirst();
  return row?.id;
}

export async function updateTeam(
  db: Queryable,
  teamId: number,
  values: { name?: string; village?: string | null; phone?: string | null; leaderName?: string | null },
): Promise<void> {
  await db
    .updateTable('digital_teams')
    .set({
      ...(values.name === undefined ? {} : { name: values.name }),
      ...(values.village === undefined ? {} : { village: values.village }),
      ...(values.phone === undefined ? {} : { phone: values.phone }),
      ...(values.leaderName === undefined ? {} : { leader_name: values.leaderName }),
    })
    .where('id', '=', teamId)
    .execute();
}

/** Inserts a member; undefined when the linked user is already a member of the team (nothing changes). */
export async function insertMember(
  db: Queryable,
  member: {
    teamId: number;
    userId: number | null;
    fullName: string;
    phone: string | null;
    isLeader: boolean;
    createdAt: Date;
  },
): Promise<number | undefined> {
  const row = await db
    .insertInto('digital_team_members')
    .values({
      team_id: member.teamId,
      user_id: member.userId,
      full_name: member.fullName,
      phone: member.phone,
      is_leader: member.isLeader,
      created_at: member.createdAt,
    })
    .onConflict((oc) => oc.columns(['team_id', 'user_id']).where('user_id', 'is not', null).doNothing())
    .returning('id')
    .executeTakeFirst();
  return row?.id;
}

/** Takes the leader flag from every member of the team. */
export async function clearLeader(db: Queryable, teamId: number): Promise<void> {
  await db
    .updateTable('digital_team_members')
    .set({ is_leader: false })
    .where('team_id', '=', teamId)
    .where('is_leader', '=', true)
    .execute();
}

export async function markLeader(db: Queryable, memberId: number): Promise<void> {
  await db.updateTable('digital_team_members').set({ is_leader: true }).where('id', '=', memberId).execute();
}

/** Deletes a member of the team and returns what it was, or undefined when the team has no such member. */
export async function deleteMember(db: Queryable, teamId: number, memberId: number) {
  return db
    .deleteFrom('digital_team_members')
    .where('id', '=', memberId)
    .where('team_id', '=', teamId)
    .returning(['id', 'full_name as fullName', 'user_id as userId', 'is_leader as isLeader'])
    .executeTakeFirst();
}

export async function findUserByUsername(db: Queryable, username: string) {
  return db
    .selectFrom('users')
    .select(['id', 'username', 'full_name as fullName'])
    .where('username', '=', username)
    .executeTakeFirst();
}

export async function hasRoleAtUnit(
  db: Queryable,
  userId: number,
  role: string,
  unitId: number,
): Promise<boolean> {
  const row = await db
    .selectFrom('user_roles')
    .select('id')
    .where('user_id', '=', userId)
    .where('role', '=', role)
    .where('unit_id', '=', unitId)
    .executeTakeFirst();
  return row !== undefined;
}

/** The teams a user is a linked member of, in code order. */
export async function findTeamsOfUser(
  db: Queryable,
  userId: number,
): Promise<(TeamRow & { isLeader: boolean })[]> {
  const rows = await teamsQuery(db)
    .innerJoin('digital_team_members as me', 'me.team_id', 't.id')
    .select('me.is_leader as isLeader')
    .where('me.user_id', '=', userId)
    .orderBy('t.code')
    .execute();
  return rows.map((row) => ({ ...toTeam(row), isLeader: row.isLeader }));
}

export interface AssistedApplicationRow {
  code: string;
  status: number;
  submittedAt: Date;
  procedureCode: string;
  procedureName: string;
  teamCode: string | null;
  teamName: string | null;
}

/** Applications a person submitted on citizens' behalf, newest first. */
export async function findAssistedApplications(
  db: Queryable,
  userId: number,
  page: { limit: number; offset: number },
): Promise<AssistedApplicationRow[]> {
  return db
    .selectFrom('applications as a')
    .innerJoin('procedures as p', 'p.id', 'a.procedure_id')
    .leftJoin('digital_teams as t', 't.id', 'a.assisted_team_id')
    .select([
      'a.code',
      'a.status',
      'a.submitted_at as submittedAt',
      'a.procedure_code as procedureCode',
      'p.name as procedureName',
      't.code as teamCode',
      't.name as teamName',
    ])
    .where('a.assisted_by_user_id', '=', userId)
    .orderBy('a.submitted_at', 'desc')
    .orderBy('a.id', 'desc')
    .limit(page.limit)
    .offset(page.offset)
    .execute();
}

export async function countAssistedApplications(db: Queryable, userId: number): Promise<number> {
  const row = await db
    .selectFrom('applications')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('assisted_by_user_id', '=', userId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

// ---------------------------------------------------------------------------------------------
// Bulk loading (the demo): a few statements, however many rows.
// ---------------------------------------------------------------------------------------------

const BATCH = 2000;

/** Inserts teams in batches; returns their ids by code. */
export async function insertTeamsInBatches(
  db: Queryable,
  teams: {
    code: string;
    unitId: number;
    name: string;
    village: string | null;
    leaderName: string | null;
    phone: string | null;
  }[],
  createdAt: Date,
): Promise<Map<string, number>> {
  const ids = new Map<string, number>();
  for (let i = 0; i < teams.length; i += BATCH) {
    const rows = await db
      .insertInto('digital_teams')
      .values(
        teams.slice(i, i + BATCH).map((t) => ({
          code: t.code,
          unit_id: t.unitId,
          name: t.name,
          village: t.village,
          leader_name: t.leaderName,
          phone: t.phone,
          created_at: createdAt,
        })),
      )
      .returning(['id', 'code'])
      .execute();
    for (const row of rows) ids.set(row.code, row.id);
  }
  return ids;
}

export async function insertMembersInBatches(
  db: Queryable,
  members: {
    teamId: number;
    userId: number | null;
    fullName: string;
    phone: string | null;
    isLeader: boolean;
  }[],
  createdAt: Date,
): Promise<void> {
  for (let i = 0; i < members.length; i += BATCH) {
    await db
      .insertInto('digital_team_members')
      .values(
        members.slice(i, i + BATCH).map((m) => ({
          team_id: m.teamId,
          user_id: m.userId,
          full_name: m.fullName,
          phone: m.phone,
          is_leader: m.isLeader,
          created_at: createdAt,
        })),
      )
      .execute();
  }
}

/** Whether the database holds any team (the demo loads its teams only once). */
export async function anyTeam(db: Queryable): Promise<boolean> {
  const row = await db
    .selectFrom('digital_teams')
    .select(sql<number>`1`.as('one'))
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}
