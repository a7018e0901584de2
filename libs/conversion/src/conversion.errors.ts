import { ConflictError, DomainError, NotFoundError } from '@app/core';

/**
 * The reasons an approval is refused for before the engine is asked, in the decision's words
 * (DecisionService answers 409 or 422 with exactly these), so the inbox and the decision agree.
 */
export const NOT_APPROVABLE = {
  decided: (status: string) => `The application is already ${status}.`,
  noActiveVersion: 'The rule has no active version any more.',
  targetDropped: "The rule's active version no longer lists this target.",
  targetGone: 'The target course no longer exists.',
} as const;

export class RuleNotFoundError extends NotFoundError {
  constructor() {
    super('The conversion rule', 'CONVERSION.RULE_NOT_FOUND');
  }
}

export class RuleVersionNotFoundError extends NotFoundError {
  constructor(version: number) {
    super(`Version ${version} of the conversion rule`, 'CONVERSION.RULE_VERSION_NOT_FOUND', {
      version,
    });
  }
}

export class NothingToActivateError extends ConflictError {
  constructor(detail = 'The rule has no DRAFT version to activate.') {
    super('CONVERSION.NOTHING_TO_ACTIVATE', detail);
  }
}

export class RuleNotActiveError extends ConflictError {
  constructor() {
    super('CONVERSION.RULE_NOT_ACTIVE', 'The rule has no ACTIVE version.');
  }
}

export class ApplicationNotFoundError extends NotFoundError {
  constructor() {
    super('The exemption application', 'CONVERSION.APPLICATION_NOT_FOUND');
  }
}

export class ApplicationAlreadyDecidedError extends ConflictError {
  constructor(status: string) {
    // Not `status`: extension members must not shadow the problem's own fields.
    super('CONVERSION.APPLICATION_ALREADY_DECIDED', NOT_APPROVABLE.decided(status), {
      applicationStatus: status,
    });
  }
}

export class ApplicationAlreadyOpenError extends ConflictError {
  constructor(applicationId: string | null) {
    super(
      'CONVERSION.APPLICATION_ALREADY_OPEN',
      'An application for this target is already waiting for a decision.',
      { applicationId },
    );
  }
}

/** 422 with the engine's reasons, in words, and the evaluation that gave them. */
export class NotEligibleError extends DomainError {
  constructor(reasons: string[], evaluation: unknown) {
    super(
      'CONVERSION.NOT_ELIGIBLE',
      422,
      'Not eligible',
      'The rule does not exempt the learner from this target.',
      { reasons, evaluation },
    );
  }
}

export class JobNotFoundError extends NotFoundError {
  constructor() {
    super('The job', 'JOBS.NOT_FOUND');
  }
}

/** A rule is scanned by one job at a time: the one waiting or running is named, to follow or wait for. */
export class ScanAlreadyQueuedError extends ConflictError {
  constructor(jobId: string) {
    super(
      'CONVERSION.SCAN_ALREADY_QUEUED',
      `A scan of this rule is already waiting or running (job ${jobId}); its requester reads it at GET /v1/jobs/${jobId}. Ask again once it has finished.`,
      { jobId },
    );
  }
}

/** The queue (Redis) cannot be reached: nothing was queued; the caller may ask again. */
export class QueueUnavailableError extends DomainError {
  constructor() {
    super(
      'JOBS.QUEUE_UNAVAILABLE',
      503,
      'Queue unavailable',
      'The job queue cannot be reached; try again later.',
    );
  }
}
