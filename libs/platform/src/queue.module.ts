import { BullModule } from '@nestjs/bullmq';
import { DynamicModule, Module } from '@nestjs/common';
import { ALL_QUEUES, AppConfig, queueConnection, queuePrefix, QueueRole } from '@app/core';
import { QueueErrorLog } from './queue-error-log.service';

/**
 * BullMQ for one side (producer or worker). Retention: completed jobs stay long enough for
 * jobId de-duplication to cover the relay's re-sends; failures stay a week for inspection. Both
 * are bounded by count too, so a burst cannot fill the queue's store.
 */
@Module({})
export class QueueModule {
  static forRoot(config: AppConfig, role: QueueRole): DynamicModule {
    const bull = BullModule.forRoot({
      connection: queueConnection(config, role),
      defaultJobOptions: {
        attempts: 5,
        backoff: { type: 'exponential', delay: 500 },
        removeOnComplete: { age: 24 * 3600, count: 100_000 },
        removeOnFail: { age: 7 * 24 * 3600, count: 10_000 },
      },
    });
    const queues = BullModule.registerQueue(
      ...ALL_QUEUES.map((name) => ({ name, prefix: queuePrefix(name, config.queueNamespace) })),
    );
    return {
      module: QueueModule,
      global: true,
      imports: [bull, queues],
      providers: [QueueErrorLog],
      exports: [queues],
    };
  }
}
