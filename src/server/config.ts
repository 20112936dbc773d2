import { resolve } from 'node:path';
import { z } from 'zod';

const ZConfig = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('127.0.0.1'),
  DATA_DIR: z.string().min(1).default('./data'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'DATABASE_URL must start with postgres:// or postgresql://')
    .optional(),
  DEMO_PASSWORD: z.string().min(8).default('motcua-demo'),
  LOAD_DEMO: z.enum(['auto', 'never']).default('auto'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  SESSION_TTL_HOURS: z.coerce
    .number()
    .min(0.05)
    .max(24 * 30)
    .default(8),
  COOKIE_SECURE: z.enum(['true', 'false']).default('false'),
  SITE_NAME_VI: z.string().default('Ủy ban nhân dân thị xã Mộc Châu'),
  SITE_NAME_EN: z.string().default("Moc Chau Town People's Committee"),
  HOTLINE: z.string().default('1800 1096'),
  HOME_UNIT_CODE: z
    .string()
    .regex(/^[0-9A-Za-z.]{1,20}$/)
    .default('123'),
  PUBLIC_URL: z.string().url().optional(),
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\//, 'SMTP_URL must start with smtp:// or smtps://')
    .optional(),
  MAIL_FROM: z.string().min(3).default('MotCua <no-reply@motcua.local>'),
  SMS_DRIVER: z.enum(['log']).default('log'),
});

export interface AppConfig {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string | undefined;
  demoPassword: string;
  loadDemo: boolean;
  logLevel: string;
  sessionTtlMs: number;
  cookieSecure: boolean;
  siteName: { vi: string; en: string };
  hotline: string;
  homeUnitCode: string;
  publicUrl: string;
  /** Unset: e-mails are written to the log instead of sent. */
  smtpUrl: string | undefined;
  mailFrom: string;
  smsDriver: 'log';
}

/** Reads the configuration from the environment; a bad value stops start-up with a clear message. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const parsed = ZConfig.safeParse(Object.fromEntries(Object.entries(env).filter(([, v]) => v !== '')));
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`);
    throw new Error(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const c = parsed.data;
  return {
    port: c.PORT,
    host: c.HOST,
    dataDir: resolve(c.DATA_DIR),
    databaseUrl: c.DATABASE_URL,
    demoPassword: c.DEMO_PASSWORD,
    loadDemo: c.LOAD_DEMO === 'auto',
    logLevel: c.LOG_LEVEL,
    sessionTtlMs: c.SESSION_TTL_HOURS * 3600_000,
    cookieSecure: c.COOKIE_SECURE === 'true',
    siteName: { vi: c.SITE_NAME_VI, en: c.SITE_NAME_EN },
    hotline: c.HOTLINE,
    homeUnitCode: c.HOME_UNIT_CODE,
    publicUrl: c.PUBLIC_URL ?? `http://localhost:${c.PORT}`,
    smtpUrl: c.SMTP_URL,
    mailFrom: c.MAIL_FROM,
    smsDriver: c.SMS_DRIVER,
  };
}

/** Defaults for tests: nothing read from the environment. */
export function testConfig(overrides: Partial<AppConfig> = {}): AppConfig {
  return { ...loadConfig({}), logLevel: 'silent', ...overrides };
}
