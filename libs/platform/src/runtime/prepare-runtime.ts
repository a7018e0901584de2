import { join, resolve } from 'node:path';
import { DataSource } from 'typeorm';
import { AppConfig, AppSettings, dataSourceOptions, runMigrationsLocked } from '@app/core';
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

export async function migrate(config: AppConfig, applicationName: string): Promise<string[]> {
  const dataSource = new DataSource(
    dataSourceOptions(config, ENTITIES, MIGRATIONS, applicationName),
  );
  await dataSource.initialize();
  try {
    return await runMigrationsLocked(dataSource);
  } finally {
    await dataSource.destroy();
  }
}
