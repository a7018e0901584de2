import { Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';

/** A fixed key so that every process of this product agrees on the migration lock. */
const MIGRATION_LOCK_KEY = 4_711_0001;

/**
 * Applies pending migrations under a session advisory lock, so that several API processes
 * starting together (or the `migrate` job racing an API) apply each migration once; then runs
 * `afterMigrations` (the runtime role's grants) under the same lock, so that two processes'
 * grants never interleave.
 */
export async function runMigrationsLocked(
  dataSource: DataSource,
  afterMigrations: () => Promise<void>,
): Promise<string[]> {
  const logger = new Logger('Migrations');
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  try {
    await runner.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    try {
      const applied = await dataSource.runMigrations({ transaction: 'each' });
      for (const migration of applied) logger.log(`applied ${migration.name}`);
      await afterMigrations();
      return applied.map((migration) => migration.name);
    } finally {
      await runner.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]);
    }
  } finally {
    await runner.release();
  }
}
