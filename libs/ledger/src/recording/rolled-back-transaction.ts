import type { DataSource, EntityManager } from 'typeorm';

/**
 * Runs `work` in a transaction that is rolled back whatever it does, and answers what it
 * returned (or throws what it threw): a dry run of writes, of which nothing is committed.
 */
export async function inRolledBackTransaction<T>(
  dataSource: DataSource,
  work: (manager: EntityManager) => Promise<T>,
): Promise<T> {
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  try {
    await runner.startTransaction();
    try {
      return await work(runner.manager);
    } finally {
      await runner.rollbackTransaction();
    }
  } finally {
    await runner.release();
  }
}
