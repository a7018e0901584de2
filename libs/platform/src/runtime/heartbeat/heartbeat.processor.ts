import { hostname } from 'node:os';
import { InjectQueue, Processor } from '@nestjs/bullmq';
import { Logger, OnApplicationBootstrap } from '@nestjs/common';
import { Job, Queue } from 'bullmq';
import { DataSource } from 'typeorm';
import { EMBEDDED_WORKER_DRAIN_DELAY_SECONDS, QueueName, QuietWorkerHost } from '@app/core';

export const HEARTBEAT_JOB = 'heartbeat';
export const HEARTBEAT_EVERY_MS = 10_000;

/**
 * Proves the queue end to end: a scheduled job that the worker consumes and records, so that
 * /health/ready can say when the worker last ran.
 */
@Processor(QueueName.system, { drainDelay: EMBEDDED_WORKER_DRAIN_DELAY_SECONDS })
export class HeartbeatProcessor extends QuietWorkerHost implements OnApplicationBootstrap {
  private readonly logger = new Logger(HeartbeatProcessor.name);
  private readonly workerId = `${hostname()}:${process.pid}`;

  constructor(
    private readonly dataSource: DataSource,
    @InjectQueue(QueueName.system) private readonly queue: Queue,
  ) {
    super();
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.queue.upsertJobScheduler(
      HEARTBEAT_JOB,
      { every: HEARTBEAT_EVERY_MS },
      { name: HEARTBEAT_JOB, opts: { removeOnComplete: 10, removeOnFail: 10 } },
    );
  }

  async process(job: Job): Promise<{ at: string }> {
    if (job.name !== HEARTBEAT_JOB)
      throw new Error(`unknown job ${job.name} on ${QueueName.system}`);
    const at = new Date();
    await this.dataSource.query(
      `INSERT INTO worker_heartbeats (name, last_run_at, worker_id, runs) VALUES ($1, $2, $3, 1)
       ON CONFLICT (name) DO UPDATE SET last_run_at = EXCLUDED.last_run_at,
         worker_id = EXCLUDED.worker_id, runs = worker_heartbeats.runs + 1`,
      [HEARTBEAT_JOB, at, this.workerId],
    );
    this.logger.debug(`heartbeat ${job.id}`);
    return { at: at.toISOString() };
  }
}
