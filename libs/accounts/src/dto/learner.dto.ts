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
  /** In full for ADMIN and the learner themself; masked (e.g. `430***********1234`) for everyone else. */
  idNumber: string;
  birthDate: string | null;
  createdAt: string;
}

export class LearnerListDto {
  items: LearnerDto[];
  total: number;
}
