import { isIP } from 'node:net';
import { AppSettings, ConfigError, DEFAULT_AUDIT_LOG_ORIGIN, TrustProxy } from './app-config';

type Env = Record<string, string | undefined>;

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
const NODE_ENVS = ['development', 'production', 'test'] as const;

function read(env: Env, name: string): string | undefined {
  const value = env[name]?.trim();
  return value === undefined || value === '' ? undefined : value;
}

function integer(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = read(env, name);
  if (raw === undefined) return fallback;
  if (!/^\d+$/.test(raw)) throw new ConfigError(name, `"${raw}" is not a whole number`);
  const value = Number(raw);
  if (value < min || value > max) throw new ConfigError(name, `${value} is outside ${min}..${max}`);
  return value;
}

function boolean(env: Env, name: string, fallback: boolean): boolean {
  const raw = read(env, name);
  if (raw === undefined) return fallback;
  if (/^(true|1|yes)$/i.test(raw)) return true;
  if (/^(false|0|no)$/i.test(raw)) return false;
  throw new ConfigError(name, `"${raw}" is not true or false`);
}

function oneOf<T extends string>(env: Env, name: string, allowed: readonly T[], fallback: T): T {
  const raw = read(env, name);
  if (raw === undefined) return fallback;
  if (!(allowed as readonly string[]).includes(raw)) {
    throw new ConfigError(name, `"${raw}" is not one of ${allowed.join(', ')}`);
  }
  return raw as T;
}

function url(env: Env, name: string, protocols: string[]): string | null {
  const raw = read(env, name);
  if (raw === undefined) return null;
  let parsed: URL;
  try {
    parsed = new URL(raw);
  } catch {
    throw new ConfigError(name, 'is not a URL');
  }
  if (!protocols.includes(parsed.protocol)) {
    throw new ConfigError(name, `must start with ${protocols.map((p) => `${p}//`).join(' or ')}`);
  }
  if (!parsed.hostname) throw new ConfigError(name, 'has no host');
  return raw;
}

function base64Key(env: Env, name: string, bytes: number): string | null {
  const raw = read(env, name);
  if (raw === undefined) return null;
  if (!/^[A-Za-z0-9+/]+=*$/.test(raw) || Buffer.from(raw, 'base64').length !== bytes) {
    throw new ConfigError(name, `must be ${bytes} bytes encoded as base64`);
  }
  return raw;
}

function namespace(env: Env, name: string): string | null {
  const raw = read(env, name);
  if (raw === undefined) return null;
  if (!/^[A-Za-z0-9_-]{1,40}$/.test(raw))
    throw new ConfigError(name, 'may use 1–40 letters, digits, "_" and "-"');
  return raw;
}

/** proxy-addr's names for address ranges, which Fastify accepts in `trustProxy`. */
const PROXY_RANGE_NAMES = ['loopback', 'linklocal', 'uniquelocal'];

function proxyAddress(entry: string): boolean {
  if (PROXY_RANGE_NAMES.includes(entry)) return true;
  const [address, prefix, ...rest] = entry.split('/');
  const family = isIP(address);
  if (family === 0 || rest.length > 0) return false;
  if (prefix === undefined) return true;
  return /^\d{1,3}$/.test(prefix) && Number(prefix) <= (family === 4 ? 32 : 128);
}

/**
 * Off unless set: with no proxy in front, a client could name any address in X-Forwarded-For
 * and so escape the per-address limits.
 */
function trustProxy(env: Env, name: string): TrustProxy {
  const raw = read(env, name);
  if (raw === undefined || /^(false|no|0)$/i.test(raw)) return false;
  if (/^(true|yes)$/i.test(raw)) return true;
  if (/^\d+$/.test(raw)) {
    const hops = Number(raw);
    if (hops > 10) throw new ConfigError(name, `${hops} hops is outside 1..10`);
    return hops;
  }
  const entries = raw.split(',').map((entry) => entry.trim());
  const wrong = entries.filter((entry) => !proxyAddress(entry));
  if (wrong.length > 0) {
    throw new ConfigError(
      name,
      `${wrong.map((entry) => `"${entry}"`).join(', ')} is not an IP address, a CIDR range (10.0.0.0/8) or one of ${PROXY_RANGE_NAMES.join(', ')}; or set true, false or a hop count`,
    );
  }
  return Object.freeze(entries);
}

/**
 * Validates the environment once, at boot. Any bad value throws a ConfigError whose message is
 * one line naming the setting; the entry points print it and exit.
 */
export function loadConfig(env: Env = process.env): AppSettings {
  const databaseUrl = url(env, 'DATABASE_URL', ['postgres:', 'postgresql:']);
  const redisUrl = url(env, 'REDIS_URL', ['redis:', 'rediss:']);
  if ((databaseUrl === null) !== (redisUrl === null)) {
    throw new ConfigError(
      databaseUrl === null ? 'DATABASE_URL' : 'REDIS_URL',
      'server mode needs both DATABASE_URL and REDIS_URL; set neither for embedded mode',
    );
  }
  const mode = databaseUrl === null ? 'embedded' : 'server';
  const migrationDatabaseUrl = url(env, 'MIGRATION_DATABASE_URL', ['postgres:', 'postgresql:']);
  if (migrationDatabaseUrl !== null) {
    if (databaseUrl === null) {
      throw new ConfigError(
        'MIGRATION_DATABASE_URL',
        'needs DATABASE_URL (server mode); the embedded database has one role',
      );
    }
    if (new URL(databaseUrl).username === '') {
      throw new ConfigError(
        'DATABASE_URL',
        'must name its user (postgres://user:password@host/db) when MIGRATION_DATABASE_URL is set: migrations grant that user its rights',
      );
    }
  }
  const nodeEnv = oneOf(env, 'NODE_ENV', NODE_ENVS, 'development');

  const jwtSecret = read(env, 'JWT_SECRET') ?? null;
  if (jwtSecret !== null && jwtSecret.length < 32) {
    throw new ConfigError('JWT_SECRET', 'must be at least 32 characters');
  }
  if (mode === 'server' && jwtSecret === null) {
    throw new ConfigError('JWT_SECRET', 'is required in server mode');
  }
  const identityKey = base64Key(env, 'IDENTITY_KEY', 32);
  if (mode === 'server' && identityKey === null) {
    throw new ConfigError('IDENTITY_KEY', 'is required in server mode (32 random bytes, base64)');
  }
  const auditSigningKey = read(env, 'AUDIT_SIGNING_KEY') ?? null;
  if (mode === 'server' && auditSigningKey === null) {
    throw new ConfigError('AUDIT_SIGNING_KEY', 'is required in server mode (Ed25519 PKCS#8 PEM)');
  }
  const outboxHmacKey = base64Key(env, 'OUTBOX_HMAC_KEY', 32);
  if (mode === 'server' && outboxHmacKey === null) {
    throw new ConfigError(
      'OUTBOX_HMAC_KEY',
      'is required in server mode (32 random bytes, base64; the same for API and worker)',
    );
  }
  const adminUsername = read(env, 'ADMIN_USERNAME') ?? null;
  const adminPassword = read(env, 'ADMIN_PASSWORD') ?? null;
  if ((adminUsername === null) !== (adminPassword === null)) {
    throw new ConfigError(
      adminUsername === null ? 'ADMIN_USERNAME' : 'ADMIN_PASSWORD',
      'ADMIN_USERNAME and ADMIN_PASSWORD go together',
    );
  }
  if (adminPassword !== null && adminPassword.length < 12) {
    throw new ConfigError('ADMIN_PASSWORD', 'must be at least 12 characters');
  }
  const seedDemo = boolean(env, 'SEED_DEMO', mode === 'embedded');
  if (seedDemo && nodeEnv === 'production') {
    throw new ConfigError('SEED_DEMO', 'production never seeds demo data');
  }

  return Object.freeze({
    mode,
    nodeEnv,
    host: read(env, 'HOST') ?? '127.0.0.1',
    port: integer(env, 'PORT', 3000, 0, 65535),
    databaseUrl,
    migrationDatabaseUrl,
    redisUrl,
    dataDir: read(env, 'DATA_DIR') ?? './data',
    jwtSecret,
    jwtTtlSeconds: integer(env, 'JWT_TTL_SECONDS', 3600, 60, 86400),
    tokenCheckCacheMs: integer(env, 'TOKEN_CHECK_CACHE_MS', 2000, 0, 60000),
    identityKey,
    auditSigningKey,
    outboxHmacKey,
    auditRetiredPublicKeys: read(env, 'AUDIT_RETIRED_PUBLIC_KEYS') ?? null,
    auditTrustedHead: read(env, 'AUDIT_TRUSTED_HEAD') ?? null,
    auditLogOrigin: read(env, 'AUDIT_LOG_ORIGIN') ?? DEFAULT_AUDIT_LOG_ORIGIN,
    adminUsername,
    adminPassword,
    seedDemo,
    migrateOnStart: boolean(env, 'MIGRATE_ON_START', mode === 'embedded'),
    logLevel: oneOf(env, 'LOG_LEVEL', LOG_LEVELS, 'info'),
    bodyLimitBytes: integer(env, 'BODY_LIMIT_BYTES', 64 * 1024, 1024, 10 * 1024 * 1024),
    importMaxBytes: integer(env, 'IMPORT_MAX_BYTES', 20 * 1024 * 1024, 1024, 512 * 1024 * 1024),
    loginAttemptsPerMinute: integer(env, 'LOGIN_ATTEMPTS_PER_MINUTE', 10, 1, 10000),
    scanRequestsPerMinute: integer(env, 'SCAN_REQUESTS_PER_MINUTE', 10, 1, 10000),
    lookupRequestsPerMinute: integer(env, 'LOOKUP_REQUESTS_PER_MINUTE', 30, 1, 10000),
    trustProxy: trustProxy(env, 'TRUST_PROXY'),
    dbPoolSize: integer(env, 'DB_POOL_SIZE', 10, 1, 200),
    dbStatementTimeoutMs: integer(env, 'DB_STATEMENT_TIMEOUT_MS', 15000, 100, 600000),
    runWorker: boolean(env, 'RUN_WORKER', mode === 'embedded'),
    queueNamespace: namespace(env, 'QUEUE_NAMESPACE'),
  });
}
