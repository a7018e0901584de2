import { Body, Controller, Get, HttpCode, HttpStatus, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import {
  ALL_ROLES,
  CurrentPrincipal,
  Locale,
  ParseIdPipe,
  Principal,
  Roles,
  STAFF_ROLES,
} from '@app/core';
import { CommandContext, CommandResult } from '@app/commands';
import { ApplicationsService, DecisionDto, DecisionService, InboxQueryDto } from '@app/conversion';
import { CurrentCommand } from '../bootstrap/command-context.decorator';
import { NamedResponses } from '../naming/named-responses.service';
import { RequestLocale } from '../naming/request-locale.decorator';
import { DecisionResultDto, InboxPageDto, NamedApplicationDto } from './conversion.dto';

/** The deciders' side: each sees the applications of their own scope and decides them. */
@ApiTags('conversion')
@ApiBearerAuth()
@Controller('v1/exemption-applications')
export class ExemptionApplicationsController {
  constructor(
    private readonly applications: ApplicationsService,
    private readonly decisions: DecisionService,
    private readonly named: NamedResponses,
  ) {}

  /**
   * The inbox: a REGISTRAR sees their institution's, an EXAMINER their body's, ADMIN all; oldest
   * first. Each item keeps the stored `evaluation` and adds how it stands today under the rule's
   * active version: `currentEvaluation`, `approvable` and, when not, `blockedBecause` (the reasons
   * an approval would be refused with), in the caller's language with names.
   */
  @Roles(...STAFF_ROLES)
  @Get()
  async inbox(
    @CurrentPrincipal() principal: Principal,
    @Query() query: InboxQueryDto,
    @RequestLocale() locale: Locale,
  ): Promise<InboxPageDto> {
    return this.named.inbox(await this.applications.inbox(principal, query), locale);
  }

  /** One application: its learner, its submitter, the target's owner side, ADMIN. */
  @Roles(...ALL_ROLES)
  @Get(':applicationId')
  async get(
    @CurrentPrincipal() principal: Principal,
    @Param('applicationId', ParseIdPipe) applicationId: string,
    @RequestLocale() locale: Locale,
  ): Promise<NamedApplicationDto> {
    return this.named.application(await this.applications.get(principal, applicationId), locale);
  }

  /**
   * APPROVE or REJECT (the target's owner side). Approval re-evaluates first and writes the
   * exemption entry; no longer eligible ⇒ 422 with the reasons. A second decision ⇒ 409.
   */
  @Roles(...STAFF_ROLES)
  @Post(':applicationId/decision')
  @HttpCode(HttpStatus.OK)
  @ApiOkResponse({ type: DecisionResultDto })
  @ApiHeader({
    name: 'Idempotency-Key',
    required: false,
    description: 'Same key and body: same answer, one effect.',
  })
  async decide(
    @CurrentCommand() command: CommandContext,
    @Param('applicationId', ParseIdPipe) applicationId: string,
    @Body() body: DecisionDto,
    @RequestLocale() locale: Locale,
  ): Promise<CommandResult<DecisionResultDto>> {
    const result = await this.named.refusalsSaid(
      locale,
      this.decisions.decide(command, applicationId, body),
    );
    const application = await this.named.application(result.body.application, locale);
    return new CommandResult({ ...result.body, application }, result.replayed);
  }
}
