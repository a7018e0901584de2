import { ApiProperty, getSchemaPath } from '@nestjs/swagger';
import type { ApplicationStatus, RuleKind, RuleLifecycleStatus, RuleStatus } from '@app/conversion';
import { EntryDto } from '../ledger/entry.dto';

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

export class RetirementDto extends RuleDto {
  /** Applications that were waiting under the rule, closed by its retirement. */
  closedApplicationIds: string[];
}

export class EligibilityItemDto {
  ruleId: string;
  ruleVersionId: string;
  version: number;
  ruleName: string;
  kind: RuleKind;
  target: object;
  eligible: boolean;
  creditsGranted: string;
  evidenceEntryIds: string[];
  /** Why not, in words (empty when eligible). */
  reasons: string[];
  /** The whole trace in words: headline, reasons, every condition and limit. */
  explanation: string[];
  openApplicationId: string | null;
  /** The engine's trace: leaves (which entries proved each), groups and limits with their amounts. */
  evaluation: object;
}

export class EligibilityDto {
  learnerId: string;
  evaluatedAt: string;
  items: EligibilityItemDto[];
}

export class ApplicationDto {
  id: string;
  learnerId: string;
  ruleId: string;
  ruleVersionId: string;
  target: object;
  targetKey: string;
  status: ApplicationStatus;
  ownerInstitutionId: string | null;
  ownerCertificationBodyId: string | null;
  /** The stored evaluation (at submission, then at decision or cascade), with its trace and `explanation` sentences. */
  evaluation: object;
  submittedBy: string;
  submittedAt: string;
  decidedBy: string | null;
  decidedAt: string | null;
  decisionReason: string | null;
  exemptionEntryId: string | null;
}

export class ApplicationPageDto {
  items: ApplicationDto[];
  nextCursor: string | null;
}

/** The rule's active version's judgement today, not stored. */
export class CurrentEvaluationDto {
  /** The day evaluated (China calendar), as an instant. */
  evaluatedAt: string;
  ruleVersionId: string;
  version: number;
  eligible: boolean;
  creditsGranted: string;
  evidenceEntryIds: string[];
  /** Why not, in words (empty when eligible). */
  reasons: string[];
  /** The whole trace in words: headline, reasons, every condition and limit. */
  explanation: string[];
}

export class InboxItemDto extends ApplicationDto {
  /** Null when there is nothing to evaluate: decided, no active version, or the target is gone. */
  currentEvaluation: CurrentEvaluationDto | null;
  /** Whether an approval now would go through. */
  approvable: boolean;
  /** The reasons an approval would be refused with now (empty when approvable). */
  blockedBecause: string[];
}

export class InboxPageDto {
  items: InboxItemDto[];
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
