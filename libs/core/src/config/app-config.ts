/** The typed, validated configuration. Read it only through `AppConfig` (injected) or `loadConfig`. */
export type RunMode = 'embedded' | 'server';

export interface AppSettings {
  readonly mode: RunMode;
  readonly nodeEnv: 'development' | 'production' | 'test';
  readonly host: string;
  readonly port: number;
  /** Set in server mode; in embedded mode filled in once the embedded database is listening. */
  readonly databaseUrl: string | null;
  /**
   * The owner role's connection, for migrations only (they then grant DATABASE_URL's user its
   * rights). Null: migrations use DATABASE_URL, one role for everything.
   */
  readonly migrationDatabaseUrl: string | null;
  readonly redisUrl: string | null;
  readonly dataDir: string;
  readonly jwtSecret: string | null;
  readonly jwtTtlSeconds: number;
  /**
   * How long (ms) a process may trust its last look at a login's token version, disabled flag
   * and password-reset state. The process that makes a change sees it at once; other API
   * processes within this long. 0: look on every request.
   */
  readonly tokenCheckCacheMs: number;
  /** 32 bytes, base64: master key for identity-number encryption and look-up hashes. */
  readonly identityKey: string | null;
  /** Ed25519 private key (PKCS#8 PEM, or its base64) that signs audit tree heads. */
  readonly auditSigningKey: string | null;
  /** 32 bytes, base64: the HMAC key outbox rows are written and checked with (never stored in the database). */
  readonly outboxHmacKey: string | null;
  /** Comma-separated Ed25519 public keys of earlier signing keys: their heads still verify. */
  readonly auditRetiredPublicKeys: string | null;
  /** A pinned tree head (`<treeSize>:<hex root>` or a signed note) the log must still agree with. */
  readonly auditTrustedHead: string | null;
  /** The log's name in its signed heads (C2SP checkpoint origin). */
  readonly auditLogOrigin: string;
  readonly adminUsername: string | null;
  readonly adminPassword: string | null;
  readonly seedDemo: boolean;
  readonly migrateOnStart: boolean;
  readonly logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  readonly bodyLimitBytes: number;
  /** The largest file an import accepts (a 413 past it). */
  readonly importMaxBytes: number;
  readonly loginAttemptsPerMinute: number;
  /** Eligibility scans one caller may request per minute. */
  readonly scanRequestsPerMinute: number;
  /** Look-ups by identity number one caller may make per minute. */
  readonly lookupRequestsPerMinute: number;
  /**
   * Which peers may name the client in X-Forwarded-For (Fastify's `trustProxy`): none (false),
   * any (true), the nearest n hops, or peers at these addresses, CIDR ranges or proxy-addr names.
   */
  readonly trustProxy: TrustProxy;
  readonly dbPoolSize: number;
  readonly dbStatementTimeoutMs: number;
  readonly runWorker: boolean;
  /** Namespace for BullMQ keys when several deployments share one Redis. */
  readonly queueNamespace: string | null;
}

/** TRUST_PROXY, as Fastify's `trustProxy` takes it. */
export type TrustProxy = boolean | number | readonly string[];

/** The audit log's origin (its name in signed tree heads) unless AUDIT_LOG_ORIGIN says otherwise. */
export const DEFAULT_AUDIT_LOG_ORIGIN = 'credit-bank-ledger/audit';

export class ConfigError extends Error {
  constructor(
    readonly setting: string,
    reason: string,
  ) {
    super(`Invalid setting ${setting}: ${reason}`);
    this.name = 'ConfigError';
  }
}
