// One migrated template per migration set, reused by every test file: PGlite loads a dumped
// data directory, PostgreSQL clones a template database.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { openPGlite } from '../../src/server/db/database.js';
import { loadMigrations, migrate } from '../../src/server/db/migrate.js';

export const TMP_DIR = fileURLToPath(new URL('../../.tmp/', import.meta.url));

export function migrationsHash(): string {
  const hash = createHash('sha256');
  for (const m of loadMigrations()) hash.update(m.name).update(m.checksum);
  return hash.digest('hex').slice(0, 12);
}

export const pgliteTemplatePath = () => `${TMP_DIR}pglite-template-${migrationsHash()}.tar`;
export const postgresTemplateName = () => `motcua_template_${migrationsHash()}`;

/** The server URL with another database name. */
export function withDatabase(url: string, name: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${name}`;
  return parsed.toString();
}

export async function preparePGliteTemplate(): Promise<void> {
  const path = pgliteTemplatePath();
  if (existsSync(path)) return;
  mkdirSync(TMP_DIR, { recursive: true });
  const database = await openPGlite({});
  await migrate(database);
  const blob = await database.pglite.dumpDataDir('none');
  await database.close();
  // Write then rename, so a parallel run never reads half a file.
  const partial = `${path}.${process.pid}`;
  writeFileSync(partial, Buffer.from(await blob.arrayBuffer()));
  renameSync(partial, path);
}

export async function preparePostgresTemplate(url: string): Promise<void> {
  const name = postgresTemplateName();
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  try {
    const exists = await admin.query('select 1 from pg_database where datname = $1', [name]);
    if (exists.rowCount) return;
    const building = `${name}_building_${process.pid}`;
    await admin.query(`create database "${building}"`);
    const { openPostgres } = await import('../../src/server/db/database.js');
    const database = openPostgres(withDatabase(url, building), { max: 1 });
    await migrate(database);
    await database.close();
    await admin.query(`alter database "${building}" rename to "${name}"`).catch(async () => {
      await admin.query(`drop database if exists "${building}"`);
    });
  } finally {
    await admin.end();
  }
}

export function readPGliteTemplate(): Blob {
  return new Blob([readFileSync(pgliteTemplatePath())]);
}
