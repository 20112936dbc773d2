// A database that had applications before the statistics existed: migration 0010 gives their events
// facts, and the first read of the statistics replays them into the roll-ups.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FixedClock } from '../../../shared/clock.js';
import { testConfig } from '../../config.js';
import { type Database, openPGlite } from '../../db/database.js';
import { loadMigrations, migrate } from '../../db/migrate.js';
import { createDeps } from '../../deps.js';
import { summary } from './stats.service.js';

describe('statistics on a database upgraded from before them', () => {
  let database: Database;
  const dataDir = mkdtempSync(join(tmpdir(), 'motcua-stats-upgrade-'));

  beforeAll(async () => {
    database = await openPGlite({});
    const migrations = loadMigrations();
    await migrate(
      database,
      migrations.filter((m) => m.name < '0010'),
    );
    // Two applications written by the code of the time: events, no facts, no roll-ups.
    await database.execScript(`
      insert into units (code, has_counter) values ('123', true);
      insert into unit_versions (unit_id, type_code, name, name_en, full_name, full_name_en, valid_from)
        select id, 'district', 'Mộc Châu', 'Moc Chau', 'Thị xã Mộc Châu', 'Moc Chau Town', '2000-01-01' from units;
      insert into agencies (unit_id, code, kind, name, name_en, has_counter)
        select id, 'MC-MC', 'office', 'Bộ phận Một cửa', 'One-stop counter', true from units;
      insert into procedures (code, name, field, level, online_level, version, data_completeness, record, search_name, created_at, updated_at)
        values ('T.000001', 'Thủ tục', 'Hộ tịch', 'district', 'full', 1, 'full', '{}', 'thu tuc', now(), now());
      insert into applications (code, procedure_id, procedure_code, procedure_version, channel, status, step,
          receiving_unit_id, receiving_agency_id, applicant_name, applicant_id_number, applicant_phone,
          submitted_at, received_at, due_at, finished_at, created_at, updated_at)
        select code, (select id from procedures), 'T.000001', 1, 'direct', status, null,
          (select id from units), (select id from agencies), 'Người nộp', '014085001101', '0912000101',
          '2026-03-02T09:00+07', '2026-03-02T09:00+07', '2026-03-05T17:30+07', finished, now(), now()
        from (values ('A-1', 2, null::timestamptz), ('A-2', 9, '2026-03-03T09:00+07'::timestamptz)) v(code, status, finished);
      insert into application_events (application_id, at, action, from_status, to_status)
        select id, '2026-03-02T09:00+07', 'accept', null, 2 from applications;
      insert into application_events (application_id, at, action, from_status, to_status)
        select id, '2026-03-03T09:00+07', 'approve', 4, 9 from applications where code = 'A-2';
    `);
    await migrate(database, migrations);
  }, 300_000);
  afterAll(async () => {
    await database.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('counts them the first time the statistics are read', async () => {
    const flag = await sql<{
      value: string;
    }>`select value from stat_meta where key = 'needs_rebuild'`.execute(database.db);
    expect(flag.rows).toEqual([{ value: 'true' }]);
    const deps = createDeps(
      testConfig({ dataDir, homeUnitCode: '123' }),
      database,
      new FixedClock(new Date('2026-03-06T03:00:00Z')),
    );
    const figures = await summary(deps, { from: '2026-03-01', to: '2026-03-31' });
    expect(figures).toMatchObject({
      submitted: 2,
      received: 2,
      processed: 1,
      processedEarly: 1,
      inProcess: 1,
    });
    expect(figures).toMatchObject({ inProcessPastDeadline: 1, wentLate: 1 });
    const after = await sql`select value from stat_meta where key = 'needs_rebuild'`.execute(database.db);
    expect(after.rows).toEqual([]);
  });
});
