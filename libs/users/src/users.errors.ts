import { ConflictError, UnauthorizedError, ValidationFailedError } from '@app/core';

export class InvalidCredentialsError extends UnauthorizedError {
  constructor() {
    super('The username or password is wrong.', 'AUTH.INVALID_CREDENTIALS');
  }
}

/** users_username_lower_key: one login per username, whatever its letter case. */
export class UsernameTakenError extends ConflictError {
  constructor(username: string) {
    super(
      'AUTH.USERNAME_TAKEN',
      `The username "${username}" is already taken (usernames that differ only in letter case are the same login); choose another.`,
      {},
      { username },
    );
  }
}

/** users_learner_id_key: one login per learning account. */
export class LearnerHasLoginError extends ConflictError {
  constructor() {
    super('AUTH.LEARNER_HAS_LOGIN', 'The learner already has a login.');
  }
}

export class ScopeMismatchError extends ValidationFailedError {
  constructor(field: string, message: string) {
    super([{ field, message }]);
  }
}
