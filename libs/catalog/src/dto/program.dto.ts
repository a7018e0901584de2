import { IsString, Length, Matches, ValidateIf } from 'class-validator';
import { IsDecimalAmount, NoInvisibleCharacters } from '@app/core';

export class CreateProgramDto {
  /** 1–32 letters, digits, `.`, `_` or `-` (e.g. the national program code 510203); unique per institution. */
  @IsString()
  @NoInvisibleCharacters()
  @Matches(/^[A-Za-z0-9][A-Za-z0-9._-]{0,31}$/, {
    message: 'code must be 1–32 letters, digits, ".", "_" or "-"',
  })
  code: string;

  /** 1–200 characters, e.g. 软件技术. */
  @IsString()
  @NoInvisibleCharacters()
  @Length(1, 200)
  @Matches(/\S/, { message: 'name must not be blank' })
  @Matches(/^\P{Cc}+$/u, { message: 'name must not contain control characters' })
  name: string;

  /** Credits to graduate: a decimal string such as "140" or "140.5", above 0, at most 2 decimals. */
  @IsDecimalAmount({ min: 0, exclusiveMin: true, max: 9999.99 })
  totalCredits: string;

  /** The cap on credits exempted by conversion rules; at most totalCredits. */
  @IsDecimalAmount({ min: 0, max: 9999.99 })
  maxExemptCredits: string;
}

/**
 * A correction of a program: any of name, totalCredits and maxExemptCredits, with
 * maxExemptCredits at most totalCredits afterwards and never below what a learner already has
 * exempted in the program. The code never changes: imports and rules name the program by it.
 */
export class UpdateProgramDto {
  /** 1–200 characters. */
  @ValidateIf((_, value) => value !== undefined)
  @IsString()
  @NoInvisibleCharacters()
  @Length(1, 200)
  @Matches(/\S/, { message: 'name must not be blank' })
  @Matches(/^\P{Cc}+$/u, { message: 'name must not contain control characters' })
  name?: string;

  /** A decimal string above 0, at most 2 decimals. */
  @ValidateIf((_, value) => value !== undefined)
  @IsDecimalAmount({ min: 0, exclusiveMin: true, max: 9999.99 })
  totalCredits?: string;

  /** A decimal string, at most totalCredits. */
  @ValidateIf((_, value) => value !== undefined)
  @IsDecimalAmount({ min: 0, max: 9999.99 })
  maxExemptCredits?: string;
}

export class ProgramDto {
  id: string;
  institutionId: string;
  code: string;
  name: string;
  totalCredits: string;
  maxExemptCredits: string;
  createdAt: string;
}

export class ProgramListDto {
  items: ProgramDto[];
  total: number;
}
