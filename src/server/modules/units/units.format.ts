// Reads the two snapshot shapes of the public "vietnamese-provinces-database": three levels
// (Province > District > Ward, 2025-03-01) and two levels (Province > Wards, 2025-07-01).
import { z } from 'zod';

const ZNames = {
  Code: z.string().regex(/^\d{1,6}$/),
  Name: z.string().min(1).max(200),
  NameEn: z.string().max(200).optional().nullable(),
  FullName: z.string().min(1).max(200),
  FullNameEn: z.string().max(200).optional().nullable(),
};
const ZWard = z.object(ZNames);
const ZDistrict = z.object({ ...ZNames, Ward: z.array(ZWard).nullish() });
const ZProvince = z.object({
  ...ZNames,
  District: z.array(ZDistrict).nullish(),
  Wards: z.array(ZWard).nullish(),
  Ward: z.array(ZWard).nullish(),
});
export const ZUnitSnapshot = z.array(ZProvince).min(1);

export interface SnapshotUnit {
  code: string;
  parentCode: string | null;
  typeCode: string;
  name: string;
  nameEn: string;
  fullName: string;
  fullNameEn: string;
}

export interface SnapshotProvince {
  province: SnapshotUnit;
  /** The province's descendants, parents before children. */
  descendants: SnapshotUnit[];
}

// Longest prefixes first: "Thành phố" names both a municipality and a provincial city.
const TYPE_BY_PREFIX: [string, (level: number) => string][] = [
  ['Thành phố', (level) => (level === 1 ? 'municipality' : 'provincial_city')],
  ['Thị trấn', () => 'township'],
  ['Thị xã', () => 'town'],
  ['Đặc khu', () => 'special_zone'],
  ['Tỉnh', () => 'province'],
  ['Huyện', () => 'district'],
  ['Quận', () => 'urban_district'],
  ['Phường', () => 'ward'],
  ['Xã', () => 'commune'],
];

/** The unit type from the Vietnamese full name ("Thị xã Mộc Châu" is a town). */
export function unitTypeFromFullName(fullName: string, level: number): string {
  const name = fullName.normalize('NFC').trim();
  const match = TYPE_BY_PREFIX.find(([prefix]) => name.startsWith(prefix));
  if (!match) return level === 1 ? 'province' : level === 2 ? 'district' : 'commune';
  return match[1](level);
}

function toUnit(raw: z.infer<typeof ZWard>, parentCode: string | null, level: number): SnapshotUnit {
  return {
    code: raw.Code,
    parentCode,
    typeCode: unitTypeFromFullName(raw.FullName, level),
    name: raw.Name.normalize('NFC'),
    nameEn: (raw.NameEn ?? raw.Name).normalize('NFC'),
    fullName: raw.FullName.normalize('NFC'),
    fullNameEn: (raw.FullNameEn ?? raw.FullName).normalize('NFC'),
  };
}

export type ParsedSnapshot = { ok: true; provinces: SnapshotProvince[] } | { ok: false; problems: string[] };

/** Validates a snapshot and flattens it, province by province. */
export function parseUnitSnapshot(input: unknown): ParsedSnapshot {
  const parsed = ZUnitSnapshot.safeParse(input);
  if (!parsed.success) {
    return {
      ok: false,
      problems: parsed.error.issues
        .slice(0, 20)
        .map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`),
    };
  }
  const seen = new Set<string>();
  const problems: string[] = [];
  const provinces = parsed.data.map((raw) => {
    const province = toUnit(raw, null, 1);
    const descendants: SnapshotUnit[] = [];
    for (const district of raw.District ?? []) {
      descendants.push(toUnit(district, province.code, 2));
      for (const ward of district.Ward ?? []) descendants.push(toUnit(ward, district.Code, 3));
    }
    for (const ward of [...(raw.Wards ?? []), ...(raw.Ward ?? [])])
      descendants.push(toUnit(ward, province.code, 2));
    for (const unit of [province, ...descendants]) {
      if (seen.has(unit.code)) problems.push(`${unit.code}: duplicate code`);
      seen.add(unit.code);
    }
    return { province, descendants };
  });
  return problems.length ? { ok: false, problems } : { ok: true, provinces };
}

/** The snapshot date from a file name such as vn-units-3level-2025-03-01.json. */
export function dateFromFileName(name: string): string | undefined {
  return /(\d{4}-\d{2}-\d{2})/.exec(name)?.[1];
}
