import { IsString, Length } from 'class-validator';

export class LoginDto {
  @IsString()
  @Length(1, 64)
  username: string;

  @IsString()
  @Length(1, 256)
  password: string;
}

export class AccessTokenDto {
  accessToken: string;
  /** Always `Bearer`. */
  tokenType: string;
  /** Seconds until the token expires. */
  expiresIn: number;
}
