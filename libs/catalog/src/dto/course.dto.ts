import {
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
  Max,
  Min,
  ValidateIf,
} from 'class-validator';
import { IsDecimalAmount, NoInvisibleCharacters } from '@app/core';
import { COURSE_CATEGORIES, CourseCategory } from '../entities/course.entity';

export class CreateCourseDto {
  /** 1–32 letters, digits, `.`, `_` or `-`; unique per institution. */
  @IsString()
  @NoInvisibleCharacters()
  @Matches(/^[A-Za-z0-9][A-Za-z0-9._-]{0,31}$/, {
    message: 'code must be 1–32 letters, digits, ".", "_" or "-"',
  })
  code: string;

  /** 1–200 characters, e.g. Web前端框架开发. */
  @IsString()
  @NoInvisibleCharacters()
  @Length(1, 200)
  @Matches(/\S/, { message: 'name must not be blank' })
  @Matches(/^\P{Cc}+$/u, { message: 'name must not contain control characters' })
  name: string;

  /** A decimal string such as "4" or "3.5": above 0, at most 999.99, at most 2 decimals. */
  @IsDecimalAmount({ min: 0, exclusiveMin: true, max: 999.99 })
  credits: string;

  /** Teaching hours, 0–9999. */
  @IsInt()
  @Min(0)
  @Max(9999)
  hours: number;

  @IsIn(COURSE_CATEGORIES)
  category: CourseCategory;

  /** A program of the same institution; omit for courses outside any program (public basics). */
  @ValidateIf((_, value) => value !== undefined)
  @IsUUID()
  programId?: string;
}

/**
 * A correction of a course: any of name, hours, category, credits and programId (null: no
 * program). Credits and program are frozen once a ledger entry names the course (409
 * CATALOG.COURSE_CREDITS_RECORDED). The code never changes: imports, other schools' rules and
 * recorded credits name the course by it.
 */
export class UpdateCourseDto {
  /** 1–200 characters. */
  @ValidateIf((_, value) => value !== undefined)
  @IsString()
  @NoInvisibleCharacters()
  @Length(1, 200)
  @Matches(/\S/, { message: 'name must not be blank' })
  @Matches(/^\P{Cc}+$/u, { message: 'name must not contain control characters' })
  name?: string;

  /** A decimal string above 0, at most 999.99, at most 2 decimals. */
  @ValidateIf((_, value) => value !== undefined)
  @IsDecimalAmount({ min: 0, exclusiveMin: true, max: 999.99 })
  credits?: string;

  /** Teaching hours, 0–9999. */
  @ValidateIf((_, value) => value !== undefined)
  @IsInt()
  @Min(0)
  @Max(9999)
  hours?: number;

  @ValidateIf((_, value) => value !== undefined)
  @IsIn(COURSE_CATEGORIES)
  category?: CourseCategory;

  /** A program of the same institution, or null to take the course out of its program. */
  @ValidateIf((_, value) => value !== undefined && value !== null)
  @IsUUID()
  programId?: string | null;
}

export class CourseQueryDto {
  /** Only the courses of this program. */
  @IsOptional()
  @IsUUID()
  programId?: string;

  @IsOptional()
  @IsIn(COURSE_CATEGORIES)
  category?: CourseCategory;
}

export class CourseDto {
  id: string;
  institutionId: string;
  programId: string | null;
  code: string;
  name: string;
  credits: string;
  hours: number;
  category: CourseCategory;
  createdAt: string;
}

export class CourseListDto {
  items: CourseDto[];
  total: number;
}
