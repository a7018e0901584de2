import { IsIn, IsOptional, IsString, IsUUID, Length, Matches } from 'class-validator';
import { IsCatalogCode, IsIdOrCode } from '@app/catalog';
import { IsCalendarDate, NoInvisibleCharacters, PageQueryDto } from '@app/core';
import {
  ENROLMENT_CATEGORIES,
  ENROLMENT_STATUSES,
  type EnrolmentCategory,
  type EnrolmentEnd,
  type EnrolmentStatus,
} from '../entities/enrolment.entity';

export class CreateEnrolmentDto {
  /**
   * The program (专业) the learner studies; its school is the enrolment's school. Or send
   * `programCode` instead (a program of your school; exactly one of the two).
   */
  @IsIdOrCode('programCode', 'the program')
  programId?: string;

  /** The program's code at your school, e.g. `510203`, instead of `programId`. */
  @IsCatalogCode()
  programCode?: string;

  /** 学号, unique within the school: 1–32 letters, digits or "-". */
  @IsString()
  @NoInvisibleCharacters()
  @Matches(/^[0-9A-Za-z-]{1,32}$/, { message: 'studentNo must be 1–32 letters, digits or "-"' })
  studentNo: string;

  @IsIn(ENROLMENT_CATEGORIES)
  category: EnrolmentCategory;

  /** YYYY-MM-DD, not in the future. */
  @IsCalendarDate({ notInFuture: true })
  startedAt: string;

  /**
   * The learner's identity document number, when your school has no relationship with the
   * learner yet (the account was opened elsewhere): it shows that you know who you enrol.
   */
  @IsOptional()
  @IsString()
  @NoInvisibleCharacters()
  @Length(1, 64)
  idNumber?: string;
}

export class EndEnrolmentDto {
  @IsIn(ENROLMENT_STATUSES.filter((status) => status !== 'ACTIVE'))
  status: EnrolmentEnd;

  /** YYYY-MM-DD, not in the future and not before the enrolment started. */
  @IsCalendarDate({ notInFuture: true })
  endedAt: string;
}

export class EnrolmentDto {
  id: string;
  learnerId: string;
  institution: { id: string; code: string; name: string };
  program: { id: string; code: string; name: string };
  studentNo: string;
  category: EnrolmentCategory;
  status: EnrolmentStatus;
  startedAt: string;
  endedAt: string | null;
  createdAt: string;
}

export class EnrolmentListDto {
  items: EnrolmentDto[];
  total: number;
}

export class RosterQueryDto extends PageQueryDto {
  /** Part of a name, or the start of a student number. */
  @IsOptional()
  @IsString()
  @NoInvisibleCharacters()
  @Length(1, 100)
  q?: string;

  @IsOptional()
  @IsUUID()
  programId?: string;

  @IsOptional()
  @IsIn(ENROLMENT_STATUSES)
  status?: EnrolmentStatus;
}

export class RosterItemDto {
  learnerId: string;
  name: string;
  enrolmentId: string;
  studentNo: string;
  program: { id: string; code: string; name: string };
  category: EnrolmentCategory;
  status: EnrolmentStatus;
  startedAt: string;
  endedAt: string | null;
}

export class RosterPageDto {
  items: RosterItemDto[];
  nextCursor: string | null;
}
