import { Module } from '@nestjs/common';
import { OutboxModule } from '@app/outbox';
import { AuditModule } from './audit.module';
import { AuditProcessor } from './processing/audit.processor';
import { OutboxRelay } from './relay/outbox-relay.service';
import { TreeHeadScheduler } from './tree-heads/tree-head-scheduler.service';

/** The worker side of the audit pipeline: outbox relay, audit processor, tree head scheduler. */
@Module({
  imports: [AuditModule, OutboxModule],
  providers: [OutboxRelay, AuditProcessor, TreeHeadScheduler],
})
export class AuditWorkerModule {}
