import { ConflictError, NotFoundError } from '@app/core';

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

/** Unknown, or a scheme of another body where the caller would write. */
export class SchemeNotFoundError extends NotFoundError {
  constructor() {
    super('The certificate scheme', 'CATALOG.SCHEME_NOT_FOUND');
  }
}

/** Unknown, or a course of another school where the caller would write. */
export class CourseNotFoundError extends NotFoundError {
  constructor() {
    super('The course', 'CATALOG.COURSE_NOT_FOUND');
  }
}

/** Unknown, or a program of another school where the caller would write. */
export class ProgramNotFoundError extends NotFoundError {
  constructor() {
    super('The program', 'CATALOG.PROGRAM_NOT_FOUND');
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
