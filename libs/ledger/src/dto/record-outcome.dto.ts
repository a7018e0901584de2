import { IsIn, IsNumber, IsOptional, IsString, Length, Matches, Max, Min } from 'class-validator';
import { IsAfterDate, IsCalendarDate, NoInvisibleCharacters } from '@app/core';
import { IsCatalogCode, IsIdOrCode } from '@app/catalog';

export class RecordCourseCreditDto {
  /** The course's id; or send `courseCode` instead (exactly one of the two). */
  @IsIdOrCode('courseCode', 'the course')
  courseId?: string;

  /** The course's code at the registrar's institution, e.g. `WEB-201`, as the catalog lists it. */
  @IsCatalogCode()
  courseCode?: string;

  /** Academic term, e.g. `2025-2026-1`. */
  @IsString()
  @NoInvisibleCharacters()
  @Matches(/^[0-9A-Za-z-]{1,16}$/, { message: 'term must be 1–16 letters, digits or "-"' })
  term: string;

  /** 0–100, at most one decimal. 60 or more passes and earns the course's credits. */
  @IsNumber({ allowNaN: false, allowInfinity: false, maxDecimalPlaces: 1 })
  @Min(0)
  @Max(100)
  score: number;

  /** YYYY-MM-DD, not in the future. */
  @IsCalendarDate({ notInFuture: true })
  completedAt: string;
}

export class RecordCertificateDto {
  /** The scheme's id; or send `schemeCode` instead (exactly one of the two). */
  @IsIdOrCode('schemeCode', 'the scheme')
  schemeId?: string;

  /** The scheme's code (unique in the bank), of the examiner's body, as the catalog lists it. */
  @IsCatalogCode()
  schemeCode?: string;

  @IsIn(['JUNIOR', 'INTERMEDIATE', 'SENIOR'])
  level: 'JUNIOR' | 'INTERMEDIATE' | 'SENIOR';

  /** Unique within the scheme. */
  @IsString()
  @NoInvisibleCharacters()
  @Matches(/^[0-9A-Za-z-]{4,64}$/, { message: 'certificateNo must be 4–64 letters, digits or "-"' })
  certificateNo: string;

  @IsCalendarDate({ notInFuture: true })
  issuedAt: string;

  @IsOptional()
  @IsCalendarDate()
  @IsAfterDate('issuedAt')
  validUntil?: string;
}

export class RecordDiplomaDto {
  /** The program's id; or send `programCode` instead (exactly one of the two). */
  @IsIdOrCode('programCode', 'the program')
  programId?: string;

  /** The program's code at the registrar's institution, e.g. `510203`. */
  @IsCatalogCode()
  programCode?: string;

  @IsString()
  @NoInvisibleCharacters()
  @Matches(/^[0-9A-Za-z-]{4,64}$/, { message: 'diplomaNo must be 4–64 letters, digits or "-"' })
  diplomaNo: string;

  @IsCalendarDate({ notInFuture: true })
  graduatedAt: string;
}

export class CorrectionDto {
  /** Why the entry is cancelled; kept on the correction entry and in the audit chain. */
  @IsString()
  @NoInvisibleCharacters({ freeText: true })
  @Matches(/\S/, { message: 'reason must not be blank' })
  @Length(1, 500)
  @Matches(/^\P{Cc}+$/u, { message: 'reason must not contain control characters' })
  reason: string;
}
