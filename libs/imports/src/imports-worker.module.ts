import { Module } from '@nestjs/common';
import { AccountsModule } from '@app/accounts';
import { LedgerModule } from '@app/ledger';
import { OutboxModule } from '@app/outbox';
import { RelationshipsModule } from '@app/relationships';
import { ImportCommit } from './jobs/import-commit.service';
import { ImportState } from './jobs/import-state.service';
import { ImportValidation } from './jobs/import-validation.service';
import { ImportsProcessor } from './jobs/imports.processor';
import { RowRecorder } from './rows/row-recorder.service';

/** The imports' processor, for the worker (WorkerProcessorsModule imports it). */
@Module({
  imports: [LedgerModule, AccountsModule, RelationshipsModule, OutboxModule],
  providers: [ImportsProcessor, ImportValidation, ImportCommit, ImportState, RowRecorder],
})
export class ImportsWorkerModule {}
