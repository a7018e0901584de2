import { IsIn, IsString, Length, Matches, ValidateIf } from 'class-validator';
import { NoInvisibleCharacters } from '@app/core';
import { INSTITUTION_KINDS, InstitutionKind } from '../entities/institution.entity';

export class CreateInstitutionDto {
  /** 1–32 letters, digits, `.`, `_` or `-`, starting with a letter or digit; unique. */
  @IsString()
  @NoInvisibleCharacters()
  @Matches(/^[A-Za-z0-9][A-Za-z0-9._-]{0,31}$/, {
    message: 'code must be 1–32 letters, digits, ".", "_" or "-"',
  })
  code: string;

  /** 1–200 characters, e.g. 湖南示范信息职业技术学院. */
  @IsString()
  @NoInvisibleCharacters()
  @Length(1, 200)
  @Matches(/\S/, { message: 'name must not be blank' })
  @Matches(/^\P{Cc}+$/u, { message: 'name must not contain control characters' })
  name: string;

  @IsIn(INSTITUTION_KINDS)
  kind: InstitutionKind;
}

/**
 * A correction of a school (ADMIN): any of name and kind. The code never changes: imports,
 * files and other schools' rules name the school by it.
 */
export class UpdateInstitutionDto {
  /** 1–200 characters. */
  @ValidateIf((_, value) => value !== undefined)
  @IsString()
  @NoInvisibleCharacters()
  @Length(1, 200)
  @Matches(/\S/, { message: 'name must not be blank' })
  @Matches(/^\P{Cc}+$/u, { message: 'name must not contain control characters' })
  name?: string;

  @ValidateIf((_, value) => value !== undefined)
  @IsIn(INSTITUTION_KINDS)
  kind?: InstitutionKind;
}

export class InstitutionDto {
  id: string;
  code: string;
  name: string;
  kind: InstitutionKind;
  createdAt: string;
}

export class InstitutionListDto {
  items: InstitutionDto[];
  total: number;
}
