import { resolve } from 'node:path';
import { z } from 'zod';
import {
  COMMENT_LIMIT_BOUNDS,
  type CommentLimits,
  DEFAULT_COMMENT_LIMITS,
} from '../shared/comments/schema.js';

/** Demo values of the built-in payment gateway simulator; refused with a real gateway. */
export const DEMO_VNPAY_TMN_CODE = 'MCDEMO01';
export const DEMO_VNPAY_HASH_SECRET = 'DEMOONLYSIMULATORSECRETNOTREAL00';
/** Where the built-in simulator answers (src/server/modules/payments/simulator). */
export const SIMULATOR_PREFIX = '/gateway-sim';
export const SIMULATOR_PAY_PATH = `${SIMULATOR_PREFIX}/paymentv2/vpcpay.html`;

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
  COMMENT_MIN_CHARS: z.coerce
    .number()
    .int()
    .min(COMMENT_LIMIT_BOUNDS.min)
    .max(COMMENT_LIMIT_BOUNDS.max)
    .default(DEFAULT_COMMENT_LIMITS.minChars),
  COMMENT_MAX_CHARS: z.coerce
    .number()
    .int()
    .min(COMMENT_LIMIT_BOUNDS.min)
    .max(COMMENT_LIMIT_BOUNDS.max)
    .default(DEFAULT_COMMENT_LIMITS.maxChars),
  // Online payment through a gateway speaking the VNPay protocol 2.1.0. The defaults are demo values for
  // the built-in simulator (/gateway-sim); a real merchant sets its own code, secret and gateway URL.
  VNPAY_TMN_CODE: z
    .string()
    .regex(/^[0-9A-Za-z]{8}$/, 'VNPAY_TMN_CODE is the 8-character merchant code the gateway gave')
    .default(DEMO_VNPAY_TMN_CODE),
  VNPAY_HASH_SECRET: z.string().min(16).max(200).default(DEMO_VNPAY_HASH_SECRET),
  VNPAY_PAY_URL: z.url({ protocol: /^https?$/ }).optional(),
  VNPAY_SIM: z.enum(['auto', 'on', 'off']).default('auto'),
  VNPAY_EXPIRE_MINUTES: z.coerce
    .number()
    .int()
    .min(5)
    .max(24 * 60)
    .default(15),
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
  /** Comment length in characters as people see them (grapheme clusters after NFC). */
  comments: CommentLimits;
  /** The payment gateway (VNPay protocol 2.1.0). */
  vnpay: {
    tmnCode: string;
    hashSecret: string;
    /** The gateway's payment URL; null: the built-in simulator at `publicUrl` + SIMULATOR_PAY_PATH. */
    payUrl: string | null;
    /** Whether this app serves the simulator's pages under SIMULATOR_PREFIX. */
    simulator: boolean;
    /** How long a payment link stays valid (vnp_ExpireDate). */
    expireMinutes: number;
  };
}

/** Reads the configuration from the environment; a bad value stops start-up with a clear message. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const parsed = ZConfig.safeParse(Object.fromEntries(Object.entries(env).filter(([, v]) => v !== '')));
  if (parsed.success && parsed.data.COMMENT_MIN_CHARS > parsed.data.COMMENT_MAX_CHARS) {
    throw new Error('Invalid configuration:\n  COMMENT_MIN_CHARS: must not be above COMMENT_MAX_CHARS');
  }
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`);
    throw new Error(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const c = parsed.data;
  const toSimulator =
    !c.VNPAY_PAY_URL || new URL(c.VNPAY_PAY_URL).pathname.startsWith(`${SIMULATOR_PREFIX}/`);
  if (!toSimulator && c.VNPAY_HASH_SECRET === DEMO_VNPAY_HASH_SECRET) {
    throw new Error(
      'Invalid configuration:\n  VNPAY_HASH_SECRET: set the secret the gateway gave when VNPAY_PAY_URL points to a real gateway',
    );
  }
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
    comments: { minChars: c.COMMENT_MIN_CHARS, maxChars: c.COMMENT_MAX_CHARS },
    vnpay: {
      tmnCode: c.VNPAY_TMN_CODE,
      hashSecret: c.VNPAY_HASH_SECRET,
      payUrl: c.VNPAY_PAY_URL ?? null,
      simulator: c.VNPAY_SIM === 'on' || (c.VNPAY_SIM === 'auto' && !c.VNPAY_PAY_URL),
      expireMinutes: c.VNPAY_EXPIRE_MINUTES,
    },
  };
}

/** Defaults for tests: nothing read from the environment. */
export function testConfig(overrides: Partial<AppConfig> = {}): AppConfig {
  return { ...loadConfig({}), logLevel: 'silent', ...overrides };
}
