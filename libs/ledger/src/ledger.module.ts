import { Module } from '@nestjs/common';
import { AccountsLookupModule } from '@app/accounts/accounts-lookup.module';
import { CatalogLookupModule } from '@app/catalog/catalog-lookup.module';
import { CommandsModule } from '@app/commands';
import { OutboxWriter } from './outbox/outbox.writer';
import { AccountReader } from './reading/account-reader.service';
import { LedgerWriter } from './recording/ledger-writer.service';
import { RecordCorrectionService } from './recording/record-correction.service';
import { RecordOutcomeService } from './recording/record-outcome.service';

@Module({
  imports: [CatalogLookupModule, AccountsLookupModule, CommandsModule],
  providers: [
    OutboxWriter,
    LedgerWriter,
    RecordOutcomeService,
    RecordCorrectionService,
    AccountReader,
  ],
  exports: [
    OutboxWriter,
    LedgerWriter,
    RecordOutcomeService,
    RecordCorrectionService,
    AccountReader,
  ],
})
export class LedgerModule {}
