import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { Queue } from 'bullmq';
import { DataSource } from 'typeorm';
import { AppConfig, queueConnection, QueueName, queuePrefix } from '@app/core';
import { OutboxStore } from '@app/outbox';
import { AUDIT_APPEND_JOB, auditJobId } from '../audit.constants';
import { AuditPipelineSettings } from '../audit-pipeline.settings';
import { AUDIT_JOB_OPTIONS } from '../processing/audit-job-options';
import { OutboxListener } from './outbox-listener';

/** A hand-over that takes longer than this counts as failed; the rows wait for the next round. */
const ADD_TIMEOUT_MS = 5_000;
const MAX_BACKOFF_MS = 5_000;

/**
 * Moves outbox rows to the audit queue. A round claims up to `relayBatchSize` rows that are
 * unaudited and either never handed over or handed over longer than `resendAfterMs` ago, and
 * adds one job per row with jobId `outbox-<id>`:
 *
 * - Several workers: the claim is one UPDATE over `FOR UPDATE SKIP LOCKED` rows, so two relays
 *   never take the same rows at once (and never wait on each other, nor on an appender). Should
 *   they overlap anyway (a re-send racing a slow job), the jobId makes BullMQ keep one job.
 * - Nothing is enqueued inside a transaction: the claim commits first; if the queue refuses
 *   (Redis down: the producer connection fails fast) the claim is released and the rows wait.
 * - Redis may lose jobs (no persistence, failover): a row is done only when its audit record
 *   exists, so rows still unaudited `resendAfterMs` after their hand-over are claimed again.
 *   Completed jobs are kept longer than that, so a re-send of a row whose job merely ran late
 *   is absorbed by the jobId.
 *
 * Woken by LISTEN outbox_events on real PostgreSQL; polling every `pollIntervalMs` besides
 * (the only trigger on the embedded database, where NOTIFY does not cross connections).
 */
@Injectable()
export class OutboxRelay implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(OutboxRelay.name);
  private queue: Queue | undefined;
  private listener: OutboxListener | undefined;
  private loop: Promise<void> | undefined;
  private stopped = false;
  private woken = false;
  private interrupt: (() => void) | undefined;
  private failures = 0;

  constructor(
    private readonly config: AppConfig,
    private readonly dataSource: DataSource,
    private readonly settings: AuditPipelineSettings,
    private readonly outbox: OutboxStore,
  ) {}

  onApplicationBootstrap(): void {
    this.requireQueue();
    if (this.settings.listen) {
      this.listener = new OutboxListener(this.config.databaseUrl, () => this.wake(), this.logger);
      void this.listener.start();
    }
    this.loop = this.run();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    this.interrupt?.();
    await this.loop;
    await this.listener?.stop();
    await this.queue?.close().catch(() => undefined);
  }

  /** Look for rows now (after a NOTIFY). */
  wake(): void {
    this.woken = true;
    this.interrupt?.();
  }

  /** One round: claim, hand over, or release on failure. Returns the number of rows handed over. */
  async relayOnce(): Promise<number> {
    const ids = await this.claim();
    if (ids.length === 0) return 0;
    try {
      await withTimeout(
        this.requireQueue().addBulk(
          ids.map((id) => ({
            name: AUDIT_APPEND_JOB,
            data: { outboxIds: [id] },
            opts: { jobId: auditJobId(id) },
          })),
        ),
        ADD_TIMEOUT_MS,
      );
    } catch (error) {
      await this.release(ids);
      throw error;
    }
    return ids.length;
  }

  private async run(): Promise<void> {
    while (!this.stopped) {
      let delay = this.settings.pollIntervalMs;
      try {
        const moved = await this.relayOnce();
        if (this.failures > 0) this.logger.log(`audit relay: the queue takes rows again`);
        this.failures = 0;
        if (moved >= this.settings.relayBatchSize) delay = 0;
      } catch (error) {
        this.failures += 1;
        if (this.failures === 1) {
          this.logger.warn(
            `audit relay: hand-over failed, rows wait in the outbox (${(error as Error).message})`,
          );
        }
        delay = Math.min(
          this.settings.pollIntervalMs * 2 ** Math.min(this.failures, 6),
          MAX_BACKOFF_MS,
        );
      }
      if (this.stopped) break;
      // While the queue is failing, commits do not cut the back-off short.
      if (delay > 0) await this.sleep(delay, this.failures === 0);
    }
  }

  private async claim(): Promise<string[]> {
    return this.outbox.claimForRelay(this.dataSource.manager, {
      batchSize: this.settings.relayBatchSize,
      resendAfterMs: this.settings.resendAfterMs,
    });
  }

  private async release(ids: string[]): Promise<void> {
    await this.outbox
      .release(this.dataSource.manager, ids)
      .catch((error: Error) =>
        this.logger.warn(`audit relay: could not release claimed rows (${error.message})`),
      );
  }

  private sleep(ms: number, wakeable: boolean): Promise<void> {
    if (wakeable && this.woken) {
      this.woken = false;
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.interrupt = undefined;
        this.woken = false;
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.interrupt = wakeable ? done : () => this.stopped && done();
    });
  }

  /** Its own producer connection: fails fast when Redis is away instead of queueing commands. */
  protected openQueue(): Queue {
    return new Queue(QueueName.audit, {
      connection: queueConnection(this.config, 'producer'),
      prefix: queuePrefix(QueueName.audit, this.config.queueNamespace),
      defaultJobOptions: AUDIT_JOB_OPTIONS,
    });
  }

  private requireQueue(): Queue {
    if (!this.queue) {
      this.queue = this.openQueue();
      this.queue.on('error', (error: Error) => this.logger.debug(`audit queue: ${error.message}`));
    }
    return this.queue;
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([
    promise,
    new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no answer from the queue in ${ms} ms`)), ms);
    }),
  ]).finally(() => clearTimeout(timer));
}
