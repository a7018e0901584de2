import {
  ConflictError,
  DomainError,
  NotFoundError,
  UnauthorizedError,
  ValidationFailedError,
} from '@app/core';

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

export class UserNotFoundError extends NotFoundError {
  constructor() {
    super('The user', 'USERS.NOT_FOUND');
  }
}

/** The bank keeps at least one enabled ADMIN, or nobody could manage logins any more. */
export class LastAdminError extends ConflictError {
  constructor() {
    super(
      'USERS.LAST_ADMIN',
      'This is the last enabled ADMIN: enable or create another admin before disabling this one or changing its role.',
    );
  }
}

export class CurrentPasswordWrongError extends DomainError {
  constructor() {
    super(
      'AUTH.CURRENT_PASSWORD_WRONG',
      422,
      'Validation failed',
      'The current password is wrong.',
      {
        errors: [
          { field: 'currentPassword', message: 'currentPassword is not your current password' },
        ],
      },
    );
  }
}

export class PasswordUnchangedError extends DomainError {
  constructor() {
    super(
      'AUTH.PASSWORD_UNCHANGED',
      422,
      'Validation failed',
      'The new password is the current one.',
      {
        errors: [
          { field: 'newPassword', message: 'newPassword must differ from the current password' },
        ],
      },
    );
  }
}
