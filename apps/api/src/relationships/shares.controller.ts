import { Body, Controller, Delete, Get, HttpCode, HttpStatus, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, ParseIdPipe, Principal, Role, Roles } from '@app/core';
import { CreateShareDto, ShareDto, ShareListDto, SharesService } from '@app/relationships';

/** A learner shares their account with a school or body until a date, and may withdraw it. */
@ApiTags('relationships')
@ApiBearerAuth()
@Controller('v1/me/shares')
export class SharesController {
  constructor(private readonly shares: SharesService) {}

  /** Lets one school (`institutionId`) or body (`certificationBodyId`) read my account until `until`. */
  @Roles(Role.LEARNER)
  @Post()
  @HttpCode(HttpStatus.CREATED)
  @ApiCreatedResponse({ type: ShareDto })
  grant(@CurrentPrincipal() principal: Principal, @Body() body: CreateShareDto): Promise<ShareDto> {
    return this.shares.grant(principal, body);
  }

  /** My shares, newest first, each ACTIVE, EXPIRED or WITHDRAWN. */
  @Roles(Role.LEARNER)
  @Get()
  list(@CurrentPrincipal() principal: Principal): Promise<ShareListDto> {
    return this.shares.list(principal);
  }

  /** Withdraws a share at once; it stays listed as WITHDRAWN. */
  @Roles(Role.LEARNER)
  @Delete(':shareId')
  withdraw(
    @CurrentPrincipal() principal: Principal,
    @Param('shareId', ParseIdPipe) shareId: string,
  ): Promise<ShareDto> {
    return this.shares.withdraw(principal, shareId);
  }
}
