import { ConflictError, NotFoundError } from '@app/core';

/** One learning account per identity: the second attempt names the account that exists. */
export class LearnerExistsError extends ConflictError {
  constructor(existingLearnerId: string) {
    super(
      'ACCOUNTS.LEARNER_EXISTS',
      'A learning account for this identity document already exists.',
      {
        existingLearnerId,
      },
    );
  }
}

/** Unknown, or (for a LEARNER) somebody else's account. */
export class LearnerNotFoundError extends NotFoundError {
  constructor() {
    super('The learner', 'ACCOUNTS.LEARNER_NOT_FOUND');
  }
}
