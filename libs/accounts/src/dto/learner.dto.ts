import { IsIn, IsOptional, IsString, Length, Matches } from 'class-validator';
import { IsCalendarDate, NoInvisibleCharacters } from '@app/core';
import { ID_TYPES, IdType } from '../identity/id-document';

export class CreateLearnerDto {
  /** 1–100 characters, e.g. 张伟. */
  @IsString()
  @NoInvisibleCharacters()
  @Length(1, 100)
  @Matches(/\S/, { message: 'name must not be blank' })
  @Matches(/^\P{Cc}+$/u, { message: 'name must not contain control characters' })
  name: string;

  @IsIn(ID_TYPES)
  idType: IdType;

  /**
   * The document number; full-width characters and a lower-case x are accepted and normalised.
   * RESIDENT_ID: 18 characters with a valid birth date and GB 11643 check digit.
   */
  @IsString()
  @NoInvisibleCharacters()
  @Length(1, 64)
  idNumber: string;

  /** YYYY-MM-DD, not in the future. For RESIDENT_ID it must match the number, and is taken from it when omitted. */
  @IsOptional()
  @IsCalendarDate({ notInFuture: true })
  birthDate?: string;
}

export class LearnerLookupQueryDto {
  @IsIn(ID_TYPES)
  idType: IdType;

  @IsString()
  @NoInvisibleCharacters()
  @Length(1, 64)
  idNumber: string;
}

export class LearnerDto {
  id: string;
  name: string;
  idType: IdType;
  /**
   * In full for ADMIN and the learner themself; for everyone else masked to its first 2 and
   * last 2 characters (e.g. `43**************1X`), which hold no digit of the birth date.
   */
  idNumber: string;
  /** In full for ADMIN and the learner themself; null in masked views. */
  birthDate: string | null;
  birthYear: number | null;
  /** Whether `idNumber` and `birthDate` are masked for the caller. */
  masked: boolean;
  createdAt: string;
}

export class LearnerListDto {
  items: LearnerDto[];
  total: number;
}
