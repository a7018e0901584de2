import { Body, Controller, Get, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import {
  AccessTokenDto,
  ALL_ROLES,
  CurrentPrincipal,
  Principal,
  PrincipalDto,
  Public,
  Roles,
  TokenService,
} from '@app/core';
import { LoginDto, UsersService } from '@app/users';
import { LoginRateLimit } from '../bootstrap/throttling';

@ApiTags('auth')
@Controller('v1/auth')
export class AuthController {
  constructor(
    private readonly users: UsersService,
    private readonly tokens: TokenService,
  ) {}

  /** Exchanges a username and password for a bearer token. Wrong user or password: the same 401. */
  @Public()
  @LoginRateLimit()
  @Post('login')
  @HttpCode(200)
  async login(@Body() body: LoginDto): Promise<AccessTokenDto> {
    const principal = await this.users.authenticate(body.username, body.password);
    return this.tokens.issue(principal);
  }

  /** The caller and their scope. */
  @ApiBearerAuth()
  @Roles(...ALL_ROLES)
  @Get('me')
  me(@CurrentPrincipal() principal: Principal): PrincipalDto {
    return principal;
  }
}
