import { ConflictError, DomainError, NotFoundError, ValidationFailedError } from '@app/core';

/** The accounts area owns this error; the ledger raises it for learners it cannot find. */
export { LearnerNotFoundError } from '@app/accounts';

export class CourseNotFoundError extends NotFoundError {
  constructor() {
    super('The course', 'CATALOG.COURSE_NOT_FOUND');
  }
}

export class ProgramNotFoundError extends NotFoundError {
  constructor() {
    super('The program', 'CATALOG.PROGRAM_NOT_FOUND');
  }
}

export class SchemeNotFoundError extends NotFoundError {
  constructor() {
    super('The certificate scheme', 'CATALOG.SCHEME_NOT_FOUND');
  }
}

export class EntryNotFoundError extends NotFoundError {
  constructor(what = 'The ledger entry') {
    super(what, 'LEDGER.ENTRY_NOT_FOUND');
  }
}

export class CreditAlreadyRecordedError extends ConflictError {
  constructor(existingEntryId: string | null) {
    super(
      'LEDGER.CREDIT_ALREADY_RECORDED',
      'A passing credit for this course already stands on the account.',
      {
        existingEntryId,
      },
    );
  }
}

export class CertificateNumberTakenError extends ConflictError {
  constructor() {
    super(
      'LEDGER.CERTIFICATE_NUMBER_TAKEN',
      'This certificate number is already recorded for the scheme.',
    );
  }
}

export class AlreadyCancelledError extends ConflictError {
  constructor() {
    super('LEDGER.ALREADY_CANCELLED', 'The entry has already been reversed or revoked.');
  }
}

export class ExemptionAlreadyStandsError extends ConflictError {
  constructor() {
    super(
      'LEDGER.EXEMPTION_ALREADY_STANDS',
      'An exemption for this target already stands on the account.',
    );
  }
}

export class NotCancellableError extends DomainError {
  constructor(detail: string) {
    super('LEDGER.NOT_CANCELLABLE', 422, 'Not cancellable', detail);
  }
}

export class LevelNotInSchemeError extends ValidationFailedError {
  constructor(level: string) {
    super([{ field: 'level', message: `the scheme has no level ${level}` }]);
  }
}

export class IdempotencyKeyReusedError extends DomainError {
  constructor() {
    super(
      'IDEMPOTENCY.KEY_REUSED',
      422,
      'Idempotency key reused',
      'This Idempotency-Key was already used with a different request.',
    );
  }
}

export class InvalidIdempotencyKeyError extends ValidationFailedError {
  constructor() {
    super([{ field: 'Idempotency-Key', message: 'must be 1–128 visible ASCII characters' }]);
  }
}
