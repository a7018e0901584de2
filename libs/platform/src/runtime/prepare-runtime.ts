import { join, resolve } from 'node:path';
import { DataSource } from 'typeorm';
import {
  AppConfig,
  AppSettings,
  dataSourceOptions,
  isInsufficientPrivilege,
  runMigrationsLocked,
} from '@app/core';
import { grantRuntimeRole, RuntimeRoleError } from '../database-roles/grant-runtime-role';
import { ENTITIES } from '../entities';
import { MIGRATIONS } from '../migrations';
import {
  loadOrCreateEmbeddedSecrets,
  startEmbeddedPostgres,
  useEmbeddedQueueBackend,
} from './embedded';

export interface Runtime {
  config: AppConfig;
  /** Releases what prepareRuntime started (the embedded database and its data-folder lock). */
  stop(): Promise<void>;
}

/**
 * Turns validated settings into a running environment. Embedded mode starts PostgreSQL (PGlite
 * on loopback) under `<dataDir>/pg`, with keys generated once in `<dataDir>`; server mode uses
 * what the environment names. Migrations run here, before any module starts, when enabled.
 */
export async function prepareRuntime(
  settings: AppSettings,
  applicationName: string,
): Promise<Runtime> {
  let config: AppConfig;
  let stop = async () => {};
  if (settings.mode === 'embedded') {
    const dataDir = resolve(settings.dataDir);
    const secrets = loadOrCreateEmbeddedSecrets(dataDir);
    const database = await startEmbeddedPostgres({ dataDir: join(dataDir, 'pg') });
    stop = () => database.stop();
    config = new AppConfig(settings, {
      databaseUrl: database.url,
      jwtSecret: settings.jwtSecret ?? secrets.jwtSecret,
      identityKey: settings.identityKey ?? secrets.identityKey,
      auditSigningKey: settings.auditSigningKey ?? secrets.auditSigningKey,
      outboxHmacKey: settings.outboxHmacKey ?? secrets.outboxHmacKey,
    });
    await useEmbeddedQueueBackend(database);
  } else {
    config = AppConfig.forServer(settings);
  }
  if (config.migrateOnStart) {
    try {
      await migrate(config, applicationName);
    } catch (error) {
      await stop();
      throw error;
    }
  }
  return { config, stop };
}

/**
 * Applies pending migrations as the owner (`migrationDatabaseUrl`), then grants the runtime role
 * (DATABASE_URL's user, when it is another role) exactly its rights.
 */
export async function migrate(config: AppConfig, applicationName: string): Promise<string[]> {
  const runtimeRole = runtimeRoleOf(config);
  const dataSource = new DataSource(
    dataSourceOptions(
      {
        databaseUrl: config.migrationDatabaseUrl,
        dbPoolSize: config.dbPoolSize,
        dbStatementTimeoutMs: config.dbStatementTimeoutMs,
      },
      ENTITIES,
      MIGRATIONS,
      applicationName,
    ),
  );
  await dataSource.initialize();
  try {
    return await runMigrationsLocked(dataSource, async () => {
      if (runtimeRole !== null) await grantRuntimeRole(dataSource, runtimeRole);
    });
  } catch (error) {
    if (!isInsufficientPrivilege(error)) throw error;
    const user = decodeURIComponent(new URL(config.migrationDatabaseUrl).username);
    throw new Error(
      `${(error as Error).message}: migrations connect as ${user || 'the default user'}, which may not change the schema; ` +
        "set MIGRATION_DATABASE_URL to the owner role's URL (README, Server mode)",
      { cause: error },
    );
  } finally {
    await dataSource.destroy();
  }
}

/** DATABASE_URL's user when migrations connect with another URL; null when there is one role. */
export function runtimeRoleOf(config: AppConfig): string | null {
  if (config.migrationDatabaseUrl === config.databaseUrl) return null;
  const user = decodeURIComponent(new URL(config.databaseUrl).username);
  if (user === '') {
    throw new RuntimeRoleError(
      'DATABASE_URL names no user: migrations on MIGRATION_DATABASE_URL grant that user its rights.',
    );
  }
  return user;
}
