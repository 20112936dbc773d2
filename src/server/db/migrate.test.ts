import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../test/helpers/app.js';
import { loadMigrations, migrate } from './migrate.js';

describe('migrations', () => {
  let test: TestDatabase;
  beforeAll(async () => {
    test = await createTestDatabase();
  });
  afterAll(() => test.drop());

  it('apply once: running them again applies nothing and reports the same count', async () => {
    const count = loadMigrations().length;
    expect(await migrate(test.database)).toBe(count);
    expect(await migrate(test.database)).toBe(count);
  });

  it('refuse to start when an applied migration was edited', async () => {
    const [first, ...rest] = loadMigrations();
    const edited = { ...first!, checksum: 'changed' };
    await expect(migrate(test.database, [edited, ...rest])).rejects.toThrow(/was edited/);
  });

  it('make the audit log append-only: updates, deletes and truncation are refused', async () => {
    const db = test.database.db;
    await db
      .insertInto('audit_log')
      .values({ at: new Date(), action: 'test.entry', target_type: 'test', details: '{}' })
      .execute();
    await expect(db.updateTable('audit_log').set({ action: 'rewritten' }).execute()).rejects.toThrow(
      /append-only/,
    );
    await expect(db.deleteFrom('audit_log').execute()).rejects.toThrow(/append-only/);
    await expect(sql`truncate audit_log`.execute(db)).rejects.toThrow(/append-only/);
    const rows = await db.selectFrom('audit_log').select('action').execute();
    expect(rows.map((r) => r.action)).toContain('test.entry');
  });
});
