import { mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { unaccent } from '@electric-sql/pglite/contrib/unaccent';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { Mutex, PGliteDialect } from './pglite-dialect.js';
import type { DB } from './schema.js';

export type DatabaseKind = 'pglite' | 'postgresql';

/** The app's one database, whichever engine serves it. */
export interface Database {
  readonly kind: DatabaseKind;
  readonly db: Kysely<DB>;
  /** Runs a multi-statement SQL script (migrations); no parameters. */
  execScript(sql: string): Promise<void>;
  /**
   * SQL outside Kysely, for pg-boss: one statement with `values`, or a script of several without.
   * On PGlite it takes the same lock as Kysely, so it never lands inside another transaction.
   */
  raw(text: string, values?: readonly unknown[]): Promise<{ rows: Record<string, unknown>[] }>;
  close(): Promise<void>;
}

// Both engines parse values the same way: int8 and numeric as numbers (counts, ids and VND
// amounts stay far below 2^53) and dates as 'YYYY-MM-DD' strings, never as local-time Dates.
const INT8 = 20;
const NUMERIC = 1700;
const DATE = 1082;
const toNumber = (value: string) => Number(value);
const asIs = (value: string) => value;
// node-postgres sends undefined as null; PGlite wants null.
const nulls = (values: readonly unknown[]) => values.map((v) => (v === undefined ? null : v));

export async function openPGlite(options: {
  dataDir?: string;
  loadDataDir?: Blob;
}): Promise<Database & { pglite: PGlite }> {
  if (options.dataDir) mkdirSync(options.dataDir, { recursive: true });
  const pglite = new PGlite({
    ...(options.dataDir ? { dataDir: options.dataDir } : {}),
    ...(options.loadDataDir ? { loadDataDir: options.loadDataDir } : {}),
    extensions: { unaccent, pg_trgm },
    parsers: { [INT8]: toNumber, [NUMERIC]: toNumber, [DATE]: asIs },
  });
  await pglite.waitReady;
  return fromPGlite(pglite);
}

/** Wraps an open PGlite instance (tests reuse this after loading a template). */
export function fromPGlite(pglite: PGlite): Database & { pglite: PGlite } {
  const mutex = new Mutex();
  const db = new Kysely<DB>({ dialect: new PGliteDialect(pglite, mutex) });
  return {
    kind: 'pglite',
    db,
    pglite,
    execScript: (script) =>
      mutex.run(async () => {
        await pglite.exec(script);
      }),
    raw: (text, values = []) =>
      mutex.run(async () => {
        if (values.length > 0 || !text.includes(';')) {
          const result = await pglite.query<Record<string, unknown>>(text, nulls(values));
          return { rows: result.rows };
        }
        try {
          return { rows: (await pglite.exec(text)).at(-1)?.rows ?? [] };
        } catch (error) {
          // A script that failed after its own BEGIN would leave the one connection in an aborted
          // transaction, refusing every later statement.
          if (pglite.isInTransaction()) await pglite.exec('rollback');
          throw error;
        }
      }),
    close: async () => {
      await db.destroy();
      await mutex.run(() => pglite.close());
    },
  };
}

export function openPostgres(connectionString: string, options: { max?: number } = {}): Database {
  const pool = new pg.Pool({
    connectionString,
    max: options.max ?? 10,
    types: {
      getTypeParser: ((oid: number, format?: 'text' | 'binary') => {
        if (oid === INT8 || oid === NUMERIC) return toNumber;
        if (oid === DATE) return asIs;
        return pg.types.getTypeParser(oid, format);
      }) as typeof pg.types.getTypeParser,
    },
  });
  // An idle client losing its server must not crash the process; the next query reports it.
  pool.on('error', () => {});
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
  return {
    kind: 'postgresql',
    db,
    execScript: async (script) => {
      const client = await pool.connect();
      try {
        await client.query(script);
      } finally {
        client.release();
      }
    },
    raw: async (text, values = []) => {
      if (values.length > 0 || !text.includes(';')) {
        return { rows: (await pool.query(text, [...values])).rows };
      }
      const client = await pool.connect();
      try {
        const results: unknown = await client.query(text);
        const last = Array.isArray(results) ? results.at(-1) : results;
        return { rows: (last as pg.QueryResult<Record<string, unknown>>).rows };
      } catch (error) {
        // Do not hand a client stuck in a failed BEGIN back to the pool.
        await client.query('rollback').catch(() => {});
        throw error;
      } finally {
        client.release();
      }
    },
    close: () => db.destroy(),
  };
}

export async function openDatabase(config: { databaseUrl?: string; dataDir: string }): Promise<Database> {
  if (config.databaseUrl) return openPostgres(config.databaseUrl);
  return openPGlite({ dataDir: `${config.dataDir}/pglite` });
}
