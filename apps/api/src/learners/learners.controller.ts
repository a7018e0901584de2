import { Body, Controller, Get, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { CurrentPrincipal, Principal, Role, Roles } from '@app/core';
import {
  CreateLearnerDto,
  LearnerDto,
  LearnerListDto,
  LearnerLookupQueryDto,
  LearnersService,
} from '@app/accounts';
import { LearnerAccess } from '@app/relationships';
import { LookupRateLimit } from '../bootstrap/throttling';

@ApiTags('accounts')
@ApiBearerAuth()
@Controller('v1/learners')
export class LearnersController {
  constructor(
    private readonly dataSource: DataSource,
    private readonly learners: LearnersService,
    private readonly access: LearnerAccess,
  ) {}

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

  /**
   * Finds the account of an identity document (REGISTRAR, ADMIN): one item, or none. An invalid
   * number is a 422. Limited per caller, and a found account's learner sees the look-up in
   * their access log.
   */
  @Roles(Role.ADMIN, Role.REGISTRAR)
  @LookupRateLimit()
  @Get()
  async lookup(
    @CurrentPrincipal() principal: Principal,
    @Query() query: LearnerLookupQueryDto,
  ): Promise<LearnerListDto> {
    const found = await this.learners.lookup(principal, query);
    for (const learner of found.items)
      await this.access.logView(this.dataSource.manager, principal, learner.id, 'IDENTITY_LOOKUP');
    return found;
  }
}
