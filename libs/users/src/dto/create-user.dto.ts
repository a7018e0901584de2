import { IsEnum, IsOptional, IsString, IsUUID, Length, Matches } from 'class-validator';
import { NoInvisibleCharacters, Role } from '@app/core';

export class CreateUserDto {
  /** 3–64 characters: letters, digits, `.`, `_`, `-`. */
  @IsString()
  @NoInvisibleCharacters()
  @Length(3, 64)
  @Matches(/^[A-Za-z0-9._-]+$/, { message: 'username may use letters, digits, ".", "_" and "-"' })
  username: string;

  /**
   * 12–256 characters; not one of the 10,000 most common passwords (nor one with digits or
   * symbols added), not containing the username, not a run or a repeated character.
   */
  @IsString()
  @Length(12, 256)
  password: string;

  /** What the views call the person (1–100 characters); absent: the username. */
  @IsOptional()
  @IsString()
  @NoInvisibleCharacters()
  @Length(1, 100)
  @Matches(/\S/, { message: 'displayName must not be blank' })
  @Matches(/^\P{Cc}+$/u, { message: 'displayName must not contain control characters' })
  displayName?: string;

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
  /** What the views call the person; null: the username. */
  displayName: string | null;
  role: Role;
  institutionId: string | null;
  certificationBodyId: string | null;
  learnerId: string | null;
  /** The scope in words: the institution's, the body's or the learner's name; null for ADMIN. */
  scopeName: string | null;
  disabled: boolean;
  /** When the login was disabled; null while it is enabled. */
  disabledAt: string | null;
  /** True after an administrator's reset, until the person chooses their own password. */
  passwordChangeRequired: boolean;
  createdAt: string;
}

export class UserListDto {
  items: UserDto[];
  /** Pass as `cursor` for the next page; null on the last page. */
  nextCursor: string | null;
}
