import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { ALL_ROLES, CurrentPrincipal, ParseIdPipe, Principal, Role, Roles } from '@app/core';
import {
  CertificateSchemeDto,
  CertificateSchemeListDto,
  CertificateSchemesService,
  CreateCertificateSchemeDto,
  SchemeQueryDto,
} from '@app/catalog';

@ApiTags('catalog')
@ApiBearerAuth()
@Controller('v1/certificate-schemes')
export class CertificateSchemesController {
  constructor(private readonly schemes: CertificateSchemesService) {}

  /**
   * Creates a scheme with its three levels and their exam components, in one transaction
   * (ADMIN, or an EXAMINER of `certificationBodyId`; another body's examiner gets 404).
   */
  @Roles(Role.ADMIN, Role.EXAMINER)
  @Post()
  create(
    @CurrentPrincipal() principal: Principal,
    @Body() body: CreateCertificateSchemeDto,
  ): Promise<CertificateSchemeDto> {
    return this.schemes.create(principal, body);
  }

  /** Every scheme with levels and components, optionally of one body (any signed-in caller). */
  @Roles(...ALL_ROLES)
  @Get()
  list(@Query() query: SchemeQueryDto): Promise<CertificateSchemeListDto> {
    return this.schemes.list(query);
  }

  /** One scheme with levels and components (any signed-in caller). */
  @Roles(...ALL_ROLES)
  @Get(':schemeId')
  get(@Param('schemeId', ParseIdPipe) schemeId: string): Promise<CertificateSchemeDto> {
    return this.schemes.get(schemeId);
  }
}
