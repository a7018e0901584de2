import { IsEnum, IsOptional, IsString, IsUUID, Length, Matches } from 'class-validator';
import { NoInvisibleCharacters, Role } from '@app/core';

export class CreateUserDto {
  /** 3–64 characters: letters, digits, `.`, `_`, `-`. */
  @IsString()
  @NoInvisibleCharacters()
  @Length(3, 64)
  @Matches(/^[A-Za-z0-9._-]+$/, { message: 'username may use letters, digits, ".", "_" and "-"' })
  username: string;

  @IsString()
  @Length(12, 256)
  password: string;

  @IsEnum(Role)
  role: Role;

  /** Required for REGISTRAR. */
  @IsOptional()
  @IsUUID()
  institutionId?: string;

  /** Required for EXAMINER. */
  @IsOptional()
  @IsUUID()
  certificationBodyId?: string;

  /** Required for LEARNER. */
  @IsOptional()
  @IsUUID()
  learnerId?: string;
}

export class UserDto {
  id: string;
  username: string;
  role: Role;
  institutionId: string | null;
  certificationBodyId: string | null;
  learnerId: string | null;
  createdAt: string;
}
