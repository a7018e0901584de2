import { IsIn, IsOptional, IsString, Length, Matches } from 'class-validator';
import { IsCatalogCode, IsIdOrCode } from '@app/catalog';
import { NoInvisibleCharacters } from '@app/core';

export class CreateExamRegistrationDto {
  /** The certificate scheme; or send `schemeCode` instead (exactly one of the two). */
  @IsIdOrCode('schemeCode', 'the scheme')
  schemeId?: string;

  /** The scheme's code, e.g. `X-WEB-FE`, instead of `schemeId`. */
  @IsCatalogCode()
  schemeCode?: string;

  @IsIn(['JUNIOR', 'INTERMEDIATE', 'SENIOR'])
  level: 'JUNIOR' | 'INTERMEDIATE' | 'SENIOR';

  /** The exam session as your body names it, e.g. `2025-06` or `2025年第2批` (1–32 characters). */
  @IsString()
  @NoInvisibleCharacters()
  @Length(1, 32)
  @Matches(/^[\p{L}\p{N}_-]+$/u, {
    message: 'session must be letters, digits, "_" or "-" (e.g. 2025-06)',
  })
  session: string;

  /** The learner's identity document number, when your body has no relationship with them yet. */
  @IsOptional()
  @IsString()
  @NoInvisibleCharacters()
  @Length(1, 64)
  idNumber?: string;
}

export class ExamRegistrationDto {
  id: string;
  learnerId: string;
  scheme: { id: string; code: string; name: string };
  certificationBody: { id: string; name: string };
  level: string;
  levelName: string;
  session: string;
  createdAt: string;
}

export class ExamRegistrationListDto {
  items: ExamRegistrationDto[];
  total: number;
}
