import { Body, Controller, Get, Param, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { ALL_ROLES, CurrentPrincipal, ParseIdPipe, Principal, Role, Roles } from '@app/core';
import {
  CreateProgramDto,
  ProgramDto,
  ProgramListDto,
  ProgramsService,
  UpdateProgramDto,
} from '@app/catalog';

@ApiTags('catalog')
@ApiBearerAuth()
@Controller('v1/institutions/:institutionId/programs')
export class ProgramsController {
  constructor(private readonly programs: ProgramsService) {}

  /**
   * Adds a program (ADMIN, or the REGISTRAR of this institution; another school's registrar gets
   * 404). maxExemptCredits above totalCredits is a 422; a code in use at the school a 409.
   */
  @Roles(Role.ADMIN, Role.REGISTRAR)
  @Post()
  create(
    @CurrentPrincipal() principal: Principal,
    @Param('institutionId', ParseIdPipe) institutionId: string,
    @Body() body: CreateProgramDto,
  ): Promise<ProgramDto> {
    return this.programs.create(principal, institutionId, body);
  }

  /**
   * The school's programs, by code. Any signed-in caller: examiners' 免试 rules may name a
   * diploma of any program, and learners see programs on their diplomas.
   */
  @Roles(...ALL_ROLES)
  @Get()
  list(@Param('institutionId', ParseIdPipe) institutionId: string): Promise<ProgramListDto> {
    return this.programs.list(institutionId);
  }

  /**
   * Corrects a program's name, totalCredits or maxExemptCredits (ADMIN, or the REGISTRAR of this
   * institution; another school's registrar gets 404); the code never changes. maxExemptCredits
   * above totalCredits is a 422; below what a learner already has exempted in the program a 409
   * CATALOG.PROGRAM_CAP_BELOW_EXEMPTED. Audited as `catalog.program.changed`.
   */
  @Roles(Role.ADMIN, Role.REGISTRAR)
  @Patch(':programId')
  update(
    @CurrentPrincipal() principal: Principal,
    @Param('institutionId', ParseIdPipe) institutionId: string,
    @Param('programId', ParseIdPipe) programId: string,
    @Body() body: UpdateProgramDto,
  ): Promise<ProgramDto> {
    return this.programs.update(principal, institutionId, programId, body);
  }
}
