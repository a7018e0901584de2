import { ConflictError } from '@app/core';

/** users_learner_id_key: one login per learning account. */
export class LearnerHasLoginError extends ConflictError {
  constructor() {
    super('AUTH.LEARNER_HAS_LOGIN', 'The learner already has a login.');
  }
}
