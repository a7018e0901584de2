import { Body, Controller, Get, HttpCode, HttpStatus, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiHeader, ApiTags } from '@nestjs/swagger';
import { ALL_ROLES, CurrentPrincipal, Locale, ParseIdPipe, Principal, Roles } from '@app/core';
import { CommandContext, CommandResult } from '@app/commands';
import { ApplicationsService, EligibilityService, SubmitApplicationDto } from '@app/conversion';
import { CurrentCommand } from '../bootstrap/command-context.decorator';
import { NamedResponses } from '../naming/named-responses.service';
import { RequestLocale } from '../naming/request-locale.decorator';
import { ApplicationDto, NamedEligibilityDto } from './conversion.dto';

/** What a learner may be exempted from, and applying for it: the learner themself or staff. */
@ApiTags('conversion')
@ApiBearerAuth()
@Controller('v1/learners/:learnerId')
export class LearnerEligibilityController {
  constructor(
    private readonly eligibility: EligibilityService,
    private readonly applications: ApplicationsService,
    private readonly named: NamedResponses,
  ) {}

  /**
   * Every ACTIVE rule touching the learner's evidence, per target: eligible or not, the trace in
   * words in the caller's language (Accept-Language), everything by its name.
   */
  @Roles(...ALL_ROLES)
  @Get('eligibility')
  async get(
    @CurrentPrincipal() principal: Principal,
    @Param('learnerId', ParseIdPipe) learnerId: string,
    @RequestLocale() locale: Locale,
  ): Promise<NamedEligibilityDto> {
    return this.named.eligibility(await this.eligibility.forLearner(principal, learnerId), locale);
  }

  /**
   * Applies for an exemption under a rule's active version: 201 SUBMITTED, or 422 with the
   * reasons, both in the caller's language with names.
   */
  @Roles(...ALL_ROLES)
  @Post('exemption-applications')
  @HttpCode(HttpStatus.CREATED)
  @ApiCreatedResponse({ type: ApplicationDto })
  @ApiHeader({
    name: 'Idempotency-Key',
    required: false,
    description: 'Same key and body: same answer, one application.',
  })
  async submit(
    @CurrentCommand() command: CommandContext,
    @Param('learnerId', ParseIdPipe) learnerId: string,
    @Body() body: SubmitApplicationDto,
    @RequestLocale() locale: Locale,
  ): Promise<CommandResult<ApplicationDto>> {
    const result = await this.named.refusalsSaid(
      locale,
      this.applications.submit(command, learnerId, body),
    );
    return new CommandResult(await this.named.application(result.body, locale), result.replayed);
  }
}
