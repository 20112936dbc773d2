import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import pg from 'pg';
import { buildApp } from '../../src/server/app.js';
import { type AppConfig, testConfig } from '../../src/server/config.js';
import type { AppDeps } from '../../src/server/context.js';
import { type Database, openPGlite, openPostgres } from '../../src/server/db/database.js';
import { createDeps } from '../../src/server/deps.js';
import { type Clock, systemClock } from '../../src/shared/clock.js';
import { postgresTemplateName, readPGliteTemplate, withDatabase } from './template.js';

export interface TestDatabase {
  database: Database;
  drop(): Promise<void>;
}

/** A fresh database built from the real migrations: PGlite by default, PostgreSQL with DATABASE_URL. */
export async function createTestDatabase(): Promise<TestDatabase> {
  const url = process.env.DATABASE_URL;
  if (!url) {
    const database = await openPGlite({ loadDataDir: readPGliteTemplate() });
    return { database, drop: () => database.close() };
  }
  const name = `motcua_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`create database "${name}" template "${postgresTemplateName()}"`);
  await admin.end();
  const database = openPostgres(withDatabase(url, name), { max: 5 });
  return {
    database,
    drop: async () => {
      await database.close();
      const cleanup = new pg.Client({ connectionString: url });
      await cleanup.connect();
      await cleanup.query(`drop database if exists "${name}" with (force)`);
      await cleanup.end();
    },
  };
}

export interface TestApp {
  app: FastifyInstance;
  deps: AppDeps;
  /** Signs in through the API and returns the session cookie header. */
  login(username: string, password: string): Promise<string>;
  /** Fetches a page and returns its CSRF token together with the cookie that carries it. */
  csrf(path?: string, cookie?: string): Promise<{ token: string; cookie: string }>;
  inject(options: InjectOptions): Promise<LightMyRequestResponse>;
  close(): Promise<void>;
}

/** The whole app on its own fresh database; call close() in afterAll. */
export async function buildTestApp(
  options: { clock?: Clock; config?: Partial<AppConfig> } = {},
): Promise<TestApp> {
  const { database, drop } = await createTestDatabase();
  const dataDir = mkdtempSync(join(tmpdir(), 'motcua-test-'));
  const deps: AppDeps = createDeps(
    testConfig({ dataDir, ...options.config }),
    database,
    options.clock ?? systemClock,
  );
  const app = await buildApp(deps, { logger: false });
  await app.ready();
  return {
    app,
    deps,
    inject: (o) => app.inject(o),
    async login(username, password) {
      const response = await app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { username, password },
      });
      if (response.statusCode !== 200)
        throw new Error(`login failed: ${response.statusCode} ${response.body}`);
      const sid = response.cookies.find((c) => c.name === 'sid');
      return `sid=${sid?.value}`;
    },
    async csrf(path = '/login', cookie) {
      const response = await app.inject({
        method: 'GET',
        url: path,
        ...(cookie ? { headers: { cookie } } : {}),
      });
      const token = /name="_csrf" value="([^"]+)"/.exec(response.body)?.[1];
      if (!token) throw new Error(`no CSRF token on ${path}`);
      const set = response.cookies.find((c) => c.name === 'csrf');
      const csrfCookie = set ? `csrf=${set.value}` : (cookie?.match(/csrf=[^;]+/)?.[0] ?? '');
      return { token, cookie: [cookie, set ? csrfCookie : ''].filter(Boolean).join('; ') };
    },
    async close() {
      await app.close();
      await drop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
