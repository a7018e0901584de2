import { Module } from '@nestjs/common';
import { AccountsLookupModule } from '@app/accounts';
import { CatalogLookupModule } from '@app/catalog';
import { CommandsModule } from '@app/commands';
import { OutboxModule } from '@app/outbox';
import { RelationshipsModule } from '@app/relationships';
import { LedgerFactsModule } from './facts/ledger-facts.module';
import { AccountReader } from './reading/account-reader.service';
import { CancellationListeners } from './recording/cancellation-listeners';
import { LedgerWriter } from './recording/ledger-writer.service';
import { RecordCorrectionService } from './recording/record-correction.service';
import { RecordOutcomeService } from './recording/record-outcome.service';

@Module({
  imports: [
    CatalogLookupModule,
    AccountsLookupModule,
    CommandsModule,
    OutboxModule,
    RelationshipsModule,
    LedgerFactsModule,
  ],
  providers: [
    LedgerWriter,
    RecordOutcomeService,
    RecordCorrectionService,
    CancellationListeners,
    AccountReader,
  ],
  exports: [
    LedgerWriter,
    RecordOutcomeService,
    RecordCorrectionService,
    CancellationListeners,
    AccountReader,
    LedgerFactsModule,
  ],
})
export class LedgerModule {}
