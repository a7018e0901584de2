import { DynamicModule, Module } from '@nestjs/common';
import { AppConfig, CoreModule, LoggingModule } from '@app/core';
import { DatabaseModule, QueueModule, WorkerProcessorsModule } from '@app/platform';

/** A worker process: processors, the outbox relay and schedulers. Never registered in the API. */
@Module({})
export class WorkerModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: WorkerModule,
      imports: [
        CoreModule.forRoot(config),
        LoggingModule.forRoot(config),
        DatabaseModule.forRoot(config, 'credit-bank-worker'),
        QueueModule.forRoot(config, 'worker'),
        WorkerProcessorsModule,
      ],
    };
  }
}
