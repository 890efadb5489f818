import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { z } from 'zod';

/** The one environment schema; every variable the server reads is declared here. */
export const environmentSchema = z.object({
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('0.0.0.0'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// URL, or be left unset for embedded SQLite')
    .optional(),
  DATA_DIR: z.string().min(1).default('./data'),
  /** Embedded SQLite: the most memory its page cache may take, in MiB. Unset: a quarter of the machine's memory, at least 64. */
  SQLITE_CACHE_MB: z.coerce.number().int().min(2).max(1_048_576).optional(),
  SESSION_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  /** Comma-separated keyring `id:base64key` (32-byte keys); the first key encrypts, all decrypt. */
  FIELD_ENCRYPTION_KEYS: z
    .string()
    .regex(/^[A-Za-z0-9_-]+:[A-Za-z0-9+/=]{43,44}(,[A-Za-z0-9_-]+:[A-Za-z0-9+/=]{43,44})*$/, 'must be a list of id:base64-32-byte-key')
    .optional(),
  /** Unset: http://localhost:PORT, so that links follow the port the server listens on. */
  PUBLIC_URL: z.url().optional(),
  SMTP_URL: z.string().regex(/^smtps?:\/\//, 'must be an smtp:// or smtps:// URL').optional(),
  MAIL_FROM: z.string().default('Tiếng Dân <no-reply@tiengdan.local>'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Run the job worker inside the HTTP process (default on SQLite, off on PostgreSQL). */
  RUN_WORKER: z.enum(['true', 'false']).optional(),
  /**
   * Which proxies to trust for the client address (rate limits per address depend on it):
   * unset/false = none (the socket address), true = any, a number = that many hops, or a list of IPs/CIDRs.
   */
  TRUST_PROXY: z.string().regex(/^(true|false|\d+|[0-9a-fA-F.:/]+(,[0-9a-fA-F.:/]+)*)$/, 'must be true, false, a hop count or a list of addresses').default('false'),
  /** Multiplies every rate limit (benchmarks and load tests raise it; never below 1 in production). */
  RATE_LIMIT_SCALE: z.coerce.number().min(0.01).max(1_000_000).default(1),
  /** Where rate-limit counters live: in each process or in the database (shared by every instance). Unset: the database on PostgreSQL, memory on SQLite. */
  RATE_LIMIT_STORE: z.enum(['memory', 'database']).optional(),
  /**
   * How long a single-use token (e-mail verification, password reset), a session or a follow request
   * is kept after it expired, in days, before the hourly purge deletes it. Within it, an expired link
   * still says "expired" and offers a new one instead of "invalid".
   */
  EXPIRED_TOKEN_GRACE_DAYS: z.coerce.number().int().min(0).max(3650).default(7),
  /** Seed the demo commune on an empty database (default on for `npm start`). */
  DEMO: z.enum(['true', 'false']).default('true'),
});

export type Environment = z.infer<typeof environmentSchema>;

/**
 * The default SQLite page cache: a quarter of the machine's memory (PostgreSQL's usual
 * shared_buffers), at least 64 MiB. SQLite takes it page by page as pages are read, so a small
 * commune's database uses only its own size.
 */
export function defaultSqliteCacheMb(totalMemoryBytes: number): number {
  return Math.max(64, Math.floor(totalMemoryBytes / 4 / 2 ** 20));
}

export interface AppConfig {
  readonly env: Environment['NODE_ENV'];
  readonly port: number;
  readonly host: string;
  readonly database: { readonly dialect: 'sqlite'; readonly file: string; readonly cacheMb: number } | { readonly dialect: 'postgres'; readonly url: string };
  readonly dataDir: string;
  readonly sessionSecret: string;
  readonly encryptionKeys: ReadonlyArray<{ readonly id: string; readonly key: Buffer }>;
  readonly publicUrl: string;
  readonly isSecureCookies: boolean;
  readonly smtpUrl: string | undefined;
  readonly mailFrom: string;
  readonly logLevel: Environment['LOG_LEVEL'];
  readonly runWorker: boolean;
  readonly demo: boolean;
  readonly trustProxy: boolean | number | string[];
  readonly rateLimitScale: number;
  /** 'database' when several instances serve the same database, so that they share the counters; undefined: decided by the dialect. */
  readonly rateLimitStore: 'memory' | 'database' | undefined;
  /** Days an expired token, session or follow request is kept before it is purged (EXPIRED_TOKEN_GRACE_DAYS). */
  readonly expiredTokenGraceDays: number;
  readonly version: string;
}

export class ConfigError extends Error {
  constructor(readonly issues: string[]) {
    super(`Invalid configuration:\n${issues.map((issue) => `  - ${issue}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

interface StoredSecrets {
  sessionSecret: string;
  encryptionKeys: string;
}

/** Secrets for embedded mode are generated once and kept in DATA_DIR so restarts keep sessions and sealed data readable. */
function loadOrCreateEmbeddedSecrets(dataDir: string): StoredSecrets {
  const file = join(dataDir, 'secrets.json');
  if (existsSync(file)) return JSON.parse(readFileSync(file, 'utf8')) as StoredSecrets;
  mkdirSync(dataDir, { recursive: true });
  const secrets: StoredSecrets = {
    sessionSecret: randomBytes(32).toString('base64url'),
    encryptionKeys: `k1:${randomBytes(32).toString('base64')}`,
  };
  writeFileSync(file, JSON.stringify(secrets, null, 2), { mode: 0o600 });
  return secrets;
}

export function parseKeyring(value: string): Array<{ id: string; key: Buffer }> {
  return value.split(',').map((entry) => {
    const [id, encoded] = entry.split(':') as [string, string];
    const key = Buffer.from(encoded, 'base64');
    if (key.length !== 32) throw new ConfigError([`FIELD_ENCRYPTION_KEYS: key "${id}" is not 32 bytes`]);
    return { id, key };
  });
}

/** Parse and freeze the configuration; throws ConfigError naming each bad variable. */
export function loadConfig(source: Record<string, string | undefined> = process.env, version = '0.1.0'): AppConfig {
  // A variable set to nothing (`PORT=` in an env file) is unset: its default applies, never a number
  // coerced from '' (0 days of grace, port 0).
  const parsed = environmentSchema.safeParse(Object.fromEntries(Object.entries(source).filter(([, value]) => value !== '')));
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`));
  }
  const env = parsed.data;
  const dataDir = resolve(env.DATA_DIR);
  const missing: string[] = [];
  if (env.NODE_ENV === 'production') {
    if (!env.SESSION_SECRET) missing.push('SESSION_SECRET: required when NODE_ENV=production');
    if (!env.FIELD_ENCRYPTION_KEYS) missing.push('FIELD_ENCRYPTION_KEYS: required when NODE_ENV=production');
  }
  if (missing.length > 0) throw new ConfigError(missing);
  const needsStored = !env.SESSION_SECRET || !env.FIELD_ENCRYPTION_KEYS;
  const stored = needsStored ? loadOrCreateEmbeddedSecrets(dataDir) : undefined;
  const publicUrl = (env.PUBLIC_URL ?? `http://localhost:${env.PORT}`).replace(/\/$/, '');
  const database = env.DATABASE_URL
    ? ({ dialect: 'postgres', url: env.DATABASE_URL } as const)
    : ({ dialect: 'sqlite', file: join(dataDir, 'tiengdan.db'), cacheMb: env.SQLITE_CACHE_MB ?? defaultSqliteCacheMb(totalmem()) } as const);
  return Object.freeze({
    env: env.NODE_ENV,
    port: env.PORT,
    host: env.HOST,
    database,
    dataDir,
    sessionSecret: env.SESSION_SECRET ?? stored!.sessionSecret,
    encryptionKeys: Object.freeze(parseKeyring(env.FIELD_ENCRYPTION_KEYS ?? stored!.encryptionKeys)),
    publicUrl,
    isSecureCookies: publicUrl.startsWith('https://'),
    smtpUrl: env.SMTP_URL,
    mailFrom: env.MAIL_FROM,
    logLevel: env.LOG_LEVEL,
    runWorker: env.RUN_WORKER ? env.RUN_WORKER === 'true' : database.dialect === 'sqlite',
    demo: env.DEMO === 'true',
    trustProxy: env.TRUST_PROXY === 'true' ? true : env.TRUST_PROXY === 'false' ? false : /^\d+$/.test(env.TRUST_PROXY) ? Number(env.TRUST_PROXY) : env.TRUST_PROXY.split(','),
    rateLimitScale: env.RATE_LIMIT_SCALE,
    rateLimitStore: env.RATE_LIMIT_STORE,
    expiredTokenGraceDays: env.EXPIRED_TOKEN_GRACE_DAYS,
    version,
  });
}
