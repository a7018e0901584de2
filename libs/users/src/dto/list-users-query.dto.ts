import { IsEnum, IsOptional, IsString, IsUUID, Length } from 'class-validator';
import { NoInvisibleCharacters, PageQueryDto, Role } from '@app/core';

/** `GET /v1/users`: in username order, filtered by any of these. */
export class ListUsersQueryDto extends PageQueryDto {
  @IsOptional()
  @IsEnum(Role)
  role?: Role;

  @IsOptional()
  @IsUUID()
  institutionId?: string;

  @IsOptional()
  @IsUUID()
  certificationBodyId?: string;

  /** Part of the username or display name, in any letter case. */
  @IsOptional()
  @IsString()
  @NoInvisibleCharacters()
  @Length(1, 64)
  q?: string;
}
