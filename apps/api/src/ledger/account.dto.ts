import { IsOptional, IsString, Length } from 'class-validator';
import { LearnerDto } from '@app/accounts';
import { PageQueryDto } from '@app/core';
import { NamedApplicationDto } from '../conversion/conversion.dto';
import { NamedEntryDto } from './entry.dto';

/**
 * A cursor comes from the previous page or from a section of the account summary, and keeps the
 * `kind` filter it was issued under.
 */
export class EntriesQueryDto extends PageQueryDto {
  /** Only these kinds, comma-separated (e.g. `COURSE_EXEMPTION,EXAM_EXEMPTION`). */
  @IsOptional()
  @IsString()
  @Length(1, 200)
  kind?: string;
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

/** A cursor comes from the previous page or from the summary's `sections.applications`. */
export class ApplicationsQueryDto extends PageQueryDto {}

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
 * Every id sits beside what it names (course, school, scheme and level, recorder, rule and
 * version, cited entries); `learner` names the account's `learnerId`s.
 * Each list holds the newest 20 items of its section (newest first); `sections` gives each
 * section's exact count and the cursor to the rest. Totals count every entry, shown or not.
 */
export class AccountDto {
  /** The identity number is masked except for the learner themself and ADMIN. */
  learner: LearnerDto;
  totals: AccountTotalsDto;
  /** Passed and failed attempts; reversed ones carry status REVERSED and `cancelledBy`. */
  courseCredits: NamedEntryDto[];
  /** Status ACTIVE, EXPIRED, REVOKED or REVERSED. */
  certificates: NamedEntryDto[];
  diplomas: NamedEntryDto[];
  exemptions: NamedEntryDto[];
  /** Exemption applications, newest first, with their status and decision (reason, decider). */
  applications: NamedApplicationDto[];
  sections: AccountSectionsDto;
}
