import { Controller, Get, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { ALL_ROLES, CurrentPrincipal, ParseIdPipe, Principal, Roles } from '@app/core';
import { ScanJobsService } from '@app/conversion';
import { JobDto } from '../conversion/conversion.dto';

/** Queued jobs, read back by the caller who queued them; anyone else's job answers 404. */
@ApiTags('jobs')
@ApiBearerAuth()
@Controller('v1/jobs')
export class JobsController {
  constructor(private readonly scans: ScanJobsService) {}

  /** `{id, state, progress, result}`; `state` is BullMQ's (waiting, active, completed, failed, delayed). */
  @Roles(...ALL_ROLES)
  @Get(':jobId')
  get(
    @CurrentPrincipal() principal: Principal,
    @Param('jobId', ParseIdPipe) jobId: string,
  ): Promise<JobDto> {
    return this.scans.read(principal, jobId);
  }
}
