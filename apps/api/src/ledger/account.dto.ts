import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Matches, Max, Min } from 'class-validator';
import { LearnerDto } from '@app/accounts';
import { ApplicationDto } from '../conversion/conversion.dto';
import { EntryDto } from './entry.dto';

export class EntriesQueryDto {
  /** From the previous page's `nextCursor`. */
  @IsOptional()
  @IsString()
  @Matches(/^[A-Za-z0-9_-]{1,64}$/, { message: 'cursor is not one this API issued' })
  cursor?: string;

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
}
