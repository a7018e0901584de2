import { Body, Controller, Get, Param, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { ALL_ROLES, CurrentPrincipal, ParseIdPipe, Principal, Role, Roles } from '@app/core';
import {
  CreateInstitutionDto,
  InstitutionDto,
  InstitutionListDto,
  InstitutionsService,
  UpdateInstitutionDto,
} from '@app/catalog';

@ApiTags('catalog')
@ApiBearerAuth()
@Controller('v1/institutions')
export class InstitutionsController {
  constructor(private readonly institutions: InstitutionsService) {}

  /** Registers a school (ADMIN). A code already in use answers 409 CATALOG.INSTITUTION_CODE_TAKEN. */
  @Roles(Role.ADMIN)
  @Post()
  create(
    @CurrentPrincipal() principal: Principal,
    @Body() body: CreateInstitutionDto,
  ): Promise<InstitutionDto> {
    return this.institutions.create(principal, body);
  }

  /** Every school, by code (any signed-in caller). */
  @Roles(...ALL_ROLES)
  @Get()
  list(): Promise<InstitutionListDto> {
    return this.institutions.list();
  }

  /** One school (any signed-in caller). */
  @Roles(...ALL_ROLES)
  @Get(':institutionId')
  get(@Param('institutionId', ParseIdPipe) institutionId: string): Promise<InstitutionDto> {
    return this.institutions.get(institutionId);
  }

  /**
   * Corrects a school's name or kind (ADMIN); the code never changes. Audited as
   * `catalog.institution.changed` with the fields that changed. An empty body is a 422.
   */
  @Roles(Role.ADMIN)
  @Patch(':institutionId')
  update(
    @CurrentPrincipal() principal: Principal,
    @Param('institutionId', ParseIdPipe) institutionId: string,
    @Body() body: UpdateInstitutionDto,
  ): Promise<InstitutionDto> {
    return this.institutions.update(principal, institutionId, body);
  }
}
