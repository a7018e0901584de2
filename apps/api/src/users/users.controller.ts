import { Body, Controller, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CreateUserDto, Role, Roles, UserDto, UsersService } from '@app/core';

@ApiTags('users')
@ApiBearerAuth()
@Controller('v1/users')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  /** Creates a login. REGISTRAR needs `institutionId`, EXAMINER `certificationBodyId`, LEARNER `learnerId`. */
  @Roles(Role.ADMIN)
  @Post()
  create(@Body() body: CreateUserDto): Promise<UserDto> {
    return this.users.create(body);
  }
}
