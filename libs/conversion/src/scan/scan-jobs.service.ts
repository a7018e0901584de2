import { randomUUID } from 'node:crypto';
import { InjectQueue } from '@nestjs/bullmq';
import { Injectable } from '@nestjs/common';
import { type JobProgress, Queue } from 'bullmq';
import { DataSource } from 'typeorm';
import { DomainError, Principal, QueueName } from '@app/core';
import {
  JobNotFoundError,
  QueueUnavailableError,
  RuleNotActiveError,
  ScanAlreadyQueuedError,
} from '../conversion.errors';
import { RuleVersionEntity } from '../entities/rule-version.entity';
import { lockOwnedRule } from '../rules/rule-authoring.service';
import {
  ELIGIBILITY_SCAN_JOB,
  EligibilityScanData,
  EligibilityScanResult,
} from './eligibility-scan.job';

/** Finished scans are kept a week for their requester to read, and never more than this many. */
const KEEP_FINISHED = { age: 7 * 24 * 3600, count: 1000 };

export interface JobView {
  id: string;
  name: string;
  /** BullMQ's state: waiting, active, completed, failed, delayed… */
  state: string;
  progress: JobProgress;
  result: EligibilityScanResult | null;
  failedReason: string | null;
  createdAt: string;
  finishedAt: string | null;
}

/**
 * Queues eligibility scans and reads them back. A scan is a user-requested, read-only job whose
 * id the caller needs at once, so the API adds it to BullMQ directly (not through the outbox):
 * nothing is lost if it never runs, and the caller can ask again. Ids are random UUIDs, and only
 * the caller who queued a job can read it.
 *
 * A rule is scanned by at most one job at a time (BullMQ de-duplication by rule, atomic in the
 * queue, held from the add until the job completes or finally fails). Asked again meanwhile, the
 * answer is 409 naming that job rather than 202 with its id: nothing new was accepted, the
 * job may have started before the caller's latest change, and a job is readable only by whoever
 * queued it, so another caller handed its id as "accepted" could never read the result.
 */
@Injectable()
export class ScanJobsService {
  constructor(
    private readonly dataSource: DataSource,
    @InjectQueue(QueueName.scans) private readonly queue: Queue,
  ) {}

  async enqueue(principal: Principal, ruleId: string): Promise<{ jobId: string }> {
    await this.dataSource.transaction(async (manager) => {
      await lockOwnedRule(manager, principal, ruleId);
      const active = await manager
        .getRepository(RuleVersionEntity)
        .exists({ where: { ruleId, status: 'ACTIVE' } });
      if (!active) throw new RuleNotActiveError();
    });
    const jobId = randomUUID();
    const data: EligibilityScanData = { ruleId, requestedBy: principal.userId };
    const job = await reachQueue(() =>
      this.queue.add(ELIGIBILITY_SCAN_JOB, data, {
        jobId,
        attempts: 2,
        deduplication: { id: `${ELIGIBILITY_SCAN_JOB}:${ruleId}` },
        removeOnComplete: KEEP_FINISHED,
        removeOnFail: KEEP_FINISHED,
      }),
    );
    // De-duplicated: the queue answers with the job already in flight for this rule.
    if (job.id !== jobId) throw new ScanAlreadyQueuedError(String(job.id));
    return { jobId };
  }

  async read(principal: Principal, jobId: string): Promise<JobView> {
    const job = await reachQueue(() => this.queue.getJob(jobId));
    const data = job?.data as Partial<EligibilityScanData> | undefined;
    if (!job || data?.requestedBy !== principal.userId) throw new JobNotFoundError();
    const state = await reachQueue(() => job.getState());
    return {
      id: jobId,
      name: job.name,
      state,
      progress: job.progress,
      result:
        state === 'completed'
          ? ((job.returnvalue as EligibilityScanResult | undefined) ?? null)
          : null,
      failedReason: state === 'failed' ? (job.failedReason ?? null) : null,
      createdAt: new Date(job.timestamp).toISOString(),
      finishedAt: job.finishedOn ? new Date(job.finishedOn).toISOString() : null,
    };
  }
}

/** The producer fails fast when Redis is away; the client hears 503, not an internal error. */
async function reachQueue<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (error instanceof DomainError) throw error;
    throw new QueueUnavailableError();
  }
}
