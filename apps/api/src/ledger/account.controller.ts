import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { ALL_ROLES, CurrentPrincipal, ParseIdPipe, Principal, Role, Roles } from '@app/core';
import { LearnersService } from '@app/accounts';
import { ApplicationsService } from '@app/conversion';
import { AccountReader } from '@app/ledger';
import { AccountDto, EntriesQueryDto } from './account.dto';
import { EntryPageDto } from './entry.dto';

/**
 * A learner's account: what is on it and how it changed. Staff may read any learner's account
 * (a school needs the certificates a learner brings); a learner only their own — another
 * learner's answers 404, as if it did not exist.
 */
@ApiTags('accounts')
@ApiBearerAuth()
@Controller('v1')
export class AccountController {
  constructor(
    private readonly learners: LearnersService,
    private readonly reader: AccountReader,
    private readonly applications: ApplicationsService,
  ) {}

  /** The account summary: totals, course credits, certificates, diplomas, exemptions, applications. */
  @Roles(...ALL_ROLES)
  @Get('learners/:learnerId/account')
  async account(
    @CurrentPrincipal() principal: Principal,
    @Param('learnerId', ParseIdPipe) learnerId: string,
  ): Promise<AccountDto> {
    return this.summary(principal, learnerId);
  }

  /** The caller's own account (LEARNER). */
  @Roles(Role.LEARNER)
  @Get('me/account')
  async myAccount(@CurrentPrincipal() principal: Principal): Promise<AccountDto> {
    return this.summary(principal, principal.learnerId as string);
  }

  /** Every ledger entry of the account, newest first, cursor-paged; corrections included. */
  @Roles(...ALL_ROLES)
  @Get('learners/:learnerId/entries')
  async entries(
    @CurrentPrincipal() principal: Principal,
    @Param('learnerId', ParseIdPipe) learnerId: string,
    @Query() query: EntriesQueryDto,
  ): Promise<EntryPageDto> {
    await this.learners.profile(principal, learnerId);
    return this.reader.page(learnerId, query.cursor, query.limit ?? 50);
  }

  /** The profile check also enforces visibility: another learner's account answers 404. */
  private async summary(principal: Principal, learnerId: string): Promise<AccountDto> {
    const learner = await this.learners.profile(principal, learnerId);
    const [ledger, applications] = await Promise.all([
      this.reader.account(learnerId),
      this.applications.listForLearner(learnerId),
    ]);
    return { learner, ...ledger, applications };
  }
}
