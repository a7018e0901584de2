import { Body, Controller, Get, HttpCode, Post, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import {
  AccessTokenDto,
  ALL_ROLES,
  AllowedBeforePasswordChange,
  type AuthenticatedRequest,
  CurrentPrincipal,
  MeDto,
  Principal,
  Public,
  Roles,
  TokenService,
} from '@app/core';
import {
  ChangePasswordDto,
  LoginDto,
  OwnLoginService,
  UserAdminService,
  UsersService,
} from '@app/users';
import { LoginRateLimit, PasswordChangeRateLimit } from '../bootstrap/throttling';

@ApiTags('auth')
@Controller('v1/auth')
export class AuthController {
  constructor(
    private readonly users: UsersService,
    private readonly ownLogin: OwnLoginService,
    private readonly admin: UserAdminService,
    private readonly tokens: TokenService,
  ) {}

  /**
   * Exchanges a username and password for a bearer token. Wrong user or password: the same 401.
   * A disabled login, once its password proved right: 401 AUTH.ACCOUNT_DISABLED.
   */
  @Public()
  @LoginRateLimit()
  @Post('login')
  @HttpCode(200)
  async login(@Body() body: LoginDto): Promise<AccessTokenDto> {
    const { principal, tokenVersion } = await this.users.authenticate(body.username, body.password);
    return this.tokens.issue(principal, tokenVersion);
  }

  /**
   * The caller and their scope (named: the school, body or learner), and whether they must
   * change their password first.
   */
  @ApiBearerAuth()
  @Roles(...ALL_ROLES)
  @AllowedBeforePasswordChange()
  @Get('me')
  async me(
    @CurrentPrincipal() principal: Principal,
    @Req() request: AuthenticatedRequest,
  ): Promise<MeDto> {
    const login = await this.admin.get(principal.userId);
    return {
      ...principal,
      displayName: login.displayName ?? login.username,
      scopeName: login.scopeName,
      passwordChangeRequired: request.passwordChangeRequired === true,
    };
  }

  /**
   * Changes the caller's own password (after an administrator's reset, the one thing open).
   * Every token of the login stops working, this one too: the answer is a new token. The new
   * password is checked like at creation (422 AUTH.PASSWORD_TOO_COMMON,
   * AUTH.PASSWORD_CONTAINS_USERNAME, AUTH.PASSWORD_TOO_PREDICTABLE); a wrong current password
   * is 422 AUTH.CURRENT_PASSWORD_WRONG.
   */
  @ApiBearerAuth()
  @Roles(...ALL_ROLES)
  @AllowedBeforePasswordChange()
  @PasswordChangeRateLimit()
  @Post('password')
  @HttpCode(200)
  async changePassword(
    @CurrentPrincipal() principal: Principal,
    @Body() body: ChangePasswordDto,
  ): Promise<AccessTokenDto> {
    const version = await this.ownLogin.changePassword(principal, body);
    return this.tokens.issue(principal, version);
  }

  /**
   * Ends the caller's tokens: this one and any other of the same login (a sign-out on one
   * device signs out on all). Their next request is 401 AUTH.TOKEN_REVOKED.
   */
  @ApiBearerAuth()
  @Roles(...ALL_ROLES)
  @AllowedBeforePasswordChange()
  @Post('logout')
  @HttpCode(204)
  async logout(@CurrentPrincipal() principal: Principal): Promise<void> {
    await this.ownLogin.signOut(principal);
  }
}
