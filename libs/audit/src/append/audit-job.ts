import { UnrecoverableError } from 'bullmq';

/** Payload of an `append` job: the outbox rows it stands for (the relay sends one per job). */
export interface AppendJobData {
  outboxIds: string[];
}

const OUTBOX_ID = /^[1-9]\d{0,18}$/;
export const MAX_OUTBOX_IDS_PER_JOB = 1_000;

/** Job payloads are input too: a malformed one fails at once instead of being retried. */
export function parseAppendJob(data: unknown): AppendJobData {
  const ids = (data as { outboxIds?: unknown } | null)?.outboxIds;
  if (
    !Array.isArray(ids) ||
    ids.length === 0 ||
    ids.length > MAX_OUTBOX_IDS_PER_JOB ||
    !ids.every((id): id is string => typeof id === 'string' && OUTBOX_ID.test(id))
  ) {
    throw new UnrecoverableError(
      `append job needs outboxIds: 1–${MAX_OUTBOX_IDS_PER_JOB} decimal ids`,
    );
  }
  return { outboxIds: ids };
}
