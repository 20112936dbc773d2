#!/usr/bin/env node
// Derives the demo procedure catalogue of Mộc Châu (Sơn La) from public records of the National
// Public Service Portal, as compiled in a `procedures-dvc` folder (catalog.jsonl + procedures/*.json).
//
//   npx tsx scripts/derive-demo-catalog.mjs <path/to/procedures-dvc> [--out seed/catalog/moc-chau.json]
//
// It runs under tsx because it converts full records with the importer itself
// (src/server/modules/catalog/formats/national-portal.ts): the seed is exactly what an import makes.
// The output is deterministic: same input folder, same bytes. The rules are in docs/catalog-format.md.
//
// Target (from the district's published figures): 299 district-level, 142 commune-level and 95
// vertical-agency procedures; 265 fully online and 30 partially online. The portal publishes neither
// the level at which Mộc Châu handles a procedure nor its online level there, nor Mộc Châu's own
// agency names: those are demo assignments, flagged in every record (`demoAssigned`).
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const projectRoot = resolve(here, '..');

let schema;
let portal;
let writer;
try {
  schema = await import('../src/shared/catalog/schema.ts');
  portal = await import('../src/server/modules/catalog/formats/national-portal.ts');
  writer = await import('../src/server/modules/catalog/formats/write.ts');
} catch (error) {
  console.error(
    'This script imports the TypeScript importer: run it with `npx tsx scripts/derive-demo-catalog.mjs <dir>`.',
  );
  console.error(String(error));
  process.exit(2);
}

const QUOTA = { district: 299, commune: 142, vertical: 95 };
const ONLINE_QUOTA = { full: 265, partial: 30 };
const LEVEL_ORDER = ['district', 'commune', 'vertical'];

// ---------------------------------------------------------------------------------------------
// Arguments and input
// ---------------------------------------------------------------------------------------------

function parseArgs(argv) {
  const args = { dir: null, out: join(projectRoot, 'seed/catalog/moc-chau.json') };
  for (let i = 0; i < argv.length; i += 1) {
    if (argv[i] === '--out') args.out = resolve(argv[++i] ?? '');
    else if (argv[i] === '--help' || argv[i] === '-h') args.help = true;
    else if (args.dir === null) args.dir = resolve(argv[i]);
  }
  return args;
}

const args = parseArgs(process.argv.slice(2));
if (args.help || args.dir === null) {
  console.error('Usage: npx tsx scripts/derive-demo-catalog.mjs <path/to/procedures-dvc> [--out <file>]');
  process.exit(args.help ? 0 : 2);
}

if (!existsSync(join(args.dir, 'catalog.jsonl')) || !existsSync(join(args.dir, 'procedures'))) {
  console.error(`${args.dir} is not a procedures-dvc folder: it needs catalog.jsonl and procedures/.`);
  process.exit(2);
}

const catalogueRows = readFileSync(join(args.dir, 'catalog.jsonl'), 'utf8')
  .split('\n')
  .filter((line) => line.trim() !== '')
  .map((line) => JSON.parse(line));
const rowByCode = new Map(catalogueRows.map((row) => [row.code.trim(), row]));
const fullRecords = readdirSync(join(args.dir, 'procedures'))
  .filter((name) => name.endsWith('.json'))
  .sort()
  .map((name) => JSON.parse(readFileSync(join(args.dir, 'procedures', name), 'utf8')));

// ---------------------------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------------------------

const clean = (value) =>
  typeof value === 'string' ? value.normalize('NFC').replace(/\s+/g, ' ').trim() : '';
const lower = (value) => clean(value).toLowerCase();
const byText = (a, b) => (a < b ? -1 : a > b ? 1 : 0);
const NATIONAL_CODE = /^\d\.\d{6}$/;

/**
 * A key under which near-identical names collide ("Tách thửa hoặc hợp thửa đất" / "Tách thửa, hợp thửa
 * đất"; the same land procedure published by eight provinces), so the demo lists each once.
 */
function nameKey(name) {
  return lower(name)
    .replace(/^(thủ tục|trình tự, thủ tục|thủ tục:)\s*/u, '')
    .replace(/\((cấp xã|cấp huyện|cấp tỉnh)\)/gu, ' ')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .split(' ')
    .filter((word) => word && !['hoặc', 'và', 'đất', 'đối', 'với'].includes(word))
    .slice(0, 30)
    .join(' ');
}

/** A small deterministic hash, to spread choices without depending on file order. */
function hash(text) {
  let h = 2166136261;
  for (const ch of text) {
    h ^= ch.codePointAt(0);
    h = Math.imul(h, 16777619) >>> 0;
  }
  return h;
}

// ---------------------------------------------------------------------------------------------
// Levels and agencies
// ---------------------------------------------------------------------------------------------

// Mộc Châu's agencies, named generically so the importer can link them to the tenant's agencies.
const AGENCIES = [
  ['Phòng Tư pháp', 'Justice Division', 'district', 'department'],
  ['Phòng Tài nguyên và Môi trường', 'Natural Resources and Environment Division', 'district', 'department'],
  ['Phòng Kinh tế và Hạ tầng', 'Economy and Infrastructure Division', 'district', 'department'],
  ['Phòng Tài chính - Kế hoạch', 'Finance and Planning Division', 'district', 'department'],
  [
    'Phòng Nông nghiệp và Phát triển nông thôn',
    'Agriculture and Rural Development Division',
    'district',
    'department',
  ],
  [
    'Phòng Lao động - Thương binh và Xã hội',
    'Labour, Invalids and Social Affairs Division',
    'district',
    'department',
  ],
  ['Phòng Giáo dục và Đào tạo', 'Education and Training Division', 'district', 'department'],
  ['Phòng Văn hóa và Thông tin', 'Culture and Information Division', 'district', 'department'],
  ['Phòng Nội vụ', 'Home Affairs Division', 'district', 'department'],
  ['Phòng Dân tộc', 'Ethnic Affairs Division', 'district', 'department'],
  ['Phòng Y tế', 'Health Division', 'district', 'department'],
  ['Văn phòng HĐND và UBND', 'Office of the People’s Council and People’s Committee', 'district', 'office'],
  ['UBND cấp xã', 'Commune People’s Committee', 'commune', 'peoples_committee'],
  ['Công an cấp xã', 'Commune Police', 'commune', 'vertical'],
  ['Chi nhánh Văn phòng đăng ký đất đai', 'Land Registration Office Branch', 'vertical', 'vertical'],
  ['Chi cục Thuế', 'Tax Sub-department', 'vertical', 'vertical'],
  ['Công an huyện', 'District Police', 'vertical', 'vertical'],
  ['Bảo hiểm xã hội huyện', 'District Social Insurance', 'vertical', 'vertical'],
  ['Kho bạc Nhà nước', 'State Treasury', 'vertical', 'vertical'],
  ['Chi cục Thi hành án dân sự', 'Civil Judgment Enforcement Sub-department', 'vertical', 'vertical'],
];

// Fields (lĩnh vực) and the district division that handled them before the 2025 reform.
const DISTRICT_DIVISION_BY_FIELD = [
  [
    /^(đất đai|tài chính đất đai|tài nguyên nước|địa chất và khoáng sản|môi trường|nông nghiệp và môi trường|biến đổi khí hậu)$/,
    'Phòng Tài nguyên và Môi trường',
  ],
  [
    /^(hoạt động xây dựng|quy hoạch|hạ tầng kỹ thuật|phát triển đô thị|nhà ở|đường bộ|giao thông vận tải|quản lý kết cấu hạ tầng giao thông|công nghiệp địa phương|điện|lưu thông hàng hóa|tài sản kết cấu hạ tầng chợ|an toàn thực phẩm|kinh doanh khí|cụm công nghiệp)/,
    'Phòng Kinh tế và Hạ tầng',
  ],
  [
    /^(thành lập và hoạt động|quản lý công sản|đầu tư|đấu thầu|hỗ trợ doanh nghiệp|hỗ trợ tổ hợp tác|quản lý thuế, phí|bảo hiểm$)/,
    'Phòng Tài chính - Kế hoạch',
  ],
  [
    /^(nông nghiệp|trồng trọt|thủy lợi|lâm nghiệp|kiểm lâm|thủy sản|chăn nuôi|thú y|kinh tế hợp tác|quản lý đê điều|quản lý chương trình mục tiêu|bảo vệ thực vật|an toàn đập)/,
    'Phòng Nông nghiệp và Phát triển nông thôn',
  ],
  [
    /^(người có công|bảo trợ xã hội|trẻ em|giảm nghèo|việc làm|lao động|phòng, chống tệ nạn|quản lý lao động ngoài nước|tổ chức cai|chính sách$|bình đẳng giới|an toàn, vệ sinh lao động)/,
    'Phòng Lao động - Thương binh và Xã hội',
  ],
  [/^(giáo dục|đào tạo|các cơ sở giáo dục)/, 'Phòng Giáo dục và Đào tạo'],
  [
    /^(văn hóa|di sản văn hóa|du lịch|thể dục|gia đình|xuất bản|phát thanh|viễn thông|bưu chính|báo chí|quảng cáo|thư viện)/,
    'Phòng Văn hóa và Thông tin',
  ],
  [
    /^(tín ngưỡng|quản lý nhà nước về hội|thi đua|tổ chức|văn thư|công tác thanh niên|chính quyền địa phương)/,
    'Phòng Nội vụ',
  ],
  [/^(công tác dân tộc)/, 'Phòng Dân tộc'],
  [/^(hộ tịch|chứng thực|nuôi con nuôi|hòa giải|bồi thường nhà nước|phổ biến|quốc tịch)/, 'Phòng Tư pháp'],
  [/^(y tế|khám bệnh|dược|dân số|phòng bệnh|y dược)/, 'Phòng Y tế'],
];

// Fields whose procedures a commune People's Committee handles itself.
const COMMUNE_FIELDS =
  /^(hộ tịch|chứng thực|nuôi con nuôi|hòa giải ở cơ sở|bảo trợ xã hội|người có công|giảm nghèo|trẻ em|phòng, chống tệ nạn xã hội|thi đua|văn hóa|phổ biến|quản lý đê điều|lâm nghiệp|trồng trọt|chính sách|gia đình|đăng ký, quản lý cư trú)/;

// Places and subjects Mộc Châu, an inland mountain district, does not handle at all.
// Military procedures are left out too: the demo has no military command among its agencies.
const OUT_OF_SCOPE_FIELDS =
  /^(biển và hải đảo|hàng hải|hàng không|hải quan|quản lý xuất nhập cảnh|an toàn bức xạ|thành lập và hoạt động ngân hàng|chứng khoán|bảo đảm an ninh hàng không|nghĩa vụ quân sự|dân quân tự vệ|tuyển sinh quân sự)|bqp$/;

function districtDivision(field) {
  const f = lower(field);
  for (const [pattern, division] of DISTRICT_DIVISION_BY_FIELD) if (pattern.test(f)) return division;
  return 'Văn phòng HĐND và UBND';
}

/** Agencies named in the source (catalogue departments and the record's implementing agency). */
function sourceAgencies(record, row) {
  return [...(row?.departments ?? []), ...(record ? clean(record.executing_agency).split(';') : [])]
    .map(clean)
    .filter(Boolean);
}

function outOfScope(name, field, agencies, promulgator) {
  const n = lower(name);
  const text = agencies.map(lower).join(' ; ');
  if (OUT_OF_SCOPE_FIELDS.test(lower(field))) return true;
  // Done abroad by embassies and consulates, or by the Ministry of Foreign Affairs.
  if (lower(promulgator) === 'bộ ngoại giao' || /đại diện|lãnh sự|ngoại giao/.test(text)) return true;
  if (/khu vực biển|lấn biển|hải đảo|khu kinh tế|khu công nghiệp|khu chế xuất/.test(`${n} ${text}`))
    return true;
  if (/sở tư pháp|cơ sở dữ liệu hộ tịch/.test(text)) return true;
  return false;
}

/**
 * The demo level of a procedure, or null when it does not belong in a district catalogue. Pre-2025
 * practice: civil status with a foreign element at the district (Phòng Tư pháp), the rest of civil
 * status and residence at the commune; land registration, tax, police and social insurance by
 * vertical agencies; land allocation and most licensing at the district.
 */
function classify({ name, field, agencies, promulgator, allowProvincialLand = false }) {
  if (outOfScope(name, field, agencies, promulgator)) return null;
  const n = lower(name);
  const f = lower(field);
  const text = agencies.map(lower).join(' ; ');
  const communeAgency = /cấp xã/.test(text);
  if (f === 'hộ tịch') return /nước ngoài/.test(n) && !/biên giới/.test(n) ? 'district' : 'commune';
  if (f === 'đăng ký, quản lý cư trú') return 'commune';
  if (/đăng ký đất đai/.test(text) && !communeAgency && !/phòng kinh tế/.test(text)) return 'vertical';
  if (/thuế/.test(text) || f === 'thuế') return 'vertical';
  if (/công an cấp xã|công an cấp huyện|phòng cháy/.test(text) || f === 'phòng cháy, chữa cháy')
    return 'vertical';
  if (/bảo hiểm xã hội/.test(text)) return 'vertical';
  if (/kho bạc/.test(text)) return 'vertical';
  if (/thi hành án/.test(text) || f === 'thi hành án dân sự') return 'vertical';
  // Only the province's or a ministry's agencies: not a district procedure.
  // Divisions of the province's police ("Phòng cảnh sát …") are not district divisions.
  const districtDivisionNamed = text
    .split(' ; ')
    .some((agency) => /^phòng /.test(agency) && !/cảnh sát|xuất nhập cảnh/.test(agency));
  if (!communeAgency && !districtDivisionNamed) {
    // Land for households and individuals was allocated by the district (Land Law 2024, art. 123),
    // even where the 2025 records name the province's department.
    if (
      f === 'đất đai' &&
      allowProvincialLand &&
      /cá nhân|hộ gia đình|cộng đồng dân cư/.test(n) &&
      !/tổ chức/.test(n)
    ) {
      return 'district';
    }
    return null;
  }
  if (COMMUNE_FIELDS.test(f)) return 'commune';
  return 'district';
}

function agencyFor(level, field, agencies) {
  const text = agencies.map(lower).join(' ; ');
  const f = lower(field);
  if (level === 'commune')
    return f === 'đăng ký, quản lý cư trú' && /công an/.test(text) ? 'Công an cấp xã' : 'UBND cấp xã';
  if (level === 'vertical') {
    if (/đăng ký đất đai/.test(text) || f === 'đất đai') return 'Chi nhánh Văn phòng đăng ký đất đai';
    if (/thuế/.test(text) || f === 'thuế') return 'Chi cục Thuế';
    if (/bảo hiểm xã hội/.test(text)) return 'Bảo hiểm xã hội huyện';
    if (/kho bạc/.test(text)) return 'Kho bạc Nhà nước';
    if (/thi hành án/.test(text) || f === 'thi hành án dân sự') return 'Chi cục Thi hành án dân sự';
    return 'Công an huyện';
  }
  return districtDivision(field);
}

// ---------------------------------------------------------------------------------------------
// Candidates
// ---------------------------------------------------------------------------------------------

const usedKeys = new Set();
const candidates = { district: [], commune: [], vertical: [] };

// 1. Full records, one per name key; the most detailed record of a key represents it.
const fullByKey = new Map();
for (const raw of fullRecords) {
  const code = clean(raw.code);
  if (!NATIONAL_CODE.test(code)) continue;
  const row = rowByCode.get(code);
  const field = clean(raw.category?.name) || clean(row?.categories?.[0]);
  const agencies = sourceAgencies(raw, row);
  const level = classify({
    name: raw.name,
    field,
    agencies,
    promulgator: raw.promulgating_agency,
    allowProvincialLand: true,
  });
  if (level === null) continue;
  const detail =
    (raw.checklist_raw ?? []).reduce((n, g) => n + (g.items?.length ?? 0), 0) +
    (raw.legal_basis?.length ? 5 : 0) +
    ((raw.channels ?? []).some(
      (ch) => ch.processing && typeof ch.processing.qty === 'number' && ch.processing.qty > 0,
    )
      ? 5
      : 0);
  const key = nameKey(raw.name);
  const current = fullByKey.get(key);
  if (!current || detail > current.detail || (detail === current.detail && code < current.code)) {
    fullByKey.set(key, { kind: 'full', code, key, raw, row, field, agencies, level, detail });
  }
}
for (const entry of [...fullByKey.values()].sort((a, b) => byText(a.code, b.code))) {
  candidates[entry.level].push(entry);
}

// 2. Catalogue rows, in tiers: national standard procedures naming a local agency; Sơn La's own
// procedures; national standard procedures naming no agency, in fields a district or commune handles;
// last, other provinces' own procedures that do not name their province.
const DISTRICT_LOCAL_FIELDS =
  /^(đất đai|tài chính đất đai|thủy lợi|tín ngưỡng, tôn giáo|giáo dục|các cơ sở giáo dục khác|thành lập và hoạt động của tổ hợp tác|kinh tế hợp tác|chăn nuôi|thú y|nông nghiệp|di sản văn hóa|thể dục thể thao|xuất bản|lưu thông hàng hóa trong nước|nhà ở và công sở|tổ chức cai|việc làm|kinh doanh khí)/;
const CENTRAL_OR_PROVINCIAL_NAME =
  /bộ trưởng|thủ tướng|trung ương|cấp tỉnh|cấp bộ|chính phủ|quốc gia|\bsở |ủy ban nhân dân tỉnh|ubnd tỉnh/;
const NAMES_A_PLACE = /\b(tỉnh|thành phố|tp\.?) (?!sơn la)\p{Lu}/u;

const fullCodes = new Set(fullRecords.map((raw) => clean(raw.code)));
const rowCandidates = [];
for (const row of catalogueRows) {
  const code = clean(row.code);
  if (!NATIONAL_CODE.test(code) || fullCodes.has(code)) continue;
  if (row.type === 'STANDARD_INTERNAL') continue;
  const field = clean(row.categories?.[0]);
  if (!field) continue;
  const agencies = sourceAgencies(null, row);
  const name = clean(row.name);
  const sonLa =
    /sơn la/.test(lower(row.departmentPromulgate)) || agencies.some((agency) => /sơn la/.test(lower(agency)));
  let level = classify({ name, field, agencies, promulgator: row.departmentPromulgate });
  let tier;
  if (level !== null) {
    tier = row.type === 'STANDARD' ? 1 : sonLa ? 2 : 4;
  } else if (
    agencies.length === 0 &&
    row.type === 'STANDARD' &&
    !CENTRAL_OR_PROVINCIAL_NAME.test(lower(name))
  ) {
    if (outOfScope(name, field, agencies, row.departmentPromulgate)) continue;
    const f = lower(field);
    level = COMMUNE_FIELDS.test(f) ? 'commune' : DISTRICT_LOCAL_FIELDS.test(f) ? 'district' : null;
    tier = 3;
  }
  if (level === null || level === undefined) continue;
  if (tier === 4 && NAMES_A_PLACE.test(name)) continue;
  rowCandidates.push({ kind: 'row', code, key: nameKey(name), row, field, agencies, level, tier });
}
rowCandidates.sort((a, b) => a.tier - b.tier || byText(a.code, b.code));

// ---------------------------------------------------------------------------------------------
// Selection
// ---------------------------------------------------------------------------------------------

/**
 * Takes up to `count` entries, one group after another in turn, so every group is represented: fields
 * for district and commune procedures, agencies for vertical ones (tax, police, social insurance …).
 */
function takeRoundRobin(entries, count) {
  const byField = new Map();
  for (const entry of entries) {
    const group =
      entry.level === 'vertical' ? agencyFor(entry.level, entry.field, entry.agencies) : entry.field;
    if (!byField.has(group)) byField.set(group, []);
    byField.get(group).push(entry);
  }
  const fields = [...byField.keys()].sort(byText);
  const taken = [];
  while (taken.length < count && fields.some((field) => byField.get(field).length > 0)) {
    for (const field of fields) {
      const queue = byField.get(field);
      while (queue.length > 0 && taken.length < count) {
        const entry = queue.shift();
        // Two rows of one name within a tier: the first one stands for both.
        if (usedKeys.has(entry.key)) continue;
        usedKeys.add(entry.key);
        taken.push(entry);
        break;
      }
    }
  }
  return taken;
}

const selected = [];
for (const level of LEVEL_ORDER) {
  const chosen = [];
  for (const entry of candidates[level]) {
    if (chosen.length >= QUOTA[level] || usedKeys.has(entry.key)) continue;
    usedKeys.add(entry.key);
    chosen.push(entry);
  }
  for (const tier of [1, 2, 3, 4]) {
    if (chosen.length >= QUOTA[level]) break;
    const pool = rowCandidates.filter(
      (entry) => entry.level === level && entry.tier === tier && !usedKeys.has(entry.key),
    );
    chosen.push(...takeRoundRobin(pool, QUOTA[level] - chosen.length));
  }
  if (chosen.length !== QUOTA[level]) {
    console.error(`Not enough ${level} procedures: ${chosen.length} of ${QUOTA[level]}.`);
    process.exit(1);
  }
  selected.push(...chosen);
}

// ---------------------------------------------------------------------------------------------
// Online levels
// ---------------------------------------------------------------------------------------------

const hasOnlineChannel = (entry) =>
  entry.kind === 'full' &&
  (entry.raw.channels ?? []).some((ch) => String(ch.method).toUpperCase() === 'ONLINE');
// Results delivered as a paper certificate (land-use right certificates, construction permits) need the
// original at the counter, so they are the partially online ones; records without an online channel on
// the portal stay offline.
const paperResult = (entry) =>
  /giấy chứng nhận|giấy phép|cấp đổi|cấp lại|tách thửa|hợp thửa/.test(
    lower(entry.kind === 'full' ? entry.raw.name : entry.row.name),
  );
const onlineFriendlyField = (entry) =>
  /^(hộ tịch|đăng ký, quản lý cư trú|chứng thực|thuế|bảo hiểm xã hội|người có công|bảo trợ xã hội|thành lập và hoạt động|cấp, quản lý căn cước)/.test(
    lower(entry.field),
  );

const onlineLevel = new Map();
const withOnline = selected.filter(hasOnlineChannel);
const partial = withOnline
  .filter(paperResult)
  .sort((a, b) => hash(a.code) - hash(b.code) || byText(a.code, b.code))
  .slice(0, ONLINE_QUOTA.partial);
for (const entry of partial) onlineLevel.set(entry.code, 'partial');
const fullCandidates = [
  ...withOnline.filter((entry) => !onlineLevel.has(entry.code)).sort((a, b) => byText(a.code, b.code)),
  // Catalogue-only procedures in fields the national portal already serves online, then the rest.
  ...selected
    .filter((entry) => entry.kind === 'row')
    .sort(
      (a, b) =>
        Number(onlineFriendlyField(b)) - Number(onlineFriendlyField(a)) ||
        hash(a.code) - hash(b.code) ||
        byText(a.code, b.code),
    ),
];
for (const entry of fullCandidates.slice(0, ONLINE_QUOTA.full)) onlineLevel.set(entry.code, 'full');
if (partial.length !== ONLINE_QUOTA.partial) {
  console.error(`Only ${partial.length} partially online candidates.`);
  process.exit(1);
}

// ---------------------------------------------------------------------------------------------
// Records
// ---------------------------------------------------------------------------------------------

// The flags say it; the explanation is in the file's notes once, rather than 536 times (the UI
// translates the flags into words anyway).
const demoAssigned = { level: true, onlineLevel: true, agencies: true, note: null };
const PORTAL_URL = 'https://dichvucong.gov.vn/thu-tuc-hanh-chinh/';

const records = [];
let rejected = 0;
for (const entry of selected) {
  const level = entry.level;
  const agencies = [{ name: agencyFor(level, entry.field, entry.agencies), role: 'implementing' }];
  const online = onlineLevel.get(entry.code) ?? 'none';
  if (entry.kind === 'full') {
    const converted = portal.fromNationalPortal(entry.raw, {
      level,
      onlineLevel: online,
      agencies,
      fallbackField: { name: entry.field, code: null },
      demoAssigned,
    });
    if (!converted.ok) {
      rejected += 1;
      console.error(`Rejected ${entry.code}: ${JSON.stringify(converted.reasons)}`);
      continue;
    }
    records.push(converted.record);
    continue;
  }
  const row = entry.row;
  const parsed = schema.ZProcedureRecord.safeParse({
    code: entry.code,
    name: clean(row.name),
    field: entry.field,
    fieldCode: null,
    level,
    onlineLevel: online,
    status: 'active',
    version: 1,
    dataCompleteness: 'catalogue_only',
    agencies,
    promulgatingAgency: clean(row.departmentPromulgate) || null,
    targetSubjects: [...new Set((row.formalityTargetType ?? []).map(clean).filter(Boolean))],
    demoAssigned,
    source: {
      kind: 'catalogue_row',
      id: clean(row.id) || null,
      // The full records show the portal's page address is this prefix and the same id.
      url: row.id ? `${PORTAL_URL}${clean(row.id)}` : null,
      updatedAt: null,
      publishedAgency: (row.departments ?? []).map(clean).filter(Boolean).join('; ') || null,
    },
  });
  if (!parsed.success) {
    rejected += 1;
    console.error(`Rejected ${entry.code}: ${JSON.stringify(parsed.error.issues)}`);
    continue;
  }
  records.push(parsed.data);
}
if (rejected > 0) process.exit(1);
records.sort((a, b) => byText(a.code, b.code));

const fields = [...new Map(records.map((r) => [r.field, { name: r.field, code: r.fieldCode }])).values()]
  .reduce((acc, field) => {
    const existing = acc.find((f) => f.name === field.name);
    if (!existing) acc.push(field);
    else if (existing.code === null && field.code !== null) existing.code = field.code;
    return acc;
  }, [])
  .sort((a, b) => byText(a.name, b.name));
const usedAgencies = new Set(records.flatMap((r) => r.agencies.map((a) => a.name)));
const agencies = AGENCIES.filter(([name]) => usedAgencies.has(name)).map(([name, nameEn, level, kind]) => ({
  name,
  nameEn,
  level,
  kind,
  note: null,
}));

const crawledAt = fullRecords
  .map((raw) => clean(raw.source?.crawled_at))
  .filter(Boolean)
  .sort(byText)
  .at(-1);

const file = {
  format: schema.CATALOGUE_FILE_FORMAT,
  formatVersion: schema.CATALOGUE_FILE_FORMAT_VERSION,
  title: 'Danh mục thủ tục hành chính mẫu - Mộc Châu, Sơn La (dữ liệu demo)',
  source:
    'Cổng Dịch vụ công quốc gia (dichvucong.gov.vn), bản ghi công khai do một kho thu thập công cộng tổng hợp ' +
    `(procedures-dvc: catalog.jsonl ${catalogueRows.length} dòng danh mục, ${fullRecords.length} bản ghi đầy đủ` +
    `${crawledAt ? `, thu thập đến ${crawledAt.slice(0, 10)}` : ''}). ` +
    'Dẫn xuất bằng scripts/derive-demo-catalog.mjs; quy tắc trong docs/catalog-format.md.',
  notes: [
    'Demo data. Level, online level and the handling agency at Mộc Châu are assigned by rules, not published by the portal; every record says so in demoAssigned.',
    'dataCompleteness "full": documents, fees, time limits, steps and legal basis as published on the national portal. "catalogue_only": name, code, field and subjects from the national catalogue only; documents, fees and time limits are not recorded.',
    `Counts: ${QUOTA.district} district-level, ${QUOTA.commune} commune-level, ${QUOTA.vertical} vertical-agency procedures; ${ONLINE_QUOTA.full} fully and ${ONLINE_QUOTA.partial} partially online.`,
  ],
  fields,
  agencies,
  procedures: records,
};

const checked = schema.ZCatalogueFile.safeParse(file);
if (!checked.success) {
  console.error(JSON.stringify(checked.error.issues.slice(0, 10), null, 2));
  process.exit(1);
}
const count = (predicate) => checked.data.procedures.filter(predicate).length;
const counts = {
  total: checked.data.procedures.length,
  district: count((r) => r.level === 'district'),
  commune: count((r) => r.level === 'commune'),
  vertical: count((r) => r.level === 'vertical'),
  full: count((r) => r.onlineLevel === 'full'),
  partial: count((r) => r.onlineLevel === 'partial'),
  none: count((r) => r.onlineLevel === 'none'),
  fullRecords: count((r) => r.dataCompleteness === 'full'),
  catalogueOnly: count((r) => r.dataCompleteness === 'catalogue_only'),
};
if (
  counts.district !== QUOTA.district ||
  counts.commune !== QUOTA.commune ||
  counts.vertical !== QUOTA.vertical ||
  counts.full !== ONLINE_QUOTA.full ||
  counts.partial !== ONLINE_QUOTA.partial
) {
  console.error('Counts do not match the targets:', counts);
  process.exit(1);
}

mkdirSync(dirname(args.out), { recursive: true });
const json = writer.catalogueFileToJson(checked.data);
writeFileSync(args.out, json);
console.log(`Wrote ${args.out} (${(Buffer.byteLength(json) / 1024 / 1024).toFixed(2)} MiB):`, counts);
