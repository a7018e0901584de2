import { AppSettings, RunMode } from './app-config';

/**
 * The settings after boot has filled in what embedded mode generates (database URL, keys).
 * Provided by CoreModule; inject it, never read process.env elsewhere.
 */
export class AppConfig {
  readonly mode: RunMode;
  readonly nodeEnv: AppSettings['nodeEnv'];
  readonly host: string;
  readonly port: number;
  readonly databaseUrl: string;
  /** Where migrations connect: the owner role's URL, or `databaseUrl` when there is one role. */
  readonly migrationDatabaseUrl: string;
  readonly redisUrl: string | null;
  readonly dataDir: string;
  readonly jwtSecret: string;
  readonly jwtTtlSeconds: number;
  readonly tokenCheckCacheMs: number;
  readonly identityKey: string;
  readonly auditSigningKey: string;
  readonly outboxHmacKey: string;
  readonly auditRetiredPublicKeys: string | null;
  readonly auditTrustedHead: string | null;
  readonly auditLogOrigin: string;
  readonly adminUsername: string | null;
  readonly adminPassword: string | null;
  readonly seedDemo: boolean;
  readonly migrateOnStart: boolean;
  readonly logLevel: AppSettings['logLevel'];
  readonly bodyLimitBytes: number;
  readonly importMaxBytes: number;
  readonly loginAttemptsPerMinute: number;
  readonly scanRequestsPerMinute: number;
  readonly lookupRequestsPerMinute: number;
  readonly trustProxy: AppSettings['trustProxy'];
  readonly dbPoolSize: number;
  readonly dbStatementTimeoutMs: number;
  readonly runWorker: boolean;
  readonly queueNamespace: string | null;

  constructor(
    settings: AppSettings,
    resolved: {
      databaseUrl: string;
      /** Overrides MIGRATION_DATABASE_URL (the tests' owner role on their own database). */
      migrationDatabaseUrl?: string;
      jwtSecret: string;
      identityKey: string;
      auditSigningKey: string;
      outboxHmacKey: string;
    },
  ) {
    Object.assign(this, settings, resolved, {
      migrationDatabaseUrl:
        resolved.migrationDatabaseUrl ?? settings.migrationDatabaseUrl ?? resolved.databaseUrl,
    });
    Object.freeze(this);
  }

  /** Server mode: everything comes from the environment, already checked by loadConfig. */
  static forServer(settings: AppSettings): AppConfig {
    const { databaseUrl, jwtSecret, identityKey, auditSigningKey, outboxHmacKey } = settings;
    if (!databaseUrl || !jwtSecret || !identityKey || !auditSigningKey || !outboxHmacKey) {
      throw new Error('AppConfig.forServer needs server-mode settings');
    }
    return new AppConfig(settings, {
      databaseUrl,
      jwtSecret,
      identityKey,
      auditSigningKey,
      outboxHmacKey,
    });
  }
}
