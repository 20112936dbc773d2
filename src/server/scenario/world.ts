// The Mộc Châu scenario's world before its first day: the demo's units (valid from the scenario's
// start), agencies, accounts, catalogue, teams and targets, then the people the demo has only one of:
// a counter officer for every one-stop counter, a unit head and a specialist for every agency that
// handles procedures, a signing leader for every ward and commune, an account for every team leader
// (so teams can submit on citizens' behalf) and a pool of citizens with accounts.
import type { Role } from '../../shared/auth/roles.js';
import type { TProcedureRecord } from '../../shared/catalog/schema.js';
import type { Actor, AppDeps } from '../context.js';
import { createUser } from '../modules/auth/auth.service.js';
import { findSubtreeOn, findUnitIdsByCode } from '../modules/units/units.repository.js';
import { loadDemo, MOC_CHAU_CODE } from '../seed/demo.js';
import { demoActor, exampleApplication } from '../seed/demo.repository.js';
import { personName, random } from '../seed/demo-teams.js';
import { hashFor } from '../seed/factories.js';
import type { OnlineLevel, ProcedureLevel } from './behaviours.js';

/** A procedure as the scenario uses it. */
export interface ScenarioProcedure {
  code: string;
  level: ProcedureLevel;
  onlineLevel: OnlineLevel;
  /** Components to upload online (the first case's required ones). */
  requiredComponents: string[];
  formExample: Record<string, unknown>;
  /** Units (codes) with an agency implementing it. */
  unitCodes: string[];
}

/** The officers of one place, by what they do. */
export interface Office {
  counter: Actor;
  leader: Actor;
}

export interface ScenarioWorld {
  procedures: ScenarioProcedure[];
  /** Wards and communes, with their People's Committee's counter and leader. */
  wards: string[];
  /** Counter and leader per unit code (the town and each ward or commune). */
  offices: Map<string, Office>;
  /** Unit head and specialist per agency id. */
  agencies: Map<number, { head: Actor; specialist: Actor; specialistUsername: string }>;
  /** Team leaders with accounts, per ward or commune: [team code, actor]. */
  teams: Map<string, { code: string; actor: Actor }[]>;
  citizens: Actor[];
}

/** Loads the demo's structure and adds the scenario's people; the database must hold no unit yet. */
export async function buildWorld(
  deps: AppDeps,
  options: { from: string; citizenAccounts: number; seed: number },
): Promise<ScenarioWorld> {
  await loadDemo(deps, { unitsValidFrom: options.from, activity: false });
  const db = deps.database.db;
  const rand = random(options.seed ^ 0x5eed);
  const passwordHash = await hashFor(deps.config.demoPassword);

  const wardCodes = (await findSubtreeOn(db, MOC_CHAU_CODE, options.from))
    .filter((row) => row.parentCode === MOC_CHAU_CODE)
    .map((row) => row.code)
    .sort();
  const unitIds = await findUnitIdsByCode(db, wardCodes);
  const units = wardCodes.map((code) => ({ code, id: unitIds.get(code)! }));
  const town = await db
    .selectFrom('units')
    .select(['id', 'code'])
    .where('code', '=', MOC_CHAU_CODE)
    .executeTakeFirstOrThrow();
  const agencies = await db
    .selectFrom('agencies as a')
    .innerJoin('units as u', 'u.id', 'a.unit_id')
    .select(['a.id', 'a.code', 'a.unit_id', 'a.has_counter', 'u.code as unit_code'])
    .where('a.unit_id', 'in', [town.id, ...units.map((u) => u.id)])
    .orderBy('a.id')
    .execute();
  const handling = new Set(
    (
      await db
        .selectFrom('procedure_agencies')
        .select('agency_id')
        .where('role', '=', 'implementing')
        .distinct()
        .execute()
    ).map((r) => r.agency_id),
  );

  const made: {
    username: string;
    role: Role;
    unitId: number;
    agencyId: number | null;
    kind: 'ward' | 'commune';
  }[] = [];
  for (const unit of units) {
    const counter = agencies.find((a) => a.unit_id === unit.id && a.has_counter);
    if (counter)
      made.push({
        username: `motcua-${unit.code}`,
        role: 'counter_officer',
        unitId: unit.id,
        agencyId: counter.id,
        kind: 'ward',
      });
    made.push({
      username: `lanhdao-${unit.code}`,
      role: 'signing_leader',
      unitId: unit.id,
      agencyId: null,
      kind: 'ward',
    });
  }
  for (const agency of agencies) {
    if (!handling.has(agency.id) || agency.code === 'MC-TP') continue; // MC-TP: the demo's head and specialist
    const slug = agency.code.toLowerCase();
    made.push({
      username: `truongphong-${slug}`,
      role: 'unit_head',
      unitId: agency.unit_id,
      agencyId: agency.id,
      kind: 'commune',
    });
    made.push({
      username: `chuyenvien-${slug}`,
      role: 'specialist',
      unitId: agency.unit_id,
      agencyId: agency.id,
      kind: 'commune',
    });
  }
  // Team leaders get accounts and are linked to their team's leader entry (the member counts stay).
  const leaders = await db
    .selectFrom('digital_team_members as m')
    .innerJoin('digital_teams as t', 't.id', 'm.team_id')
    .innerJoin('units as u', 'u.id', 't.unit_id')
    .select(['m.id', 'm.full_name', 't.code', 't.unit_id', 'u.code as unit_code'])
    .where('m.is_leader', '=', true)
    .where('m.user_id', 'is', null)
    .orderBy('t.code')
    .execute();

  await db.transaction().execute(async (tx) => {
    for (const person of made) {
      await createUser(tx, {
        username: person.username,
        passwordHash,
        fullName: personName(rand, person.kind),
        roles: [{ role: person.role, unitId: person.unitId, agencyId: person.agencyId }],
      });
    }
    for (const leader of leaders) {
      const userId = await createUser(tx, {
        username: leader.code.toLowerCase(),
        passwordHash,
        fullName: leader.full_name,
        roles: [{ role: 'team_member', unitId: leader.unit_id }],
      });
      await tx
        .updateTable('digital_team_members')
        .set({ user_id: userId })
        .where('id', '=', leader.id)
        .execute();
    }
    for (let i = 1; i <= options.citizenAccounts; i++) {
      await createUser(tx, {
        username: `congdan-${String(i).padStart(4, '0')}`,
        passwordHash,
        fullName: personName(rand, rand() < 0.4 ? 'ward' : 'commune'),
        roles: [{ role: 'citizen', unitId: null }],
      });
    }
  });

  const offices = new Map<string, Office>();
  offices.set(MOC_CHAU_CODE, {
    counter: await demoActor(deps, 'counter'),
    leader: await demoActor(deps, 'leader'),
  });
  for (const unit of units)
    offices.set(unit.code, {
      counter: await demoActor(deps, `motcua-${unit.code}`),
      leader: await demoActor(deps, `lanhdao-${unit.code}`),
    });
  const staff = new Map<number, { head: Actor; specialist: Actor; specialistUsername: string }>();
  for (const agency of agencies) {
    if (!handling.has(agency.id)) continue;
    const [head, specialist] =
      agency.code === 'MC-TP'
        ? ['head', 'specialist']
        : [`truongphong-${agency.code.toLowerCase()}`, `chuyenvien-${agency.code.toLowerCase()}`];
    staff.set(agency.id, {
      head: await demoActor(deps, head),
      specialist: await demoActor(deps, specialist),
      specialistUsername: specialist,
    });
  }
  const teams = new Map<string, { code: string; actor: Actor }[]>();
  for (const leader of leaders) {
    const list = teams.get(leader.unit_code) ?? [];
    list.push({ code: leader.code, actor: await demoActor(deps, leader.code.toLowerCase()) });
    teams.set(leader.unit_code, list);
  }
  const citizens: Actor[] = [];
  for (let i = 1; i <= options.citizenAccounts; i++)
    citizens.push(await demoActor(deps, `congdan-${String(i).padStart(4, '0')}`));

  return {
    procedures: await scenarioProcedures(deps),
    wards: units.map((u) => u.code),
    offices,
    agencies: staff,
    teams,
    citizens,
  };
}

/** Active procedures that some agency of the town or its wards implements. */
export async function scenarioProcedures(deps: AppDeps): Promise<ScenarioProcedure[]> {
  const rows = await deps.database.db
    .selectFrom('procedures as p')
    .innerJoin('procedure_agencies as pa', 'pa.procedure_id', 'p.id')
    .innerJoin('agencies as a', 'a.id', 'pa.agency_id')
    .innerJoin('units as u', 'u.id', 'a.unit_id')
    .select(['p.code', 'p.level', 'p.online_level', 'p.record', 'u.code as unit_code'])
    .where('p.status', '=', 'active')
    .where('pa.role', '=', 'implementing')
    .where('p.level', 'in', ['district', 'commune', 'vertical'])
    .orderBy('p.code')
    .execute();
  const byCode = new Map<string, ScenarioProcedure>();
  for (const row of rows) {
    const known = byCode.get(row.code);
    if (known) {
      if (!known.unitCodes.includes(row.unit_code)) known.unitCodes.push(row.unit_code);
      continue;
    }
    byCode.set(row.code, {
      code: row.code,
      level: row.level as ProcedureLevel,
      onlineLevel: row.online_level as OnlineLevel,
      ...exampleApplication(row.record as TProcedureRecord),
      unitCodes: [row.unit_code],
    });
  }
  return [...byCode.values()];
}
