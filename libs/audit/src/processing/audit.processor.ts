import { OnWorkerEvent, Processor } from '@nestjs/bullmq';
import { Logger } from '@nestjs/common';
import { Job, UnrecoverableError } from 'bullmq';
import { EMBEDDED_WORKER_DRAIN_DELAY_SECONDS, QueueName, QuietWorkerHost } from '@app/core';
import { AUDIT_APPEND_JOB, AUDIT_TREE_HEAD_JOB } from '../audit.constants';
import { AppendOutcome, AuditAppender } from '../append/audit-appender.service';
import { parseAppendJob } from '../append/audit-job';
import { AuditPipelineSettings } from '../audit-pipeline.settings';
import { TreeHeadService } from '../tree-heads/tree-head.service';

/** Bounds one tree head job's catch-up; the next period continues. */
const MAX_CATCH_UP_ROUNDS = 20;

/**
 * Consumes the audit queue: `append` jobs from the relay, `tree-head` jobs from the scheduler.
 * Thin on purpose: the appender re-reads the outbox and is idempotent, so a job delivered twice,
 * retried, or run after another job already took its row adds nothing. Concurrency above one
 * lets those cheap no-op jobs pass while another job holds the chain lock.
 */
@Processor(QueueName.audit, { concurrency: 4, drainDelay: EMBEDDED_WORKER_DRAIN_DELAY_SECONDS })
export class AuditProcessor extends QuietWorkerHost {
  private readonly logger = new Logger(AuditProcessor.name);

  constructor(
    private readonly appender: AuditAppender,
    private readonly treeHeads: TreeHeadService,
    private readonly settings: AuditPipelineSettings,
  ) {
    super();
  }

  async process(job: Job): Promise<AppendOutcome | { treeSize: number | null; created: boolean }> {
    switch (job.name) {
      case AUDIT_APPEND_JOB:
        return this.appender.appendOutbox(parseAppendJob(job.data).outboxIds);
      case AUDIT_TREE_HEAD_JOB: {
        await this.catchUp();
        const { head, created } = await this.treeHeads.sign({ onlyIfTreeGrew: true });
        return { treeSize: head?.treeSize ?? null, created };
      }
      default:
        throw new UnrecoverableError(`unknown job ${job.name} on the ${QueueName.audit} queue`);
    }
  }

  /**
   * Safety net, once per tree head period: append whatever is pending even if its job never
   * arrives (a job lost with Redis before the relay's re-send, or a jobId still held by an old
   * job after the database was restored from a backup and outbox ids repeat).
   */
  private async catchUp(): Promise<void> {
    for (let round = 0; round < MAX_CATCH_UP_ROUNDS; round++) {
      const { appended } = await this.appender.appendPending();
      if (appended < this.settings.appendBatchSize) return;
    }
  }

  /** A failed job leaves its row unaudited: the relay re-sends what matters. */
  @OnWorkerEvent('failed')
  onFailed(job: Job | undefined, error: Error): void {
    const attempts = job ? `${job.attemptsMade}/${job.opts.attempts ?? 1}` : '?';
    this.logger.error(
      `audit job ${job?.name ?? '?'} ${job?.id ?? '?'} failed (attempt ${attempts}): ${error.message}`,
    );
  }
}
