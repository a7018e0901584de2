import type { JobsOptions } from 'bullmq';

/**
 * Bounded retries and retention of audit jobs.
 * - Completed jobs are kept a day, far longer than the relay's re-send timeout, so a re-send of
 *   a row whose job ran late meets the finished job's id and adds nothing.
 * - A job that fails all its attempts is removed rather than kept: a failed job would hold the
 *   row's jobId and swallow the relay's later re-send. The row itself stays unaudited in the
 *   outbox (the durable record of what is owed), the failure is logged, and the row is sent
 *   again after the timeout.
 */
export const AUDIT_JOB_OPTIONS: JobsOptions = {
  attempts: 5,
  backoff: { type: 'exponential', delay: 1_000 },
  removeOnComplete: { age: 24 * 3600, count: 200_000 },
  removeOnFail: true,
};
