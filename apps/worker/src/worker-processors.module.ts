import { Module } from '@nestjs/common';
import { HeartbeatProcessor } from '@app/core';

/**
 * The processors, relays and schedulers, without infrastructure: WorkerModule wraps them for a
 * worker process; embedded mode adds them to the API's application, so one process runs both.
 */
@Module({
  providers: [HeartbeatProcessor],
})
export class WorkerProcessorsModule {}
