import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The guard triggers' lookups always by index. PL/pgSQL keeps a generic plan per connection
 * after a statement's fifth run; one made while the ledger held a handful of rows scans the
 * whole table, and a long-lived connection kept it as the ledger grew (nothing invalidates it
 * while the statistics stay those of the empty table, as they do with autovacuum off): a bulk
 * import measured 10 ms a row at 30,000 entries. Every guard statement is a lookup by key that
 * an index serves, so a sequential scan is never the plan wanted at any size; with it ruled out
 * the cached plan stays right as the table grows. Planning each call instead
 * (plan_cache_mode = force_custom_plan) also fixed it but cost 0.5 ms a row.
 */
const GUARDS = [
  'ledger_entries_guard()',
  'ledger_entries_once_guard()',
  'ledger_exemption_guard()',
  'ledger_cancelled_evidence_cascades()',
  'ledger_entries_catalog_lock()',
  'courses_recorded_guard()',
  'programs_cap_guard()',
];

export class GuardsLookUpByIndex1796260000000 implements MigrationInterface {
  name = 'GuardsLookUpByIndex1796260000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    for (const guard of GUARDS)
      await queryRunner.query(`ALTER FUNCTION ${guard} SET enable_seqscan = off`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const guard of GUARDS)
      await queryRunner.query(`ALTER FUNCTION ${guard} RESET enable_seqscan`);
  }
}
