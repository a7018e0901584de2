import { Body, Controller, Get, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Principal, Role, Roles, STAFF_ROLES } from '@app/core';
import {
  CreateLearnerDto,
  LearnerDto,
  LearnerListDto,
  LearnerLookupQueryDto,
  LearnersService,
} from '@app/accounts';
import { LookupRateLimit } from '../bootstrap/throttling';

@ApiTags('accounts')
@ApiBearerAuth()
@Controller('v1/learners')
export class LearnersController {
  constructor(private readonly learners: LearnersService) {}

  /**
   * Opens a learning account (ADMIN, REGISTRAR). The same document type and number again answers
   * 409 ACCOUNTS.LEARNER_EXISTS with `existingLearnerId`. The number is shown masked except to ADMIN.
   */
  @Roles(Role.ADMIN, Role.REGISTRAR)
  @Post()
  open(
    @CurrentPrincipal() principal: Principal,
    @Body() body: CreateLearnerDto,
  ): Promise<LearnerDto> {
    return this.learners.open(principal, body);
  }

  /** Finds the account of an identity document (staff): one item, or none. An invalid number is a 422. */
  @Roles(...STAFF_ROLES)
  @LookupRateLimit()
  @Get()
  lookup(
    @CurrentPrincipal() principal: Principal,
    @Query() query: LearnerLookupQueryDto,
  ): Promise<LearnerListDto> {
    return this.learners.lookup(principal, query);
  }
}
