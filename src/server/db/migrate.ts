import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { CompiledQuery, sql } from 'kysely';
import type { Database } from './database.js';

export const MIGRATIONS_DIR = fileURLToPath(new URL('../../../migrations/', import.meta.url));
const MIGRATION_NAME = /^\d{4}_[a-z0-9_]+\.sql$/;
// Any constant will do: it only has to be the same for every process migrating this database.
const MIGRATION_LOCK = 7_262_001;

export interface Migration {
  name: string;
  sql: string;
  checksum: string;
}

export function loadMigrations(dir = MIGRATIONS_DIR): Migration[] {
  return readdirSync(dir)
    .filter((name) => MIGRATION_NAME.test(name))
    .sort()
    .map((name) => {
      const text = readFileSync(`${dir}/${name}`, 'utf8');
      return { name, sql: text, checksum: createHash('sha256').update(text).digest('hex') };
    });
}

/**
 * Applies pending migrations in one transaction, under an advisory lock so two processes
 * starting together do not race. An applied migration whose file changed stops start-up.
 * Returns the number of migrations applied in total.
 */
export async function migrate(database: Database, migrations = loadMigrations()): Promise<number> {
  await database.execScript(`create table if not exists schema_migrations (
    name text primary key,
    checksum text not null,
    applied_at timestamptz not null default now()
  );`);
  return database.db.transaction().execute(async (tx) => {
    await sql`select pg_advisory_xact_lock(${MIGRATION_LOCK})`.execute(tx);
    const applied = await tx.selectFrom('schema_migrations').select(['name', 'checksum']).execute();
    const byName = new Map(applied.map((row) => [row.name, row.checksum]));
    for (const migration of migrations) {
      const checksum = byName.get(migration.name);
      if (checksum !== undefined) {
        if (checksum !== migration.checksum) {
          throw new Error(
            `Migration ${migration.name} was edited after it was applied; add a new migration instead.`,
          );
        }
        continue;
      }
      await tx.executeQuery(CompiledQuery.raw(`${migration.sql}\n;`));
      await tx
        .insertInto('schema_migrations')
        .values({ name: migration.name, checksum: migration.checksum })
        .execute();
    }
    const [{ count }] = (await tx
      .selectFrom('schema_migrations')
      .select((eb) => eb.fn.countAll<number>().as('count'))
      .execute()) as [{ count: number }];
    return Number(count);
  });
}
