import { Module } from '@nestjs/common';
import { OutboxModule } from '@app/outbox';
import { AuditModule } from './audit.module';
import { CheckpointScheduler } from './checkpoints/checkpoint-scheduler.service';
import { AuditProcessor } from './processing/audit.processor';
import { OutboxRelay } from './relay/outbox-relay.service';

/** The worker side of the audit pipeline: outbox relay, audit processor, checkpoint scheduler. */
@Module({
  imports: [AuditModule, OutboxModule],
  providers: [OutboxRelay, AuditProcessor, CheckpointScheduler],
})
export class AuditWorkerModule {}
