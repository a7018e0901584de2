import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { LearnerDirectory } from '@app/accounts';
import { CertificationBodiesService, InstitutionsService } from '@app/catalog';
import { UserScope } from './user-rules';
import { ScopeMismatchError } from './users.errors';

export type { UserScope } from './user-rules';

/** Checks that a login's scope names an institution, body or learner that exists. */
@Injectable()
export class UserScopeService {
  constructor(
    private readonly institutions: InstitutionsService,
    private readonly bodies: CertificationBodiesService,
    private readonly learners: LearnerDirectory,
  ) {}

  /** Scope targets are never deleted, so checking before the insert cannot be raced. JSON null counts as absent. */
  async assertExists(scope: UserScope, manager: EntityManager): Promise<void> {
    if (
      typeof scope.institutionId === 'string' &&
      !(await this.institutions.exists(scope.institutionId, manager))
    ) {
      throw new ScopeMismatchError(
        'institutionId',
        'institutionId must name an existing institution',
      );
    }
    if (
      typeof scope.certificationBodyId === 'string' &&
      !(await this.bodies.exists(scope.certificationBodyId, manager))
    ) {
      throw new ScopeMismatchError(
        'certificationBodyId',
        'certificationBodyId must name an existing certification body',
      );
    }
    if (
      typeof scope.learnerId === 'string' &&
      !(await this.learners.exists(manager, scope.learnerId))
    ) {
      throw new ScopeMismatchError('learnerId', 'learnerId must name an existing learner');
    }
  }
}
