/**
 * A worker process of its own (server mode: DATABASE_URL and REDIS_URL), for tests that kill it.
 * Run through audit-worker-process.ts. AUDIT_TUNING (JSON) overrides the pipeline's timings.
 * Prints {"ready": pid} on stdout once the processors, relay and scheduler are running.
 */
import 'reflect-metadata';
import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Logger } from 'nestjs-pino';
import { AppConfig, loadConfig } from '@app/core';
import { WorkerModule } from '@app/worker';
import { auditTuning } from './audit-tuning';

async function main(): Promise<void> {
  const config = AppConfig.forServer(loadConfig(process.env));
  const tuning = JSON.parse(process.env.AUDIT_TUNING ?? '{}') as Record<string, number>;

  @Module({ imports: [WorkerModule.forRoot(config), auditTuning(tuning)] })
  class KillableWorkerModule {}

  const context = await NestFactory.createApplicationContext(KillableWorkerModule, {
    bufferLogs: true,
    abortOnError: false,
  });
  context.useLogger(context.get(Logger));
  context.enableShutdownHooks();
  process.stdout.write(`${JSON.stringify({ ready: process.pid })}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`worker child failed: ${String(error)}\n`);
  process.exit(1);
});
