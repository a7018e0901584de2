import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsDefined,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
  Min,
} from 'class-validator';
import {
  IsAfterDate,
  IsCalendarDate,
  IsDecimalAmount,
  NoInvisibleCharacters,
  PageLimitQueryDto,
} from '@app/core';
import { RULE_KINDS, type RuleKind } from '../entities/conversion-rule.entity';
import { RULE_STATUSES } from '../entities/rule-version.entity';

/** What a rule version says. The condition and targets are checked in depth by RuleValidator. */
export class RuleContentDto {
  @IsString()
  @NoInvisibleCharacters()
  @Length(1, 200)
  @Matches(/\S/, { message: 'name must not be blank' })
  @Matches(/^\P{Cc}+$/u, { message: 'name must not contain control characters' })
  name: string;

  /**
   * A tree of `{all: [...]}`, `{any: [...]}`, `{atLeast: {n, of: [...]}}` over the leaves
   * `{certificate: {schemeId, minLevel, maxLevel?, maxAgeYears?}}`, `{courseCredit: {courseId, minScore?}}`
   * and `{diploma: {programId}}`; at most 8 levels deep.
   */
  @IsDefined()
  condition: Record<string, unknown>;

  /** `[{courseId}]` for 免修 and 学分互认 rules, `[{schemeId, level, component}]` for 免试 rules. */
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(100)
  targets: Record<string, unknown>[];

  /** Credits per exemption; default: the target course's credits (0 for exam components). */
  @IsOptional()
  @IsDecimalAmount({ min: 0, max: 999.99 })
  creditsGranted?: string;

  /** Most credits one piece of evidence may exempt over all its exemptions (e.g. "8"). */
  @IsOptional()
  @IsDecimalAmount({ min: 0, max: 999.99, exclusiveMin: true })
  maxCreditsPerEvidence?: string;

  /** First day the rule applies (China calendar). */
  @IsCalendarDate()
  effectiveFrom: string;

  /** First day it no longer applies (exclusive). */
  @IsOptional()
  @IsCalendarDate()
  @IsAfterDate('effectiveFrom')
  effectiveTo?: string;
}

export class CreateRuleDto extends RuleContentDto {
  /** CERT_TO_COURSE 免修, COURSE_TO_EXAM 免试, COURSE_TO_COURSE 学分互认. */
  @IsIn(RULE_KINDS)
  kind: RuleKind;
}

export class ActivateRuleDto {
  /** Which DRAFT to activate; default: the newest DRAFT. */
  @IsOptional()
  @IsInt()
  @Min(1)
  version?: number;
}

export class ListRulesQueryDto extends PageLimitQueryDto {
  @IsOptional()
  @IsIn(RULE_KINDS)
  kind?: RuleKind;

  /** The rule's lifecycle status (ACTIVE, RETIRED or DRAFT for never-activated rules). */
  @IsOptional()
  @IsIn(RULE_STATUSES.filter((status) => status !== 'SUPERSEDED'))
  status?: 'DRAFT' | 'ACTIVE' | 'RETIRED';

  @IsOptional()
  @IsUUID()
  ownerInstitutionId?: string;

  @IsOptional()
  @IsUUID()
  ownerCertificationBodyId?: string;

  /** From the previous page's `nextCursor`. */
  @IsOptional()
  @IsUUID()
  cursor?: string;
}
