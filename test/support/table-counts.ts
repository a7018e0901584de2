import { DataSource } from 'typeorm';
import { TestApp } from './test-app';

/** The catalog's tables, for suites that check a bad catalog request wrote nothing. */
export const CATALOG_TABLES = [
  'institutions',
  'programs',
  'courses',
  'certification_bodies',
  'certificate_schemes',
  'scheme_levels',
  'level_components',
] as const;

export async function rowCounts(
  t: TestApp,
  tables: readonly string[],
): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const table of tables) {
    const rows: { n: string }[] = await t.dataSource.query(
      `SELECT count(*)::text AS n FROM ${table}`,
    );
    counts[table] = Number(rows[0].n);
  }
  return counts;
}

export async function rowCount(t: TestApp, table: string): Promise<number> {
  return (await rowCounts(t, [table]))[table];
}

/**
 * "Nothing written": the row count of every table in the public schema, in one round trip.
 * The list of tables is read from the catalog each time, so a table added later is counted
 * too. BullMQ's own tables (schema bullmq, embedded mode) are not part of the product's data.
 * Count through `TestApp.superuser`: the runtime role may not read every table.
 */
export type TableCounts = Record<string, number>;

export async function tableCounts(dataSource: DataSource): Promise<TableCounts> {
  const tables: { name: string }[] = await dataSource.query(
    `SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename`,
  );
  if (tables.length === 0) return {};
  // Names come from pg_tables and are quoted as identifiers.
  const select = tables
    .map(
      ({ name }) =>
        `(SELECT count(*) FROM public."${name.replace(/"/g, '""')}")::text AS "${name.replace(/"/g, '""')}"`,
    )
    .join(', ');
  const [row]: Record<string, string>[] = await dataSource.query(`SELECT ${select}`);
  return Object.fromEntries(Object.entries(row).map(([name, count]) => [name, Number(count)]));
}

/** Tables whose counts differ, as `table: before → after`; empty when nothing changed. */
export function changedTables(before: TableCounts, after: TableCounts): string[] {
  const names = new Set([...Object.keys(before), ...Object.keys(after)]);
  return [...names]
    .filter((name) => before[name] !== after[name])
    .sort()
    .map((name) => `${name}: ${before[name] ?? 'absent'} → ${after[name] ?? 'absent'}`);
}
