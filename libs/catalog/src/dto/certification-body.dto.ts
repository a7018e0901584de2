import { IsString, Length, Matches } from 'class-validator';
import { NoInvisibleCharacters } from '@app/core';

export class CreateCertificationBodyDto {
  /** 1–32 letters, digits, `.`, `_` or `-`, starting with a letter or digit; unique. */
  @IsString()
  @NoInvisibleCharacters()
  @Matches(/^[A-Za-z0-9][A-Za-z0-9._-]{0,31}$/, {
    message: 'code must be 1–32 letters, digits, ".", "_" or "-"',
  })
  code: string;

  /** 1–200 characters, e.g. 工业和信息化部教育与考试中心. */
  @IsString()
  @NoInvisibleCharacters()
  @Length(1, 200)
  @Matches(/\S/, { message: 'name must not be blank' })
  @Matches(/^\P{Cc}+$/u, { message: 'name must not contain control characters' })
  name: string;
}

export class CertificationBodyDto {
  id: string;
  code: string;
  name: string;
  createdAt: string;
}

export class CertificationBodyListDto {
  items: CertificationBodyDto[];
  total: number;
}
