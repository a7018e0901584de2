import { ConflictError, DomainError, NotFoundError, ValidationFailedError } from '@app/core';

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

export class CourseAlreadyExemptedError extends ConflictError {
  constructor(existingEntryId: string | null) {
    super(
      'LEDGER.COURSE_ALREADY_EXEMPTED',
      'An exemption from this course stands on the account, and a course is either exempted or ' +
        'credited: a passing credit would count it twice. Reverse the exemption first if the ' +
        'credit is to count instead. (A failed attempt is still recorded.)',
      { existingEntryId },
    );
  }
}

export class CourseAlreadyCreditedError extends ConflictError {
  constructor() {
    super(
      'LEDGER.COURSE_ALREADY_CREDITED',
      'A passing credit for this course stands on the account, so the course cannot also be ' +
        'exempted.',
    );
  }
}

export class CertificateNumberTakenError extends ConflictError {
  constructor() {
    super(
      'LEDGER.CERTIFICATE_NUMBER_TAKEN',
      'This certificate number is already recorded for the scheme (numbers are compared ' +
        'ignoring case, full-width forms and surrounding spaces).',
    );
  }
}

export class CertificateLevelAlreadyHeldError extends ConflictError {
  constructor(existingEntryId: string | null) {
    super(
      'LEDGER.CERTIFICATE_LEVEL_ALREADY_HELD',
      "A certificate of this scheme and level, still valid on the new one's issue date, stands on " +
        'the account; a learner holds one valid certificate per level. Record a renewal from the ' +
        'day the standing one expires, or revoke the standing one first if it was issued in error.',
      { existingEntryId },
    );
  }
}

export class DiplomaNumberTakenError extends ConflictError {
  constructor() {
    super(
      'LEDGER.DIPLOMA_NUMBER_TAKEN',
      'This diploma number is already recorded by the school (numbers are compared ignoring ' +
        'case, full-width forms and surrounding spaces). If that diploma was recorded for the ' +
        'wrong learner, reverse it first.',
    );
  }
}

export class DiplomaAlreadyRecordedError extends ConflictError {
  constructor(existingEntryId: string | null) {
    super(
      'LEDGER.DIPLOMA_ALREADY_RECORDED',
      'A diploma of this program already stands on the account. If it was recorded in error, ' +
        'reverse it first.',
      { existingEntryId },
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
