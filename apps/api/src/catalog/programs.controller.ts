import { Body, Controller, Get, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { ALL_ROLES, CurrentPrincipal, ParseIdPipe, Principal, Role, Roles } from '@app/core';
import { CreateProgramDto, ProgramDto, ProgramListDto, ProgramsService } from '@app/catalog';

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
}
