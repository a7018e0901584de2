import { Global, Module } from '@nestjs/common';
import { LEARNERS_AUDITED_TABLE } from '@app/accounts';
import { CATALOG_AUDITED_TABLES } from '@app/catalog';
import { CONVERSION_AUDITED_TABLES } from '@app/conversion';
import { LEDGER_AUDITED_TABLE } from '@app/ledger';
import { RELATIONSHIPS_AUDITED_TABLES } from '@app/relationships';
import { AUDITED_TABLES, AuditedTable } from '@app/outbox';
import { USERS_AUDITED_TABLE } from '@app/users';

/**
 * Every audited table, each described by the area that owns it. One list for the verifier in
 * the API and the worker (through AUDITED_TABLES) and for `npm run audit:verify`.
 */
export function auditedTables(): AuditedTable[] {
  return [
    LEDGER_AUDITED_TABLE,
    LEARNERS_AUDITED_TABLE,
    USERS_AUDITED_TABLE,
    ...CATALOG_AUDITED_TABLES,
    ...CONVERSION_AUDITED_TABLES,
    ...RELATIONSHIPS_AUDITED_TABLES,
  ];
}

/** Global so that the audit library's verifier can inject the list it may not import. */
@Global()
@Module({
  providers: [{ provide: AUDITED_TABLES, useFactory: auditedTables }],
  exports: [AUDITED_TABLES],
})
export class AuditedTablesModule {}
