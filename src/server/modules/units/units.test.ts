import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../../test/helpers/app.js';
import { DEMO_UNITS_FILE } from '../../seed/demo.js';
import { createUser } from '../../seed/factories.js';
import { parseUnitSnapshot, type SnapshotProvince } from './units.format.js';
import { importUnitSnapshot } from './units.service.js';

const threeLevel = () => {
  const parsed = parseUnitSnapshot(JSON.parse(readFileSync(DEMO_UNITS_FILE, 'utf8')));
  if (!parsed.ok) throw new Error('demo file invalid');
  return parsed.provinces;
};

// The same province after 2025-07-01: no districts, wards straight under the province.
const twoLevel: unknown = [
  {
    Code: '14',
    Name: 'Sơn La',
    NameEn: 'Son La',
    FullName: 'Tỉnh Sơn La',
    FullNameEn: 'Son La Province',
    Wards: [
      {
        Code: '03979',
        Name: 'Mộc Châu',
        NameEn: 'Moc Chau',
        FullName: 'Phường Mộc Châu',
        FullNameEn: 'Moc Chau Ward',
      },
      {
        Code: '04045',
        Name: 'Lóng Sập',
        NameEn: 'Long Sap',
        FullName: 'Xã Lóng Sập',
        FullNameEn: 'Long Sap Commune',
      },
    ],
  },
];

describe('importing administrative unit snapshots', () => {
  let t: TestApp;
  const system = { actor: null, requestId: 'test' };
  beforeAll(async () => {
    t = await buildTestApp();
  });
  afterAll(() => t.close());

  it('loads the three-level snapshot, then changes nothing when loaded again', async () => {
    const first = await importUnitSnapshot(t.deps, system, {
      provinces: threeLevel(),
      validFrom: '2025-03-01',
    });
    expect(first).toEqual({ created: 17, changed: 0, closed: 0, unchanged: 0 });
    const again = await importUnitSnapshot(t.deps, system, {
      provinces: threeLevel(),
      validFrom: '2025-03-01',
    });
    expect(again).toEqual({ created: 0, changed: 0, closed: 0, unchanged: 17 });
    const audits = await t.deps.database.db
      .selectFrom('audit_log')
      .select('action')
      .where('action', '=', 'units.import')
      .execute();
    expect(audits.length).toBe(1);
  });

  it('keeps history: after the two-level snapshot the old tree still answers for its dates', async () => {
    const parsed = parseUnitSnapshot(twoLevel);
    if (!parsed.ok) throw new Error(parsed.problems.join());
    const report = await importUnitSnapshot(t.deps, system, {
      provinces: parsed.provinces,
      validFrom: '2025-07-01',
    });
    // Mộc Sơn is renamed and moves under the province; Lóng Sập moves; the district and 13 wards close.
    expect(report).toEqual({ created: 0, changed: 2, closed: 14, unchanged: 1 });

    const before = await t.inject({ method: 'GET', url: '/api/v1/units/14?date=2025-06-30' });
    expect(before.json().children.map((c: { code: string }) => c.code)).toEqual(['123']);
    expect(before.json().children[0].children).toHaveLength(15);

    const after = await t.inject({ method: 'GET', url: '/api/v1/units/14?date=2025-07-01' });
    expect(after.json().children.map((c: { fullName: string }) => c.fullName)).toEqual([
      'Xã Lóng Sập',
      'Phường Mộc Châu',
    ]);
    const district = await t.inject({ method: 'GET', url: '/api/v1/units/123?date=2025-07-01' });
    expect(district.statusCode).toBe(404);
    expect(district.json().error.code).toBe('UNIT_NOT_FOUND');
  });

  it('refuses a snapshot with duplicate codes or missing names, naming the problem', () => {
    const dup = parseUnitSnapshot([
      { Code: '14', Name: 'A', FullName: 'Tỉnh A', Wards: [{ Code: '14', Name: 'B', FullName: 'Xã B' }] },
    ]);
    expect(dup).toEqual({ ok: false, problems: ['14: duplicate code'] });
    const missing = parseUnitSnapshot([{ Code: '14', Name: '' }]);
    expect(missing.ok).toBe(false);
    expect(parseUnitSnapshot({}).ok).toBe(false);
  });

  it('lets only administrators import when a person is acting', async () => {
    const user = await createUser(t.deps.database.db, { role: 'specialist' });
    const actor = {
      userId: user.id,
      username: user.username,
      fullName: 'x',
      sessionId: 's',
      grants: [{ role: 'specialist' as const, unitId: user.unitId, agencyId: null }],
    };
    const provinces: SnapshotProvince[] = threeLevel();
    await expect(
      importUnitSnapshot(t.deps, { actor, requestId: 'r' }, { provinces, validFrom: '2025-03-01' }),
    ).rejects.toThrow('FORBIDDEN');
  });

  it('answers 400 for a malformed unit code or date, and 404 for an unknown unit', async () => {
    expect((await t.inject({ method: 'GET', url: '/api/v1/units/%27%20OR%201=1' })).statusCode).toBe(400);
    expect((await t.inject({ method: 'GET', url: '/api/v1/units/14?date=2030-02-30' })).statusCode).toBe(400);
    expect((await t.inject({ method: 'GET', url: '/api/v1/units/99999' })).statusCode).toBe(404);
    const page = await t.inject({ method: 'GET', url: '/don-vi/99999' });
    expect(page.statusCode).toBe(404);
    expect(page.body).toContain('Không tìm thấy đơn vị hành chính.');
  });
});

describe('a complete snapshot', () => {
  it('ends the provinces it no longer lists, with everything below them', async () => {
    const t = await buildTestApp();
    const system = { actor: null, requestId: 'test' };
    await importUnitSnapshot(t.deps, system, { provinces: threeLevel(), validFrom: '2025-03-01' });
    const other = parseUnitSnapshot([{ Code: '15', Name: 'Khác', FullName: 'Tỉnh Khác', Wards: [] }]);
    if (!other.ok) throw new Error('bad fixture');
    const report = await importUnitSnapshot(t.deps, system, {
      provinces: other.provinces,
      validFrom: '2025-07-01',
      complete: true,
    });
    expect(report).toEqual({ created: 1, changed: 0, closed: 17, unchanged: 0 });
    const top = await t.inject({ method: 'GET', url: '/api/v1/units?date=2025-07-01' });
    expect(top.json().items.map((u: { code: string }) => u.code)).toEqual(['15']);
    await t.close();
  });
});
