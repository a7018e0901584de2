import { ApiProperty, getSchemaPath } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';
import type { ApplicationStatus, RuleKind, RuleLifecycleStatus, RuleStatus } from '@app/conversion';
import { EntryDto } from '../ledger/entry.dto';
import {
  CatalogRefDto,
  EntryRefDto,
  LearnerRefDto,
  NamedTargetDto,
  PersonRefDto,
  RuleRefDto,
} from '../naming/names.dto';

/** Response shapes of the conversion endpoints, for the OpenAPI document. */

export class RuleVersionDto {
  id: string;
  ruleId: string;
  version: number;
  status: RuleStatus;
  name: string;
  /** The condition tree (see POST /v1/conversion-rules). */
  condition: object;
  targets: object[];
  creditsGranted: string | null;
  maxCreditsPerEvidence: string | null;
  effectiveFrom: string;
  effectiveTo: string | null;
  createdBy: string;
  createdAt: string;
  activatedAt: string | null;
  endedAt: string | null;
}

export class RuleDto {
  id: string;
  kind: RuleKind;
  /** ACTIVE while a version is active; RETIRED after retirement; DRAFT before the first activation. */
  status: RuleLifecycleStatus;
  ownerInstitutionId: string | null;
  ownerCertificationBodyId: string | null;
  createdBy: string;
  createdAt: string;
  activeVersion: RuleVersionDto | null;
  /** Every version, newest first (absent in lists). */
  versions?: RuleVersionDto[];
}

export class RulePageDto {
  items: RuleDto[];
  nextCursor: string | null;
}

export class RuleOverlapDto {
  /** What the entry reports; the fields below are those of `type`. */
  type: 'OVERLAPPING_RULE';
  ruleId: string;
  ruleVersionId: string;
  version: number;
  name: string;
  kind: string;
  /** The targets both rules exempt. */
  sharedTargets: object[];
  /** Courses, schemes and programs both conditions name. */
  sharedEvidenceIds: string[];
}

/** A 免试 rule's condition accepts a certificate of another certification body. */
export class OtherBodyCertificateDto {
  type: 'OTHER_BODY_CERTIFICATE';
  certificationBodyId: string;
  certificationBodyName: string;
  schemeId: string;
  schemeCode: string;
  schemeName: string;
  /** Where the condition names the scheme, e.g. "condition.any[1].certificate". */
  paths: string[];
}

export class ActivationDto extends RuleDto {
  supersededVersionId: string | null;
  /**
   * Other ACTIVE rules exempting a same target from overlapping evidence (`OVERLAPPING_RULE`),
   * then, for a 免试 rule, each other body's certificate scheme its condition cites
   * (`OTHER_BODY_CERTIFICATE`): what to resolve or to know before relying on the rule.
   */
  @ApiProperty({
    type: 'array',
    items: {
      oneOf: [
        { $ref: getSchemaPath(RuleOverlapDto) },
        { $ref: getSchemaPath(OtherBodyCertificateDto) },
      ],
    },
  })
  overlaps: (RuleOverlapDto | OtherBodyCertificateDto)[];
}

/** `?version=` of the overlap preview. */
export class OverlapPreviewQueryDto {
  /** Which DRAFT to report on; default: the newest DRAFT (as activation chooses). */
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(2147483647)
  version?: number;
}

/** What activating the DRAFT would report in its `overlaps`, asked beforehand; nothing changes. */
export class OverlapPreviewDto {
  ruleId: string;
  /** The DRAFT reported on. */
  ruleVersionId: string;
  version: number;
  /** The same entries, in the same order, as the activation's answer would hold. */
  @ApiProperty({
    type: 'array',
    items: {
      oneOf: [
        { $ref: getSchemaPath(RuleOverlapDto) },
        { $ref: getSchemaPath(OtherBodyCertificateDto) },
      ],
    },
  })
  overlaps: (RuleOverlapDto | OtherBodyCertificateDto)[];
}

export class RetirementDto extends RuleDto {
  /** Applications that were waiting under the rule, closed by its retirement. */
  closedApplicationIds: string[];
}

/** The engine's structured trace: which entries proved each condition, groups, limits with amounts. */
export class EvaluationTraceDto {
  /** The evaluation instant. */
  at: string;
  inEffect: boolean;
  conditionHeld: boolean;
  /** Each leaf condition: held or not, the entries it chose, the facts it rejected (with codes). */
  leaves: object[];
  groups: object[];
  /** Each limit by name, with `held` and its amounts. */
  limits: object[];
  /**
   * Why not, as data (`kind`: NOT_YET_IN_EFFECT, NO_LONGER_IN_EFFECT, WRONG_KIND, NOT_A_TARGET,
   * MALFORMED_CONDITION, CONDITION with a leaf's or group's `path`, LIMIT with its `name`), one
   * per reason; empty when eligible. Absent from evaluations stored before it was kept.
   */
  blockers?: object[];
}

/**
 * An evaluation as views show it: the verdict and each reason once, in words, then the trace.
 * The words are said from the trace in the caller's language (Accept-Language; zh-CN by
 * default), everything by its name: no id, no trace path.
 */
export class EvaluationViewDto extends EvaluationTraceDto {
  eligible: boolean;
  creditsGranted: string;
  evidenceEntryIds: string[];
  /** Why not, with names, in the caller's language (empty when eligible). */
  reasons: string[];
  /** The headline, then every condition and limit that is not among `reasons`. */
  explanation: string[];
}

/** A waiting application for an eligibility item's target. */
export class OpenApplicationDto {
  id: string;
  submittedAt: string;
  /** In words, e.g. "申请 · 免修 Vue.js 应用开发 (C-1)". */
  label: string;
}

export class NamedEligibilityItemDto {
  ruleId: string;
  ruleVersionId: string;
  /** The rule's active version: name, kind and version number. */
  rule: RuleRefDto;
  target: NamedTargetDto;
  eligible: boolean;
  creditsGranted: string;
  /** The entries that prove the condition (empty when it does not hold). */
  evidenceEntryIds: string[];
  /** Those entries, in words. */
  evidence: EntryRefDto[];
  /** Why not, in the caller's language with names (empty when eligible). Each reason is said here only. */
  reasons: string[];
  /** The headline, then every condition and limit that is not among `reasons`. */
  explanation: string[];
  openApplicationId: string | null;
  openApplication: OpenApplicationDto | null;
  /** The engine's trace, for tools; its words are `reasons` and `explanation`. */
  evaluation: EvaluationTraceDto;
}

export class NamedEligibilityDto {
  learnerId: string;
  /** Whose eligibility this is. */
  learner: LearnerRefDto;
  evaluatedAt: string;
  items: NamedEligibilityItemDto[];
}

/** An application as its write answers it (the read views add names: NamedApplicationDto). */
export class ApplicationDto {
  id: string;
  learnerId: string;
  ruleId: string;
  /** The version that evaluated it last; for an approval, the one the exemption was granted under. */
  ruleVersionId: string;
  target: object;
  targetKey: string;
  status: ApplicationStatus;
  ownerInstitutionId: string | null;
  ownerCertificationBodyId: string | null;
  /** The latest evaluation (at submission, then at decision or cascade). */
  evaluation: EvaluationViewDto;
  submittedBy: string;
  submittedAt: string;
  decidedBy: string | null;
  decidedAt: string | null;
  /** The decider's reason, or why the application was closed. */
  decisionReason: string | null;
  exemptionEntryId: string | null;
}

/** An application as a person reads it: beside each id, what it names. */
export class NamedApplicationDto extends ApplicationDto {
  /** The learner (`learnerId`). */
  learner: LearnerRefDto;
  /** The rule version (`ruleId`, `ruleVersionId`): name, kind and version number. */
  rule: RuleRefDto | null;
  /** The course, or the scheme and level, in words. */
  declare target: NamedTargetDto;
  /** The deciding school (`ownerInstitutionId`). */
  ownerInstitution: CatalogRefDto | null;
  /** The deciding body (`ownerCertificationBodyId`). */
  ownerCertificationBody: CatalogRefDto | null;
  /** Who submitted it (`submittedBy`). */
  submitter: PersonRefDto;
  /** Who decided it (`decidedBy`); null while it waits. */
  decider: PersonRefDto | null;
  /** The evaluation's evidence (`evaluation.evidenceEntryIds`), in words. */
  evidence: EntryRefDto[];
  /** The exemption an approval wrote (`exemptionEntryId`). */
  exemptionEntry: EntryRefDto | null;
}

export class ApplicationPageDto {
  items: NamedApplicationDto[];
  nextCursor: string | null;
}

/** The rule's active version's judgement today, not stored. */
export class NamedCurrentEvaluationDto {
  /** The day evaluated (China calendar), as an instant. */
  evaluatedAt: string;
  ruleVersionId: string;
  version: number;
  /** The active version (`ruleVersionId`) by name and number. */
  rule: RuleRefDto | null;
  eligible: boolean;
  creditsGranted: string;
  evidenceEntryIds: string[];
  /** Those entries, in words. */
  evidence: EntryRefDto[];
  /** Why not, in words (empty when eligible). */
  reasons: string[];
  /** The headline, then every condition and limit that is not among `reasons`. */
  explanation: string[];
}

/**
 * An inbox item: the application, named, and how it stands today. `learner` names whose it is;
 * the student number joins it with enrolments.
 */
export class NamedInboxItemDto extends NamedApplicationDto {
  /** Null when there is nothing to evaluate: decided, no active version, or the target is gone. */
  currentEvaluation: NamedCurrentEvaluationDto | null;
  /** Whether an approval now would go through. */
  approvable: boolean;
  /** The reasons an approval would be refused with now (empty when approvable). */
  blockedBecause: string[];
}

export class InboxPageDto {
  items: NamedInboxItemDto[];
  nextCursor: string | null;
}

export class DecisionResultDto {
  application: ApplicationDto;
  /** The exemption entry an approval wrote (null for a rejection). */
  exemption: EntryDto | null;
}

export class JobAcceptedDto {
  jobId: string;
}

export class JobDto {
  id: string;
  name: string;
  /** waiting, active, completed, failed, delayed… (BullMQ's states). */
  state: string;
  /** 0–100 for scans. */
  progress: number | string | boolean | object;
  result: object | null;
  failedReason: string | null;
  createdAt: string;
  finishedAt: string | null;
}
