import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import {
  ALL_ROLES,
  CurrentPrincipal,
  Locale,
  ParseIdPipe,
  Principal,
  Role,
  Roles,
} from '@app/core';
import { LearnersService } from '@app/accounts';
import { ApplicationsService } from '@app/conversion';
import { ACCOUNT_SECTION_LIMIT, AccountReader } from '@app/ledger';
import { LearnerAccess } from '@app/relationships';
import { ApplicationPageDto } from '../conversion/conversion.dto';
import { NamedResponses } from '../naming/named-responses.service';
import { RequestLocale } from '../naming/request-locale.decorator';
import { AccountDto, ApplicationsQueryDto, EntriesQueryDto } from './account.dto';
import { EntryPageDto } from './entry.dto';

/**
 * A learner's account: what is on it and how it changed. The learner reads their own; staff
 * read the accounts of learners they reach through a relationship (enrolment, exam
 * registration, share, an outcome they recorded, an open application), and each such read is
 * written to the access log. Anyone else is told the learner does not exist (404).
 */
@ApiTags('accounts')
@ApiBearerAuth()
@Controller('v1')
export class AccountController {
  constructor(
    private readonly learners: LearnersService,
    private readonly reader: AccountReader,
    private readonly applications: ApplicationsService,
    private readonly access: LearnerAccess,
    private readonly named: NamedResponses,
  ) {}

  /**
   * The account summary: totals, course credits, certificates, diplomas, exemptions,
   * applications. Each section lists its newest items only; `sections` says how many it has
   * and where the rest continues. Totals are over every entry.
   */
  @Roles(...ALL_ROLES)
  @Get('learners/:learnerId/account')
  async account(
    @CurrentPrincipal() principal: Principal,
    @Param('learnerId', ParseIdPipe) learnerId: string,
    @RequestLocale() locale: Locale,
  ): Promise<AccountDto> {
    return this.summary(principal, learnerId, locale);
  }

  /** The caller's own account (LEARNER). */
  @Roles(Role.LEARNER)
  @Get('me/account')
  async myAccount(
    @CurrentPrincipal() principal: Principal,
    @RequestLocale() locale: Locale,
  ): Promise<AccountDto> {
    return this.summary(principal, principal.learnerId as string, locale);
  }

  /** Every ledger entry of the account, newest first, cursor-paged; corrections included unless `kind` leaves them out. */
  @Roles(...ALL_ROLES)
  @Get('learners/:learnerId/entries')
  async entries(
    @CurrentPrincipal() principal: Principal,
    @Param('learnerId', ParseIdPipe) learnerId: string,
    @Query() query: EntriesQueryDto,
  ): Promise<EntryPageDto> {
    const page = await this.access.readWith(principal, learnerId, 'ENTRIES', () =>
      this.reader.page(learnerId, {
        cursor: query.cursor,
        kind: query.kind,
        limit: query.limit ?? 50,
      }),
    );
    return this.named.entryPage(learnerId, page);
  }

  /** The account's exemption applications, newest first, cursor-paged. */
  @Roles(...ALL_ROLES)
  @Get('learners/:learnerId/exemption-applications')
  async exemptionApplications(
    @CurrentPrincipal() principal: Principal,
    @Param('learnerId', ParseIdPipe) learnerId: string,
    @Query() query: ApplicationsQueryDto,
    @RequestLocale() locale: Locale,
  ): Promise<ApplicationPageDto> {
    const page = await this.access.readWith(principal, learnerId, 'APPLICATIONS', () =>
      this.applications.pageForLearner(learnerId, query.cursor, query.limit ?? 50),
    );
    return this.named.applicationPage(page, locale);
  }

  private async summary(
    principal: Principal,
    learnerId: string,
    locale: Locale,
  ): Promise<AccountDto> {
    await this.access.read(principal, learnerId, 'ACCOUNT');
    const learner = await this.learners.profile(principal, learnerId);
    const [ledger, applications, applicationCount] = await Promise.all([
      this.reader.account(learnerId),
      this.applications.pageForLearner(learnerId, undefined, ACCOUNT_SECTION_LIMIT),
      this.applications.countForLearner(learnerId),
    ]);
    const { sections, ...lists } = ledger;
    return {
      learner,
      ...(await this.named.account(learner, lists, applications, locale)),
      sections: {
        ...sections,
        applications: { total: applicationCount, nextCursor: applications.nextCursor },
      },
    };
  }
}
