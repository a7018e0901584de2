import { IsString, Length } from 'class-validator';

/** A person changes their own password. */
export class ChangePasswordDto {
  @IsString()
  @Length(1, 256)
  currentPassword: string;

  /**
   * 12–256 characters; not one of the 10,000 most common passwords (nor one with digits or
   * symbols added), not containing the username, not a run or a repeated character.
   */
  @IsString()
  @Length(12, 256)
  newPassword: string;
}

export class PasswordResetDto {
  /**
   * Shown once, here and nowhere else: hand it to the person, who must choose their own
   * password at their next sign-in. Their tokens stopped working.
   */
  temporaryPassword: string;
  passwordChangeRequired: boolean;
}
