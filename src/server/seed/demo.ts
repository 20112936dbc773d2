// The Mộc Châu demo: Sơn La province, Mộc Châu town (district code 123) with its 15 wards and
// communes as of 2025-03-01, its agencies and one account per role. Loaded once, into an empty database.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Role } from '../../shared/auth/roles.js';
import { vietnamDate } from '../../shared/clock.js';
import type { ActionContext, AppDeps } from '../context.js';
import type { AgencyKind } from '../db/schema.js';
import { createUser as insertUserWithRoles } from '../modules/auth/auth.service.js';
import { importProcedures } from '../modules/catalog/catalog.service.js';
import { readCatalogueFile } from '../modules/catalog/formats/read.js';
import { upsertTarget } from '../modules/stats/stats.repository.js';
import { parseUnitSnapshot } from '../modules/units/units.format.js';
import {
  countUnits,
  findUnitIdsByCode,
  insertAgency,
  updateUnitDetails,
} from '../modules/units/units.repository.js';
import { importUnitSnapshot } from '../modules/units/units.service.js';
import { loadDemoApplications } from './demo-applications.js';
import { loadDemoCapacity } from './demo-capacity.js';
import { loadDemoContent } from './demo-content.js';
import { loadDemoEvaluations } from './demo-evaluations.js';
import { loadDemoFeedback } from './demo-feedback.js';
import { loadDemoPayments } from './demo-payments.js';
import { loadDemoTeams } from './demo-teams.js';
import { hashFor } from './factories.js';

export const SEED_DIR = fileURLToPath(new URL('../../../seed/', import.meta.url));
export const DEMO_UNITS_FILE = `${SEED_DIR}units/son-la-moc-chau-3level-2025-03-01.json`;
export const DEMO_UNITS_DATE = '2025-03-01';
export const MOC_CHAU_CODE = '123';

// Agencies of a town in 2025 (Decree 37/2014, as amended). `catalogName` is the generic name the
// national catalogue uses ("Công an huyện"), which links the town's own agency to its procedures.
const MOC_CHAU_AGENCIES: {
  code: string;
  kind: AgencyKind;
  name: string;
  nameEn: string;
  catalogName?: string;
  hasCounter?: boolean;
}[] = [
  {
    code: 'MC-UBND',
    kind: 'peoples_committee',
    name: 'Ủy ban nhân dân thị xã Mộc Châu',
    nameEn: "Moc Chau Town People's Committee",
  },
  {
    code: 'MC-VP',
    kind: 'office',
    name: 'Văn phòng HĐND và UBND thị xã (Bộ phận Một cửa)',
    nameEn: "Office of the People's Council and Committee (one-stop counter)",
    hasCounter: true,
  },
  { code: 'MC-TP', kind: 'department', name: 'Phòng Tư pháp', nameEn: 'Justice Division' },
  {
    code: 'MC-TNMT',
    kind: 'department',
    name: 'Phòng Tài nguyên và Môi trường',
    nameEn: 'Natural Resources and Environment Division',
  },
  {
    code: 'MC-QLDT',
    kind: 'department',
    name: 'Phòng Quản lý đô thị',
    nameEn: 'Urban Management Division',
    catalogName: 'Phòng Kinh tế và Hạ tầng',
  },
  {
    code: 'MC-KT',
    kind: 'department',
    name: 'Phòng Kinh tế',
    nameEn: 'Economy Division',
    catalogName: 'Phòng Nông nghiệp và Phát triển nông thôn',
  },
  {
    code: 'MC-TCKH',
    kind: 'department',
    name: 'Phòng Tài chính - Kế hoạch',
    nameEn: 'Finance and Planning Division',
  },
  {
    code: 'MC-LDTBXH',
    kind: 'department',
    name: 'Phòng Lao động - Thương binh và Xã hội',
    nameEn: 'Labour, Invalids and Social Affairs Division',
  },
  { code: 'MC-NV', kind: 'department', name: 'Phòng Nội vụ', nameEn: 'Home Affairs Division' },
  {
    code: 'MC-VHTT',
    kind: 'department',
    name: 'Phòng Văn hóa và Thông tin',
    nameEn: 'Culture and Information Division',
  },
  {
    code: 'MC-GDDT',
    kind: 'department',
    name: 'Phòng Giáo dục và Đào tạo',
    nameEn: 'Education and Training Division',
  },
  { code: 'MC-DT', kind: 'department', name: 'Phòng Dân tộc', nameEn: 'Ethnic Affairs Division' },
  {
    code: 'MC-VPDKDD',
    kind: 'vertical',
    name: 'Chi nhánh Văn phòng Đăng ký đất đai thị xã Mộc Châu',
    nameEn: 'Moc Chau Branch of the Land Registration Office',
    catalogName: 'Chi nhánh Văn phòng đăng ký đất đai',
  },
  {
    code: 'MC-THUE',
    kind: 'vertical',
    name: 'Chi cục Thuế khu vực Mộc Châu',
    nameEn: 'Moc Chau Area Tax Department',
    catalogName: 'Chi cục Thuế',
  },
  {
    code: 'MC-CA',
    kind: 'vertical',
    name: 'Công an thị xã Mộc Châu',
    nameEn: 'Moc Chau Town Police',
    catalogName: 'Công an huyện',
  },
  {
    code: 'MC-BHXH',
    kind: 'vertical',
    name: 'Bảo hiểm xã hội thị xã Mộc Châu',
    nameEn: 'Moc Chau Social Insurance',
    catalogName: 'Bảo hiểm xã hội huyện',
  },
  {
    code: 'MC-KBNN',
    kind: 'vertical',
    name: 'Kho bạc Nhà nước Mộc Châu',
    nameEn: 'Moc Chau State Treasury',
    catalogName: 'Kho bạc Nhà nước',
  },
  {
    code: 'MC-THA',
    kind: 'vertical',
    name: 'Chi cục Thi hành án dân sự thị xã Mộc Châu',
    nameEn: 'Moc Chau Civil Judgment Enforcement',
    catalogName: 'Chi cục Thi hành án dân sự',
  },
];

export interface DemoAccount {
  username: string;
  fullName: string;
  role: Role;
  unitCode: string | null;
  agencyCode: string | null;
}

// Fictitious people; one per role, so a new user can see every side of the product.
export const DEMO_ACCOUNTS: DemoAccount[] = [
  {
    username: 'admin',
    fullName: 'Quản trị hệ thống',
    role: 'administrator',
    unitCode: MOC_CHAU_CODE,
    agencyCode: null,
  },
  {
    username: 'counter',
    fullName: 'Lò Thị Hoa',
    role: 'counter_officer',
    unitCode: MOC_CHAU_CODE,
    agencyCode: 'MC-VP',
  },
  {
    username: 'specialist',
    fullName: 'Hà Văn Nam',
    role: 'specialist',
    unitCode: MOC_CHAU_CODE,
    agencyCode: 'MC-TP',
  },
  {
    username: 'head',
    fullName: 'Đinh Thị Lan',
    role: 'unit_head',
    unitCode: MOC_CHAU_CODE,
    agencyCode: 'MC-TP',
  },
  {
    username: 'leader',
    fullName: 'Sa Văn Minh',
    role: 'signing_leader',
    unitCode: MOC_CHAU_CODE,
    agencyCode: 'MC-UBND',
  },
  { username: 'team', fullName: 'Mùi Thị Xuân', role: 'team_member', unitCode: '03979', agencyCode: null },
  { username: 'citizen', fullName: 'Nguyễn Văn An', role: 'citizen', unitCode: null, agencyCode: null },
];

/** Loads the demo when the database holds no unit yet; returns whether it did. */
export async function loadDemoIfEmpty(deps: AppDeps): Promise<boolean> {
  if ((await countUnits(deps.database.db)) > 0) return false;
  await loadDemo(deps);
  return true;
}

export interface DemoOptions {
  /** From when the unit tree holds (the scenario starts before the tree's date). */
  unitsValidFrom?: string;
  /** The made-up activity (applications, feedback, evaluations, payments, tests); false for the scenario. */
  activity?: boolean;
}

/**
 * The demo: units, agencies, accounts, catalogue, teams, content and targets, then (unless told not
 * to) a few days of made-up activity around now.
 */
export async function loadDemo(deps: AppDeps, options: DemoOptions = {}): Promise<void> {
  const parsed = parseUnitSnapshot(JSON.parse(readFileSync(DEMO_UNITS_FILE, 'utf8')));
  if (!parsed.ok) throw new Error(`Demo units file is invalid: ${parsed.problems.join('; ')}`);
  const context = { actor: null, requestId: 'demo-seed' };
  await importUnitSnapshot(deps, context, {
    provinces: parsed.provinces,
    validFrom: options.unitsValidFrom ?? DEMO_UNITS_DATE,
  });
  const passwordHash = await hashFor(deps.config.demoPassword);
  await deps.database.db.transaction().execute(async (tx) => {
    const wardCodes = parsed.provinces.flatMap((p) =>
      p.descendants.filter((d) => d.parentCode === MOC_CHAU_CODE),
    );
    const ids = await findUnitIdsByCode(tx, [MOC_CHAU_CODE, ...wardCodes.map((w) => w.code)]);
    const mocChau = ids.get(MOC_CHAU_CODE)!;
    await updateUnitDetails(tx, mocChau, { hasCounter: true });
    const agencies = new Map<string, number>();
    for (const agency of MOC_CHAU_AGENCIES)
      agencies.set(agency.code, await insertAgency(tx, { unitId: mocChau, ...agency }));
    // Every ward and commune has its People's Committee with a one-stop counter, and its police.
    for (const ward of wardCodes) {
      const unitId = ids.get(ward.code)!;
      await updateUnitDetails(tx, unitId, { hasCounter: true });
      await insertAgency(tx, {
        unitId,
        code: `UBND-${ward.code}`,
        kind: 'peoples_committee',
        name: `Ủy ban nhân dân ${ward.fullName}`,
        nameEn: `${ward.fullNameEn} People's Committee`,
        catalogName: 'UBND cấp xã',
        hasCounter: true,
      });
      await insertAgency(tx, {
        unitId,
        code: `CA-${ward.code}`,
        kind: 'vertical',
        name: `Công an ${ward.fullName.replace(/^(Phường|Xã|Thị trấn)/, (m) => m.toLowerCase())}`,
        nameEn: `${ward.fullNameEn} Police`,
        catalogName: 'Công an cấp xã',
      });
    }
    for (const account of DEMO_ACCOUNTS) {
      await insertUserWithRoles(tx, {
        username: account.username,
        passwordHash,
        fullName: account.fullName,
        email: account.role === 'citizen' ? 'citizen@example.vn' : null,
        roles: [
          {
            role: account.role,
            unitId: account.unitCode ? (ids.get(account.unitCode) ?? null) : null,
            agencyId: account.agencyCode ? (agencies.get(account.agencyCode) ?? null) : null,
          },
        ],
      });
    }
  });
  await loadDemoCatalogue(deps, context);
  await loadDemoTeams(deps);
  await loadDemoContent(deps);
  await loadDemoTargets(deps);
  if (options.activity === false) return;
  await loadDemoApplications(deps);
  await loadDemoFeedback(deps);
  await loadDemoEvaluations(deps);
  await loadDemoCapacity(deps);
  await loadDemoPayments(deps);
}

/** Mộc Châu's targets for this year, as the article's district sets them (an online rate of 80%...). */
export const DEMO_TARGETS = {
  applications_online: 80,
  handled_on_time: 98,
  service_satisfaction: 95,
} as const;

async function loadDemoTargets(deps: AppDeps): Promise<void> {
  const db = deps.database.db;
  const unitId = (await findUnitIdsByCode(db, [MOC_CHAU_CODE])).get(MOC_CHAU_CODE);
  const admin = await db.selectFrom('users').select('id').where('username', '=', 'admin').executeTakeFirst();
  if (unitId === undefined || !admin) return;
  const at = deps.clock.now();
  const year = Number(vietnamDate(at).slice(0, 4));
  for (const [indicator, target] of Object.entries(DEMO_TARGETS))
    await upsertTarget(db, { unitId, year, indicator, target, userId: admin.id, at });
}

export const DEMO_CATALOGUE_FILE = `${SEED_DIR}catalog/moc-chau.json`;

/** The demo catalogue: 299 district-level, 142 commune-level and 95 vertical-agency procedures. */
export async function loadDemoCatalogue(deps: AppDeps, context: ActionContext): Promise<void> {
  const read = await readCatalogueFile('moc-chau.json', readFileSync(DEMO_CATALOGUE_FILE));
  if (read.issues.length > 0)
    throw new Error(`Demo catalogue is invalid: ${JSON.stringify(read.issues.slice(0, 3))}`);
  const report = await importProcedures(deps, context, { records: read.records });
  if (report.rejected.length > 0 || report.unlinkedAgencies.length > 0) {
    throw new Error(
      `Demo catalogue did not load cleanly: ${JSON.stringify(report.rejected.slice(0, 3))} ${report.unlinkedAgencies.join(', ')}`,
    );
  }
}
