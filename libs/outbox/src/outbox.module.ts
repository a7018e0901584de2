import { Module } from '@nestjs/common';
import { OutboxStore } from './outbox-store.service';
import { OutboxWriter } from './outbox.writer';

/** Writing audit-bound events in the caller's transaction, and reading them for the pipeline. */
@Module({
  providers: [OutboxWriter, OutboxStore],
  exports: [OutboxWriter, OutboxStore],
})
export class OutboxModule {}
