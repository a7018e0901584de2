import { Body, Controller, Get, Header, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, ParseIdPipe, Principal, Role, Roles } from '@app/core';
import {
  CreateUserDto,
  ListUsersQueryDto,
  PasswordResetDto,
  UpdateUserDto,
  UserAdminService,
  UserDto,
  UserListDto,
  UsersService,
} from '@app/users';

@ApiTags('users')
@ApiBearerAuth()
@Roles(Role.ADMIN)
@Controller('v1/users')
export class UsersController {
  constructor(
    private readonly users: UsersService,
    private readonly admin: UserAdminService,
  ) {}

  /**
   * Creates a login. REGISTRAR needs `institutionId`, EXAMINER `certificationBodyId`, LEARNER
   * `learnerId`, naming something that exists (else 422 on that field). A learner has at most
   * one login (409 AUTH.LEARNER_HAS_LOGIN). A password that is easy to guess is 422 with code
   * AUTH.PASSWORD_TOO_COMMON, AUTH.PASSWORD_CONTAINS_USERNAME or AUTH.PASSWORD_TOO_PREDICTABLE.
   */
  @Post()
  create(@CurrentPrincipal() principal: Principal, @Body() body: CreateUserDto): Promise<UserDto> {
    return this.users.register(principal, body);
  }

  /** Logins in username order, each naming its scope; filter by role, scope or `q` (username or display name). */
  @Get()
  list(@Query() query: ListUsersQueryDto): Promise<UserListDto> {
    return this.admin.list(query);
  }

  @Get(':id')
  get(@Param('id', ParseIdPipe) id: string): Promise<UserDto> {
    return this.admin.get(id);
  }

  /**
   * Changes the display name, disables or enables, or changes the role or scope (same rules as
   * at creation). Disabling or a change of role or scope ends the login's tokens at once: their
   * next request is 401 (AUTH.ACCOUNT_DISABLED, AUTH.TOKEN_REVOKED). The last enabled ADMIN
   * cannot be disabled or given another role (409 USERS.LAST_ADMIN).
   */
  @Patch(':id')
  update(
    @CurrentPrincipal() principal: Principal,
    @Param('id', ParseIdPipe) id: string,
    @Body() body: UpdateUserDto,
  ): Promise<UserDto> {
    return this.admin.update(principal, id, body);
  }

  /**
   * Replaces the password with a generated temporary one, answered once (never stored in
   * clear): the person must choose their own at their next sign-in, and their tokens stop
   * working now.
   */
  @Post(':id/password-reset')
  @HttpCode(200)
  @Header('cache-control', 'no-store')
  resetPassword(
    @CurrentPrincipal() principal: Principal,
    @Param('id', ParseIdPipe) id: string,
  ): Promise<PasswordResetDto> {
    return this.admin.resetPassword(principal, id);
  }
}
