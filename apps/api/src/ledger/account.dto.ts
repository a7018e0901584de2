import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Length, Matches, Max, Min } from 'class-validator';
import { LearnerDto } from '@app/accounts';
import { ApplicationDto } from '../conversion/conversion.dto';
import { EntryDto } from './entry.dto';

export class EntriesQueryDto {
  /**
   * From the previous page's `nextCursor`, or a section's `nextCursor` of the account summary.
   * A cursor keeps the `kind` filter it was issued under.
   */
  @IsOptional()
  @IsString()
  @Matches(/^[A-Za-z0-9_-]{1,256}$/, { message: 'cursor is not one this API issued' })
  cursor?: string;

  /** Only these kinds, comma-separated (e.g. `COURSE_EXEMPTION,EXAM_EXEMPTION`). */
  @IsOptional()
  @IsString()
  @Length(1, 200)
  kind?: string;

  /** 1–200, default 50. */
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(200)
  limit?: number;
}

export class CreditsBySourceDto {
  courseCredits: string;
  courseExemptions: string;
  /** Credits the credit bank recognises for the learner's standing certificates. */
  certificatesRecognised: string;
}

export class AccountTotalsDto {
  /** Standing credits from passed courses and course exemptions. */
  creditsEarned: string;
  bySource: CreditsBySourceDto;
}

export class ApplicationsQueryDto {
  /** From the previous page's `nextCursor`, or the account summary's `sections.applications.nextCursor`. */
  @IsOptional()
  @IsString()
  @Matches(/^[A-Za-z0-9_-]{1,128}$/, { message: 'cursor is not one this API issued' })
  cursor?: string;

  /** 1–200, default 50. */
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(200)
  limit?: number;
}

export class SectionDto {
  /** Every item of the section, however many are shown. */
  total: number;
  /**
   * Null when every item is shown; else the rest continues at GET /v1/learners/{id}/entries
   * (GET /v1/learners/{id}/exemption-applications for applications) with this `cursor`.
   */
  nextCursor: string | null;
}

export class AccountSectionsDto {
  courseCredits: SectionDto;
  certificates: SectionDto;
  diplomas: SectionDto;
  exemptions: SectionDto;
  applications: SectionDto;
}

/**
 * Each list holds the newest 20 items of its section (newest first); `sections` gives each
 * section's exact count and the cursor to the rest. Totals count every entry, shown or not.
 */
export class AccountDto {
  /** The identity number is masked except for the learner themself and ADMIN. */
  learner: LearnerDto;
  totals: AccountTotalsDto;
  /** Passed and failed attempts; reversed ones carry status REVERSED and `cancelledBy`. */
  courseCredits: EntryDto[];
  /** Status ACTIVE, EXPIRED, REVOKED or REVERSED. */
  certificates: EntryDto[];
  diplomas: EntryDto[];
  exemptions: EntryDto[];
  /** Exemption applications, newest first, with their status and decision. */
  applications: ApplicationDto[];
  sections: AccountSectionsDto;
}
