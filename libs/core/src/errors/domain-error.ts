/**
 * Base of every error a client may be told about. Services throw these; the problem-details
 * filter turns them into RFC 9457 responses. `code` is stable: clients branch on it.
 */
export class DomainError extends Error {
  constructor(
    readonly code: string,
    readonly status: number,
    readonly title: string,
    detail: string,
    readonly extra: Record<string, unknown> = {},
  ) {
    super(detail);
    this.name = new.target.name;
  }
}

export interface FieldError {
  field: string;
  message: string;
}

export class ValidationFailedError extends DomainError {
  constructor(
    readonly errors: FieldError[],
    detail = 'The request has invalid fields.',
  ) {
    super('VALIDATION_FAILED', 422, 'Validation failed', detail, { errors });
  }
}

export class NotFoundError extends DomainError {
  constructor(what: string, code = 'NOT_FOUND') {
    super(code, 404, 'Not found', `${what} was not found.`);
  }
}

export class ConflictError extends DomainError {
  constructor(code: string, detail: string, extra: Record<string, unknown> = {}) {
    super(code, 409, 'Conflict', detail, extra);
  }
}

export class ForbiddenError extends DomainError {
  constructor(detail = 'This action is not allowed for the caller.') {
    super('AUTH.FORBIDDEN', 403, 'Forbidden', detail);
  }
}

export class UnauthorizedError extends DomainError {
  constructor(detail = 'A valid bearer token is required.', code = 'AUTH.UNAUTHENTICATED') {
    super(code, 401, 'Unauthorized', detail);
  }
}

export class MalformedJsonError extends DomainError {
  constructor() {
    super('REQUEST.MALFORMED_JSON', 400, 'Malformed JSON', 'The request body is not valid JSON.');
  }
}
