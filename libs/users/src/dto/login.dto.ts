import { IsString, Length } from 'class-validator';
import { NoInvisibleCharacters } from '@app/core';

export class LoginDto {
  @IsString()
  @NoInvisibleCharacters()
  @Length(1, 64)
  username: string;

  @IsString()
  @Length(1, 256)
  password: string;
}
