import { randomUUID } from 'node:crypto';
import { InjectQueue } from '@nestjs/bullmq';
import { Injectable } from '@nestjs/common';
import { type JobProgress, Queue } from 'bullmq';
import { DataSource } from 'typeorm';
import { DomainError, Principal, QueueName } from '@app/core';
import { JobNotFoundError, QueueUnavailableError, RuleNotActiveError } from '../conversion.errors';
import { RuleVersionEntity } from '../entities/rule-version.entity';
import { lockOwnedRule } from '../rules/rule-authoring.service';
import {
  ELIGIBILITY_SCAN_JOB,
  EligibilityScanData,
  EligibilityScanResult,
} from './eligibility-scan.job';

const WEEK_SECONDS = 7 * 24 * 3600;

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
    await reachQueue(() =>
      this.queue.add(ELIGIBILITY_SCAN_JOB, data, {
        jobId,
        attempts: 2,
        removeOnComplete: { age: WEEK_SECONDS },
        removeOnFail: { age: WEEK_SECONDS },
      }),
    );
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
