import { Body, Controller, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Principal, Role, Roles } from '@app/core';
import { CreateUserDto, UserDto, UsersService } from '@app/users';

@ApiTags('users')
@ApiBearerAuth()
@Controller('v1/users')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  /**
   * Creates a login. REGISTRAR needs `institutionId`, EXAMINER `certificationBodyId`, LEARNER
   * `learnerId`, naming something that exists (else 422 on that field). A learner has at most
   * one login (409 AUTH.LEARNER_HAS_LOGIN).
   */
  @Roles(Role.ADMIN)
  @Post()
  create(@CurrentPrincipal() principal: Principal, @Body() body: CreateUserDto): Promise<UserDto> {
    return this.users.register(principal, body);
  }
}
