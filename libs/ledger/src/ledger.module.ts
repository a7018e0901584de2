import { Module } from '@nestjs/common';
import { AccountsLookupModule } from '@app/accounts';
import { CatalogLookupModule } from '@app/catalog';
import { IdempotencyService } from './idempotency/idempotency.service';
import { OutboxWriter } from './outbox/outbox.writer';
import { AccountReader } from './reading/account-reader.service';
import { LedgerWriter } from './recording/ledger-writer.service';
import { RecordCorrectionService } from './recording/record-correction.service';
import { RecordOutcomeService } from './recording/record-outcome.service';

@Module({
  imports: [CatalogLookupModule, AccountsLookupModule],
  providers: [
    IdempotencyService,
    OutboxWriter,
    LedgerWriter,
    RecordOutcomeService,
    RecordCorrectionService,
    AccountReader,
  ],
  exports: [
    IdempotencyService,
    OutboxWriter,
    LedgerWriter,
    RecordOutcomeService,
    RecordCorrectionService,
    AccountReader,
  ],
})
export class LedgerModule {}
