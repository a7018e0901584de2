import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '@app/core';
import { ENTITIES } from './entities';
import { MIGRATIONS } from './migrations';

/**
 * For the TypeORM CLI only (`npm run migration:generate`, `migration:check`), on the owner's
 * connection like `migration:run`. The application builds its data source from validated
 * config instead.
 */
export default new DataSource(
  dataSourceOptions(
    {
      databaseUrl:
        process.env.MIGRATION_DATABASE_URL ||
        process.env.DATABASE_URL ||
        'postgres://postgres@127.0.0.1:5432/credit_bank_migrations_test',
      dbPoolSize: 2,
      dbStatementTimeoutMs: 60_000,
    },
    ENTITIES,
    MIGRATIONS,
    'credit-bank-cli',
  ),
);
