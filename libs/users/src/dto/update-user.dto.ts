import {
  IsBoolean,
  IsEnum,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
  ValidateIf,
} from 'class-validator';
import { NoInvisibleCharacters, Role } from '@app/core';

/**
 * What an administrator changes about a login; absent fields stay as they are. With `role`, the
 * scope is exactly what the body gives (REGISTRAR needs `institutionId`, EXAMINER
 * `certificationBodyId`, LEARNER `learnerId`); without it, a scope field given replaces the
 * current one. A change of role or scope, and disabling, end the login's tokens at once.
 */
export class UpdateUserDto {
  /** 1–100 characters; null: called by the username again. */
  @IsOptional()
  @IsString()
  @NoInvisibleCharacters()
  @Length(1, 100)
  @Matches(/\S/, { message: 'displayName must not be blank' })
  @Matches(/^\P{Cc}+$/u, { message: 'displayName must not contain control characters' })
  displayName?: string | null;

  /** true: the login cannot sign in and its tokens stop working; false: enabled again. */
  @ValidateIf((_, value) => value !== undefined)
  @IsBoolean()
  disabled?: boolean;

  @ValidateIf((_, value) => value !== undefined)
  @IsEnum(Role)
  role?: Role;

  @IsOptional()
  @IsUUID()
  institutionId?: string | null;

  @IsOptional()
  @IsUUID()
  certificationBodyId?: string | null;

  @IsOptional()
  @IsUUID()
  learnerId?: string | null;
}
