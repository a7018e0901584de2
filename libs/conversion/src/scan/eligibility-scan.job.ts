import type { Target } from '../engine';

export const ELIGIBILITY_SCAN_JOB = 'eligibility-scan';

/** How many eligible learner ids a scan's result lists (the count covers them all). */
export const SCAN_RESULT_SAMPLE = 100;

/** Learners evaluated per batch: one facts query per batch. */
export const SCAN_BATCH_SIZE = 500;

/** The job payload. `requestedBy` is who may read the job back (GET /v1/jobs/{id}). */
export interface EligibilityScanData {
  ruleId: string;
  requestedBy: string;
}

export interface EligibilityScanResult {
  ruleId: string;
  ruleVersionId: string;
  version: number;
  evaluatedAt: string;
  /** Candidate learners evaluated (those holding evidence the condition names). */
  scanned: number;
  /** Learners eligible for at least one target. */
  eligibleCount: number;
  /** The first SCAN_RESULT_SAMPLE of them, in id order. */
  eligibleLearnerIds: string[];
  byTarget: Array<{ target: Target; eligibleCount: number }>;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Job payloads are validated like any other input: a malformed one is never retried. */
export function isEligibilityScanData(value: unknown): value is EligibilityScanData {
  if (typeof value !== 'object' || value === null) return false;
  const data = value as Record<string, unknown>;
  return (
    typeof data.ruleId === 'string' &&
    UUID.test(data.ruleId) &&
    typeof data.requestedBy === 'string'
  );
}
