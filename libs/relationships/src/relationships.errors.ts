import {
  ConflictError,
  DomainError,
  fieldError,
  NotFoundError,
  ValidationFailedError,
} from '@app/core';

/** Unknown, or an enrolment of another school. */
export class EnrolmentNotFoundError extends NotFoundError {
  constructor() {
    super('The enrolment', 'RELATIONSHIPS.ENROLMENT_NOT_FOUND');
  }
}

/** Unknown, or somebody else's share. */
export class ShareNotFoundError extends NotFoundError {
  constructor() {
    super('The share', 'RELATIONSHIPS.SHARE_NOT_FOUND');
  }
}

export class StudentNumberTakenError extends ConflictError {
  constructor(studentNo: string, enrolmentId: string) {
    super(
      'RELATIONSHIPS.STUDENT_NO_TAKEN',
      `Student number "${studentNo}" is already given to another enrolment at this school; choose another number.`,
      { enrolmentId },
      { studentNo },
    );
  }
}

export class AlreadyEnrolledError extends ConflictError {
  constructor(enrolmentId: string) {
    super(
      'RELATIONSHIPS.ALREADY_ENROLLED',
      'The learner already has an active enrolment in this program; end it before enrolling again.',
      { enrolmentId },
    );
  }
}

export class EnrolmentEndedError extends ConflictError {
  constructor(status: string) {
    super(
      'RELATIONSHIPS.ENROLMENT_ENDED',
      `The enrolment has already ended (${status}); an ended enrolment cannot end again.`,
      {},
      { status },
    );
  }
}

export class AlreadyRegisteredError extends ConflictError {
  constructor(registrationId: string) {
    super(
      'RELATIONSHIPS.ALREADY_REGISTERED',
      'The learner is already registered for this level of the scheme in this session.',
      { registrationId },
    );
  }
}

export class ShareWithdrawnError extends ConflictError {
  constructor() {
    super('RELATIONSHIPS.SHARE_WITHDRAWN', 'The share has already been withdrawn.');
  }
}

/**
 * Recording a course credit or a diploma needs an enrolment at the school that was in force on
 * the date of the outcome.
 */
export class NotEnrolledError extends DomainError {
  constructor(field: string, date: string) {
    super(
      'RELATIONSHIPS.NOT_ENROLLED',
      422,
      'Not enrolled',
      `The learner has no enrolment at your school in force on ${date}. Enrol them first (POST /v1/learners/{id}/enrolments), or check the date.`,
      { errors: [fieldError(field, 'INVALID.notEnrolled', { date })] },
      { params: { date } },
    );
  }
}

/** Recording a certificate needs a registration for that level of the scheme's exam. */
export class NotRegisteredError extends DomainError {
  constructor(level: string) {
    super(
      'RELATIONSHIPS.NOT_REGISTERED',
      422,
      'Not registered',
      `The learner is not registered for the ${level} exam of this scheme. Register them first (POST /v1/learners/{id}/exam-registrations).`,
      { errors: [fieldError('level', 'INVALID.notRegistered', { level })] },
      { params: { level } },
    );
  }
}

/** The scheme has no such level (the same answer as when recording a certificate). */
export class LevelNotOfferedError extends ValidationFailedError {
  constructor(level: string) {
    super([fieldError('level', 'INVALID.levelNotOffered', { level })]);
  }
}
