import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { Queue } from 'bullmq';
import { AppConfig, QueueName } from '@app/core';
import { AUDIT_TREE_HEAD_JOB, AUDIT_TREE_HEAD_SCHEDULER } from '../audit.constants';
import { AuditPipelineSettings } from '../audit-pipeline.settings';

/** How often a Redis-backed worker makes sure the scheduler still exists. */
const ENSURE_EVERY_MS = 60_000;
const TREE_HEAD_JOB_OPTIONS = { attempts: 3, removeOnComplete: 10, removeOnFail: 50 };

/**
 * Asks for a signed tree head every `treeHeadEveryMs` (the job signs only when the log grew).
 *
 * On Redis: one BullMQ job scheduler for the whole deployment, however many workers upsert it.
 * Redis without persistence forgets schedulers on restart, so each worker checks for it every
 * minute instead of only at boot, and never blocks its boot on Redis.
 *
 * On BullMQ's PostgreSQL backend (no Redis): a scheduler keeps a delayed job in the queue, and
 * while one exists an idle worker sleeps until it is due, relying on NOTIFY to learn of new
 * jobs; on the embedded database NOTIFY never reaches the worker's listening connection, so
 * every append job would wait for the next tree head job. There a timer adds a plain job instead,
 * with a jobId per period so that several workers still make one.
 */
@Injectable()
export class TreeHeadScheduler implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(TreeHeadScheduler.name);
  private timer: NodeJS.Timeout | undefined;
  private busy = false;

  constructor(
    private readonly config: AppConfig,
    @InjectQueue(QueueName.audit) private readonly queue: Queue,
    private readonly settings: AuditPipelineSettings,
  ) {}

  onApplicationBootstrap(): void {
    // Without a listener BullMQ prints every connection error of this queue while Redis is away.
    this.queue.on('error', (error: Error) => this.logger.debug(`audit queue: ${error.message}`));
    const tick =
      this.config.redisUrl === null ? () => this.requestPeriodic() : () => this.ensureScheduler();
    void tick();
    this.timer = setInterval(
      () => void tick(),
      this.config.redisUrl === null ? this.settings.treeHeadEveryMs : ENSURE_EVERY_MS,
    );
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    clearInterval(this.timer);
  }

  private async ensureScheduler(): Promise<void> {
    await this.guarded(async () => {
      const existing = await this.queue.getJobScheduler(AUDIT_TREE_HEAD_SCHEDULER);
      if (existing?.every === this.settings.treeHeadEveryMs) return;
      await this.queue.upsertJobScheduler(
        AUDIT_TREE_HEAD_SCHEDULER,
        { every: this.settings.treeHeadEveryMs },
        { name: AUDIT_TREE_HEAD_JOB, data: {}, opts: TREE_HEAD_JOB_OPTIONS },
      );
    });
  }

  private async requestPeriodic(): Promise<void> {
    const period = Math.floor(Date.now() / this.settings.treeHeadEveryMs);
    await this.guarded(() =>
      this.queue.add(
        AUDIT_TREE_HEAD_JOB,
        {},
        { ...TREE_HEAD_JOB_OPTIONS, jobId: `${AUDIT_TREE_HEAD_SCHEDULER}-${period}` },
      ),
    );
  }

  private async guarded(work: () => Promise<unknown>): Promise<void> {
    if (this.busy) return;
    this.busy = true;
    try {
      await work();
    } catch (error) {
      this.logger.warn(`could not schedule an audit tree head: ${(error as Error).message}`);
    } finally {
      this.busy = false;
    }
  }
}
