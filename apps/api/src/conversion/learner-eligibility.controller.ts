import { Body, Controller, Get, Param, Post, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { ALL_ROLES, CurrentPrincipal, ParseIdPipe, Principal, Roles } from '@app/core';
import { ApplicationsService, EligibilityService, SubmitApplicationDto } from '@app/conversion';
import { CommandContext } from '@app/ledger';
import { Command } from '../ledger/command-context';
import { ApplicationDto, EligibilityDto } from './conversion.dto';

/** What a learner may be exempted from, and applying for it: the learner themself or staff. */
@ApiTags('conversion')
@ApiBearerAuth()
@Controller('v1/learners/:learnerId')
export class LearnerEligibilityController {
  constructor(
    private readonly eligibility: EligibilityService,
    private readonly applications: ApplicationsService,
  ) {}

  /** Every ACTIVE rule touching the learner's evidence, per target: eligible or not, with the trace in words. */
  @Roles(...ALL_ROLES)
  @Get('eligibility')
  get(
    @CurrentPrincipal() principal: Principal,
    @Param('learnerId', ParseIdPipe) learnerId: string,
  ): Promise<EligibilityDto> {
    return this.eligibility.forLearner(principal, learnerId);
  }

  /** Applies for an exemption under a rule's active version: 201 SUBMITTED, or 422 with the reasons. */
  @Roles(...ALL_ROLES)
  @Post('exemption-applications')
  @ApiHeader({
    name: 'Idempotency-Key',
    required: false,
    description: 'Same key and body: same answer, one application.',
  })
  async submit(
    @Command() command: CommandContext,
    @Param('learnerId', ParseIdPipe) learnerId: string,
    @Body() body: SubmitApplicationDto,
    @Res({ passthrough: true }) response: FastifyReply,
  ): Promise<ApplicationDto> {
    const stored = await this.applications.submit(command, learnerId, body);
    void response.status(stored.status);
    if (stored.replayed) void response.header('idempotent-replayed', 'true');
    return stored.body;
  }
}
