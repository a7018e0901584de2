import { Module } from '@nestjs/common';
import { LedgerFacts } from './ledger-facts.service';

/** The read-only ledger facts other areas need; LedgerModule re-exports it. */
@Module({ providers: [LedgerFacts], exports: [LedgerFacts] })
export class LedgerFactsModule {}
