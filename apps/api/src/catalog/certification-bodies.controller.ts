import { Body, Controller, Get, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { ALL_ROLES, CurrentPrincipal, Principal, Role, Roles } from '@app/core';
import {
  CertificationBodiesService,
  CertificationBodyDto,
  CertificationBodyListDto,
  CreateCertificationBodyDto,
} from '@app/catalog';

@ApiTags('catalog')
@ApiBearerAuth()
@Controller('v1/certification-bodies')
export class CertificationBodiesController {
  constructor(private readonly bodies: CertificationBodiesService) {}

  /** Registers a certification body (ADMIN). A code in use answers 409. */
  @Roles(Role.ADMIN)
  @Post()
  create(
    @CurrentPrincipal() principal: Principal,
    @Body() body: CreateCertificationBodyDto,
  ): Promise<CertificationBodyDto> {
    return this.bodies.create(principal, body);
  }

  /** Every certification body, by code (any signed-in caller). */
  @Roles(...ALL_ROLES)
  @Get()
  list(): Promise<CertificationBodyListDto> {
    return this.bodies.list();
  }
}
