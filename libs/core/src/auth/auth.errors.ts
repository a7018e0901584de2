import { ConflictError, UnauthorizedError, ValidationFailedError } from '../errors/domain-error';

export class InvalidCredentialsError extends UnauthorizedError {
  constructor() {
    super('The username or password is wrong.', 'AUTH.INVALID_CREDENTIALS');
  }
}

export class UsernameTakenError extends ConflictError {
  constructor(username: string) {
    super('AUTH.USERNAME_TAKEN', `The username "${username}" is already taken.`);
  }
}

export class ScopeMismatchError extends ValidationFailedError {
  constructor(field: string, message: string) {
    super([{ field, message }]);
  }
}
