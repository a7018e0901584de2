/** How an error is said in every language: its dictionary key and the values its text names. */
export interface MessageOptions {
  /** The dictionary key (libs/core/src/i18n/messages.*.ts); the code when absent. */
  key?: string;
  /** Values for the text's `{name}` placeholders; the error's extensions are available too. */
  params?: Record<string, unknown>;
}

/**
 * Base of every error a client may be told about. Services throw these; the problem-details
 * filter turns them into RFC 9457 responses, in the caller's language. `code` is stable:
 * clients branch on it. `title` and `detail` are the English texts, used as they are for a code
 * the dictionaries do not know yet.
 */
export class DomainError extends Error {
  readonly messageKey: string;
  readonly params: Record<string, unknown>;

  constructor(
    readonly code: string,
    readonly status: number,
    readonly title: string,
    detail: string,
    readonly extra: Record<string, unknown> = {},
    options: MessageOptions = {},
  ) {
    super(detail);
    this.name = new.target.name;
    this.messageKey = options.key ?? code;
    this.params = { ...extra, ...options.params };
  }
}

/**
 * One field's problem. `code` is stable per constraint (`REQUIRED`, `TOO_MANY_DECIMALS`…);
 * `key` and `params` say the message in each language (see i18n/messages.ts `fieldError`);
 * `message` is the English text, kept for a field error raised without a key.
 */
export interface FieldError {
  field: string;
  message: string;
  code?: string;
  key?: string;
  params?: Record<string, unknown>;
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
  constructor(what: string, code = 'NOT_FOUND', params: Record<string, unknown> = {}) {
    super(code, 404, 'Not found', `${what} was not found.`, {}, { params: { what, ...params } });
  }
}

export class ConflictError extends DomainError {
  constructor(
    code: string,
    detail: string,
    extra: Record<string, unknown> = {},
    params: Record<string, unknown> = {},
  ) {
    super(code, 409, 'Conflict', detail, extra, { params });
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
