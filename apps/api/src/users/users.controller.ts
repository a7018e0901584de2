import { Body, Controller, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import {
  CreateUserDto,
  isUniqueViolation,
  Role,
  Roles,
  ScopeMismatchError,
  UserDto,
  UsersService,
} from '@app/core';
import { LearnerDirectory } from '@app/accounts';
import { CertificationBodiesService, InstitutionsService } from '@app/catalog';
import { LearnerHasLoginError } from './users.errors';

@ApiTags('users')
@ApiBearerAuth()
@Controller('v1/users')
export class UsersController {
  constructor(
    private readonly users: UsersService,
    private readonly dataSource: DataSource,
    private readonly institutions: InstitutionsService,
    private readonly bodies: CertificationBodiesService,
    private readonly learners: LearnerDirectory,
  ) {}

  /**
   * Creates a login. REGISTRAR needs `institutionId`, EXAMINER `certificationBodyId`, LEARNER
   * `learnerId`, naming something that exists (else 422 on that field). A learner has at most
   * one login (409 AUTH.LEARNER_HAS_LOGIN).
   */
  @Roles(Role.ADMIN)
  @Post()
  async create(@Body() body: CreateUserDto): Promise<UserDto> {
    UsersService.checkScope(body);
    await this.assertScopeExists(body);
    try {
      return await this.users.create(body);
    } catch (error) {
      // The partial unique index decides races between two logins for one learner.
      if (isUniqueViolation(error, 'users_learner_id_key')) throw new LearnerHasLoginError();
      throw error;
    }
  }

  /** Scope targets are never deleted, so checking before the insert cannot be raced. JSON null counts as absent. */
  private async assertScopeExists(body: CreateUserDto): Promise<void> {
    if (
      typeof body.institutionId === 'string' &&
      !(await this.institutions.exists(body.institutionId))
    ) {
      throw new ScopeMismatchError(
        'institutionId',
        'institutionId must name an existing institution',
      );
    }
    if (
      typeof body.certificationBodyId === 'string' &&
      !(await this.bodies.exists(body.certificationBodyId))
    ) {
      throw new ScopeMismatchError(
        'certificationBodyId',
        'certificationBodyId must name an existing certification body',
      );
    }
    if (
      typeof body.learnerId === 'string' &&
      !(await this.learners.exists(this.dataSource.manager, body.learnerId))
    ) {
      throw new ScopeMismatchError('learnerId', 'learnerId must name an existing learner');
    }
  }
}
