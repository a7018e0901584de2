import type { DataSourceOptions, MixedList } from 'typeorm';

export interface DatabaseSettings {
  databaseUrl: string;
  dbPoolSize: number;
  dbStatementTimeoutMs: number;
}

// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
type ClassList = MixedList<Function | string>;

/**
 * One place that says how we talk to PostgreSQL. Timeouts are set on both sides so that a
 * mistake (a query on a second pooled connection while a transaction holds the embedded
 * database) fails instead of hanging.
 */
export function dataSourceOptions(
  settings: DatabaseSettings,
  entities: ClassList,
  migrations: ClassList,
  applicationName: string,
): DataSourceOptions {
  return {
    type: 'postgres',
    url: settings.databaseUrl,
    entities,
    migrations,
    migrationsTableName: 'schema_migrations',
    // gen_random_uuid() is built in since PostgreSQL 13; uuid-ossp is absent on the embedded database.
    uuidExtension: 'pgcrypto',
    installExtensions: false,
    synchronize: false,
    migrationsRun: false,
    // Off: TypeORM would print failed queries with their parameters; errors surface as exceptions.
    logging: false,
    extra: {
      max: settings.dbPoolSize,
      connectionTimeoutMillis: 10_000,
      idleTimeoutMillis: 30_000,
      statement_timeout: settings.dbStatementTimeoutMs,
      query_timeout: settings.dbStatementTimeoutMs + 1_000,
      application_name: applicationName,
    },
  };
}
