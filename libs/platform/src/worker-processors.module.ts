import { Module } from '@nestjs/common';
import { AuditWorkerModule } from '@app/audit';
import { ConversionWorkerModule } from '@app/conversion';
import { ImportsWorkerModule } from '@app/imports';
import { AuditedTablesModule } from './audited-tables.module';
import { LearnerReachModule } from './learner-reach.module';
import { HeartbeatProcessor } from './runtime/heartbeat/heartbeat.processor';

/**
 * The processors, relays and schedulers, without infrastructure: the worker app wraps them for
 * a worker process; embedded mode adds them to the API's application, so one process runs both.
 */
@Module({
  imports: [
    AuditedTablesModule,
    LearnerReachModule,
    AuditWorkerModule,
    ConversionWorkerModule,
    ImportsWorkerModule,
  ],
  providers: [HeartbeatProcessor],
})
export class WorkerProcessorsModule {}
