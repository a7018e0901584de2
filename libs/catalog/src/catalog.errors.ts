import { ConflictError, NotFoundError, ValidationFailedError } from '@app/core';

/** Unknown, or another registrar's school: the same answer, so scope does not leak existence. */
export class InstitutionNotFoundError extends NotFoundError {
  constructor() {
    super('The institution', 'CATALOG.INSTITUTION_NOT_FOUND');
  }
}

/** Unknown, or a body the examiner does not belong to. */
export class CertificationBodyNotFoundError extends NotFoundError {
  constructor() {
    super('The certification body', 'CATALOG.CERTIFICATION_BODY_NOT_FOUND');
  }
}

/**
 * Unknown, or a scheme of another body where the caller would write. Named by code, the
 * message says which code (codes are public: every signed-in caller lists them).
 */
export class SchemeNotFoundError extends NotFoundError {
  constructor(code?: string) {
    super(
      code === undefined ? 'The certificate scheme' : `The certificate scheme with code "${code}"`,
      'CATALOG.SCHEME_NOT_FOUND',
    );
  }
}

/** Unknown, or a course of another school where the caller would write; by code, which one. */
export class CourseNotFoundError extends NotFoundError {
  constructor(code?: string) {
    super(
      code === undefined ? 'The course' : `The course with code "${code}" at your institution`,
      'CATALOG.COURSE_NOT_FOUND',
    );
  }
}

/** Unknown, or a program of another school where the caller would write; by code, which one. */
export class ProgramNotFoundError extends NotFoundError {
  constructor(code?: string) {
    super(
      code === undefined ? 'The program' : `The program with code "${code}" at your institution`,
      'CATALOG.PROGRAM_NOT_FOUND',
    );
  }
}

/** A PATCH body that names no field: nothing would change, so it is refused, not ignored. */
export class NothingToChangeError extends ValidationFailedError {
  constructor(fields: readonly string[]) {
    super(
      [{ field: '(body)', message: `name at least one field to change: ${fields.join(', ')}` }],
      `The request names nothing to change. Send at least one of ${fields.join(', ')}.`,
    );
  }
}

/**
 * Entries record a course's credits and program as they were: once any names the course, those
 * two stay (the database's courses_recorded_guard refuses the change as well).
 */
export class CourseCreditsRecordedError extends ConflictError {
  constructor(entries: number) {
    super(
      'CATALOG.COURSE_CREDITS_RECORDED',
      `${entries} ledger ${entries === 1 ? 'entry names' : 'entries name'} this course, so its ` +
        'credits and program can no longer change. Its name, hours and category still can; ' +
        'for different credits, add a new course with its own code.',
      { entries },
    );
  }
}

/** The cap on exempt credits cannot drop below what a learner already has exempted in the program. */
export class ProgramCapBelowExemptedError extends ConflictError {
  constructor(exempted: string) {
    super(
      'CATALOG.PROGRAM_CAP_BELOW_EXEMPTED',
      `A learner already has ${exempted} credits exempted in this program, more than the new ` +
        `maxExemptCredits. Set it to ${exempted} or more.`,
      { exempted },
    );
  }
}

export class InstitutionCodeTakenError extends ConflictError {
  constructor(code: string) {
    super(
      'CATALOG.INSTITUTION_CODE_TAKEN',
      `An institution with code "${code}" already exists.`,
      {},
      { code },
    );
  }
}

export class ProgramCodeTakenError extends ConflictError {
  constructor(code: string) {
    super(
      'CATALOG.PROGRAM_CODE_TAKEN',
      `The institution already has a program with code "${code}".`,
      {},
      { code },
    );
  }
}

export class CourseCodeTakenError extends ConflictError {
  constructor(code: string) {
    super(
      'CATALOG.COURSE_CODE_TAKEN',
      `The institution already has a course with code "${code}".`,
      {},
      { code },
    );
  }
}

export class CertificationBodyCodeTakenError extends ConflictError {
  constructor(code: string) {
    super(
      'CATALOG.CERTIFICATION_BODY_CODE_TAKEN',
      `A certification body with code "${code}" already exists.`,
      {},
      { code },
    );
  }
}

export class SchemeCodeTakenError extends ConflictError {
  constructor(code: string) {
    super(
      'CATALOG.SCHEME_CODE_TAKEN',
      `A certificate scheme with code "${code}" already exists.`,
      {},
      { code },
    );
  }
}
