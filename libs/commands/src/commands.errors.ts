import { DomainError, ValidationFailedError } from '@app/core';

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
