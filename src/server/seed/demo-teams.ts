// The Mộc Châu demo's community digital transformation teams: the article's "195 community digital
// transformation teams, with a total of 1,181 members" across the town's 15 wards and communes.
//
// Everything here is generated, deterministically: villages are generic ("Tiểu khu 3" in a ward,
// "Bản 7" in a commune), people are fictitious names built from common Kinh, Thái, Mường and H'Mông
// family and given names, and team phones are in the unassigned area code 0200, so no real person or
// number is ever published. Members' own phone numbers are left empty.
import type { AppDeps } from '../context.js';
import { appendAudit } from '../modules/audit/audit.repository.js';
import { findUserByLogin } from '../modules/auth/auth.repository.js';
import { anyTeam, insertMembersInBatches, insertTeamsInBatches } from '../modules/teams/teams.repository.js';
import { findSubtreeOn, findUnitIdsByCode } from '../modules/units/units.repository.js';

export const DEMO_TEAM_COUNT = 195;
export const DEMO_MEMBER_COUNT = 1181;
export const MIN_TEAMS_PER_UNIT = 8;
export const MIN_MEMBERS = 5;
export const MAX_MEMBERS = 7;
/** The demo account linked to a team (a team_member at Mộc Sơn ward). */
export const DEMO_TEAM_ACCOUNT = { username: 'team', fullName: 'Mùi Thị Xuân', unitCode: '03979' };

// Kept here rather than imported from demo.ts, which imports this file.
const MOC_CHAU_CODE = '123';
const DEMO_UNITS_DATE = '2025-03-01';

export interface DemoUnit {
  code: string;
  /** Wards are divided into tiểu khu (neighbourhoods), communes into bản (villages). */
  kind: 'ward' | 'commune';
}

export interface DemoTeam {
  code: string;
  unitCode: string;
  village: string;
  name: string;
  phone: string;
  leaderName: string;
  /** The leader first. */
  members: { fullName: string; isLeader: boolean }[];
}

/** A small seeded generator (mulberry32): the same plan on every run and every machine. */
export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pick = <T>(rand: () => number, items: readonly T[]): T => items[Math.floor(rand() * items.length)] as T;

/**
 * Splits `total` over `weights` with at least `minimum` each: the minimum first, the rest in proportion
 * to the weights, remainders to the largest fractions (ties to the earlier unit).
 */
export function distribute(total: number, weights: readonly number[], minimum: number): number[] {
  const spare = total - minimum * weights.length;
  if (spare < 0) throw new Error(`cannot give ${weights.length} units ${minimum} each out of ${total}`);
  const sum = weights.reduce((n, w) => n + w, 0);
  const exact = weights.map((w) => (spare * w) / sum);
  const counts = exact.map((x) => Math.floor(x));
  let left = spare - counts.reduce((n, c) => n + c, 0);
  const order = exact
    .map((x, i) => ({ i, fraction: x - Math.floor(x) }))
    .sort((a, b) => b.fraction - a.fraction || a.i - b.i);
  for (const { i } of order) {
    if (left === 0) break;
    counts[i] = (counts[i] ?? 0) + 1;
    left--;
  }
  return counts.map((c) => c + minimum);
}

/** Team sizes between MIN_MEMBERS and MAX_MEMBERS adding up to exactly `total`. */
export function teamSizes(teams: number, total: number, rand: () => number): number[] {
  if (total < teams * MIN_MEMBERS || total > teams * MAX_MEMBERS) throw new Error('impossible team sizes');
  const sizes = Array.from(
    { length: teams },
    () => MIN_MEMBERS + Math.floor(rand() * (MAX_MEMBERS - MIN_MEMBERS + 1)),
  );
  let difference = total - sizes.reduce((n, s) => n + s, 0);
  // Walk the teams with a stride coprime to their number, so adjustments spread across units.
  const stride = 7;
  for (let step = 0, i = 0; difference !== 0; step++, i = (i + stride) % teams) {
    const size = sizes[i] ?? MIN_MEMBERS;
    if (difference > 0 && size < MAX_MEMBERS) {
      sizes[i] = size + 1;
      difference--;
    } else if (difference < 0 && size > MIN_MEMBERS) {
      sizes[i] = size - 1;
      difference++;
    }
    if (step > teams * (MAX_MEMBERS - MIN_MEMBERS) * 2) throw new Error('team sizes did not settle');
  }
  return sizes;
}

// Common family names by community in Sơn La; fictitious combinations only.
const FAMILIES = {
  kinh: ['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Hoàng', 'Vũ', 'Đặng', 'Bùi', 'Đỗ', 'Ngô', 'Dương', 'Phan'],
  thai: ['Lò', 'Cầm', 'Lường', 'Quàng', 'Vì', 'Hà', 'Sa', 'Tòng', 'Mùi', 'Bạc', 'Lù', 'Điêu'],
  muong: ['Đinh', 'Bùi', 'Quách', 'Xa', 'Hà', 'Bạch'],
  hmong: ['Mùa', 'Giàng', 'Sùng', 'Vàng', 'Thào', 'Lầu', 'Hờ', 'Lý'],
} as const;
const GIVEN = {
  male: [
    'An',
    'Bình',
    'Cường',
    'Dũng',
    'Đức',
    'Hải',
    'Hùng',
    'Khánh',
    'Long',
    'Minh',
    'Nam',
    'Phong',
    'Quân',
    'Sơn',
    'Thắng',
    'Tuấn',
    'Việt',
    'Xuân',
    'Chiến',
    'Thanh',
  ],
  female: [
    'Anh',
    'Duyên',
    'Hà',
    'Hằng',
    'Hoa',
    'Hương',
    'Lan',
    'Liên',
    'Mai',
    'Ngọc',
    'Nhung',
    'Phương',
    'Quyên',
    'Thảo',
    'Thu',
    'Trang',
    'Uyên',
    'Yến',
    'Xuân',
    'Dung',
  ],
  hmongMale: ['Sình', 'Páo', 'Chua', 'Dế', 'Lử', 'Súa', 'Tủa', 'Chứ', 'Nhà', 'Vừ'],
  hmongFemale: ['Mỷ', 'Dợ', 'Chư', 'Mai', 'Sua', 'Pà', 'Máy', 'Dí', 'Ly', 'Sông'],
} as const;
const MIDDLE = {
  male: ['Văn', 'Đức', 'Minh', 'Quang', 'Văn'],
  female: ['Thị', 'Thị', 'Thu', 'Ngọc', 'Thị'],
} as const;

/** A made-up name of the town's Thái, Mường, Kinh or Hmông communities. */
export function personName(rand: () => number, kind: DemoUnit['kind']): string {
  const female = rand() < 0.5;
  // Wards are mostly Kinh and Thái; communes mostly Thái, Mường and H'Mông.
  const roll = rand();
  const community =
    kind === 'ward'
      ? roll < 0.5
        ? 'kinh'
        : roll < 0.85
          ? 'thai'
          : 'muong'
      : roll < 0.2
        ? 'kinh'
        : roll < 0.65
          ? 'thai'
          : roll < 0.8
            ? 'muong'
            : 'hmong';
  const family = pick(rand, FAMILIES[community]);
  if (community === 'hmong') {
    return female
      ? `${family} Thị ${pick(rand, GIVEN.hmongFemale)}`
      : `${family} A ${pick(rand, GIVEN.hmongMale)}`;
  }
  const middle = pick(rand, female ? MIDDLE.female : MIDDLE.male);
  let given = pick(rand, female ? GIVEN.female : GIVEN.male);
  while (given === middle) given = pick(rand, female ? GIVEN.female : GIVEN.male);
  return `${family} ${middle} ${given}`;
}

/**
 * The demo's teams over `units` (in the order given): about one team per tiểu khu or bản, communes a
 * little more than wards, at least MIN_TEAMS_PER_UNIT each; 5 to 7 members each, the first the leader.
 */
export function planDemoTeams(
  units: readonly DemoUnit[],
  totals: { teams: number; members: number } = { teams: DEMO_TEAM_COUNT, members: DEMO_MEMBER_COUNT },
): DemoTeam[] {
  const rand = random(1181_195);
  const weights = units.map((u, i) => (u.kind === 'commune' ? 1.4 : 1) + ((i * 7) % 5) / 10);
  const perUnit = distribute(totals.teams, weights, MIN_TEAMS_PER_UNIT);
  const sizes = teamSizes(totals.teams, totals.members, rand);
  const teams: DemoTeam[] = [];
  units.forEach((unit, u) => {
    for (let n = 1; n <= (perUnit[u] ?? 0); n++) {
      const village = unit.kind === 'ward' ? `Tiểu khu ${n}` : `Bản ${n}`;
      const size = sizes[teams.length] ?? MIN_MEMBERS;
      const names = new Set<string>();
      while (names.size < size) names.add(personName(rand, unit.kind));
      const members = [...names].map((fullName, i) => ({ fullName, isLeader: i === 0 }));
      const serial = String(n).padStart(2, '0');
      teams.push({
        code: `TCNS-${unit.code}-${serial}`,
        unitCode: unit.code,
        village,
        name: `Tổ công nghệ số cộng đồng ${village}`,
        // 0200 is not an area code in use: a fictitious landline, the unit's index and the team's number.
        phone: `0200${String(u + 1).padStart(3, '0')}${String(n).padStart(4, '0')}`,
        leaderName: members[0]?.fullName ?? '',
        members,
      });
    }
  });
  return teams;
}

/**
 * Loads the demo teams into a database holding the Mộc Châu units (and the demo accounts): one
 * transaction, a few batched statements. The `team` demo account becomes a member of the first Mộc Sơn
 * team in place of a generated member, so the totals stay the article's. Does nothing if any team exists.
 */
export async function loadDemoTeams(deps: AppDeps): Promise<number> {
  const db = deps.database.db;
  if (await anyTeam(db)) return 0;
  const rows = (await findSubtreeOn(db, MOC_CHAU_CODE, DEMO_UNITS_DATE)).filter(
    (row) => row.parentCode === MOC_CHAU_CODE,
  );
  if (rows.length === 0) return 0;
  const units: DemoUnit[] = rows.map((row) => ({
    code: row.code,
    kind: row.typeCode === 'commune' ? 'commune' : 'ward',
  }));
  const plan = planDemoTeams(units);
  const account = await findUserByLogin(db, DEMO_TEAM_ACCOUNT.username);
  const now = deps.clock.now();
  await db.transaction().execute(async (tx) => {
    const unitIds = await findUnitIdsByCode(
      tx,
      units.map((u) => u.code),
    );
    const teamIds = await insertTeamsInBatches(
      tx,
      plan.map((team) => ({
        code: team.code,
        unitId: unitIds.get(team.unitCode) ?? 0,
        name: team.name,
        village: team.village,
        leaderName: team.leaderName,
        phone: team.phone,
      })),
      now,
    );
    const linkedTeam = plan.find((team) => team.unitCode === DEMO_TEAM_ACCOUNT.unitCode)?.code;
    const members = plan.flatMap((team) =>
      team.members.map((member, i) => {
        // The demo account takes the place of the team's last member (never the leader).
        const linked = account !== undefined && team.code === linkedTeam && i === team.members.length - 1;
        return {
          teamId: teamIds.get(team.code) ?? 0,
          userId: linked ? account.id : null,
          fullName: linked ? account.full_name : member.fullName,
          phone: null,
          isLeader: member.isLeader,
        };
      }),
    );
    await insertMembersInBatches(tx, members, now);
    await appendAudit(tx, { actor: null, requestId: 'demo-seed' }, now, {
      action: 'teams.demo.load',
      targetType: 'digital_team',
      details: { teams: plan.length, members: members.length, linkedTeam: linkedTeam ?? null },
    });
  });
  return plan.length;
}
