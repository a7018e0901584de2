import type { Condition, LeafCondition } from './condition';
import type { Level } from './level';

export type { Level } from './level';
export type {
  CertificateLeaf,
  Condition,
  ConditionProblem,
  ConditionReferences,
  CourseCreditLeaf,
  DiplomaLeaf,
  LeafCondition,
} from './condition';

/** Written status of a ledger entry. Expiry is not a status: it follows from validUntil and `at`. */
export type EntryStatus = 'ACTIVE' | 'REVERSED' | 'REVOKED';

export interface CertificateFact {
  entryId: string;
  schemeId: string;
  level: Level;
  certificateNo: string;
  issuedAt: string;
  validUntil?: string | null;
  /** Credits the credit bank recognises for this scheme level, e.g. "6". */
  recognisedCredits: string;
  status: EntryStatus;
}

export interface CourseCreditFact {
  entryId: string;
  courseId: string;
  institutionId: string;
  score: number;
  passed: boolean;
  credits: string;
  completedAt: string;
  status: EntryStatus;
}

export interface DiplomaFact {
  entryId: string;
  programId: string;
  graduatedAt: string;
  status: EntryStatus;
}

export type ExemptionKind = 'COURSE_EXEMPTION' | 'EXAM_EXEMPTION';

export interface ExemptionFact {
  entryId: string;
  kind: ExemptionKind;
  target: Target;
  credits: string;
  ruleId: string;
  ruleVersionId: string;
  evidenceEntryIds: string[];
  /** The program of the exempted course (course exemptions), counted against its cap. */
  programId?: string | null;
  status: EntryStatus;
}

/** Everything the engine may know about one learner. Order of the lists never matters. */
export interface LearnerFacts {
  certificates: readonly CertificateFact[];
  courseCredits: readonly CourseCreditFact[];
  diplomas: readonly DiplomaFact[];
  exemptions: readonly ExemptionFact[];
}

export interface CourseTarget {
  courseId: string;
}

export interface ExamTarget {
  schemeId: string;
  level: Level;
  component: string;
}

export type Target = CourseTarget | ExamTarget;

export type RuleKind = 'CERT_TO_COURSE' | 'COURSE_TO_EXAM' | 'COURSE_TO_COURSE';

export interface RuleVersion {
  ruleId: string;
  versionId: string;
  version: number;
  kind: RuleKind;
  condition: Condition;
  targets: Target[];
  /** Credits granted per exemption; default: the target course's credits ("0" for exams). */
  creditsGranted?: string | null;
  /** Most credits one evidence entry may exempt, over all exemptions citing it. */
  maxCreditsPerEvidence?: string | null;
  effectiveFrom: string;
  /** Exclusive end of the rule's effect. */
  effectiveTo?: string | null;
}

/** The target course as the catalog knows it. */
export interface CourseTargetContext {
  courseId: string;
  credits: string;
  programId?: string | null;
  programMaxExemptCredits?: string | null;
}

/** The target exam component as the catalog knows it. */
export interface ExamTargetContext {
  schemeId: string;
  level: Level;
  component: string;
  /**
   * Credits the credit bank recognises for the component's level ("0" for a level the catalog
   * does not know): the most an exemption from one of its exams may grant.
   */
  recognisedCredits: string;
}

export type TargetContext = CourseTargetContext | ExamTargetContext;

/** Why a fact that the leaf looked at could not prove it. */
export type RejectionCode =
  | 'REVERSED'
  | 'REVOKED'
  | 'EXPIRED'
  | 'TOO_OLD'
  | 'LEVEL_TOO_LOW'
  | 'LEVEL_TOO_HIGH'
  | 'NOT_PASSED'
  | 'SCORE_TOO_LOW';

export interface RejectedEntry {
  entryId: string;
  code: RejectionCode;
  /** e.g. "certificate expired on 2024-06-30", "score 65 below minimum 70". */
  detail: string;
  /** The certificate's level (LEVEL_TOO_LOW, LEVEL_TOO_HIGH). */
  level?: Level;
  /** The day it expired (EXPIRED) or was issued (TOO_OLD), YYYY-MM-DD. */
  on?: string;
  /** The credit's score (NOT_PASSED, SCORE_TOO_LOW). */
  score?: number;
}

export interface LeafTrace {
  /** e.g. "condition.all[1]". */
  path: string;
  leaf: LeafCondition;
  held: boolean;
  /** The entry chosen to prove the leaf (empty when it does not hold). */
  entryIds: string[];
  /** True when this leaf's entry is part of the proof of the whole condition. */
  usedInProof: boolean;
  /** Why the leaf does not hold; absent when it holds. */
  reason?: string;
  /** Matching facts that could not count, sorted by entry id. */
  rejected: RejectedEntry[];
}

export interface GroupTrace {
  path: string;
  kind: 'all' | 'any' | 'atLeast';
  held: boolean;
  /** How many children must hold (all: every one, any: 1, atLeast: n). */
  required: number;
  satisfied: number;
  total: number;
}

export interface TargetNotCoveredTrace {
  name: 'targetNotCovered';
  held: boolean;
  targetKey: string;
  /** Active exemptions of the same target, or active passing credits of the target course. */
  coveredByEntryIds: string[];
}

export interface EvidenceNotReusedTrace {
  name: 'evidenceNotReused';
  held: boolean;
  targetKey: string;
  /** Chosen evidence already cited by an active exemption of the same target. */
  reusedEvidenceEntryIds: string[];
  priorExemptionEntryIds: string[];
}

/**
 * A grant is never worth more than its target: a course's credits, or for an exam component the
 * credits its level recognises.
 */
export interface CreditsWithinTargetTrace {
  name: 'creditsWithinTarget';
  held: boolean;
  targetKey: string;
  requested: string;
  cap: string;
}

/**
 * Caps per piece of evidence count only the active exemptions of the requested kind that cite it:
 * an exam exemption carries no course credits, so it never uses up a certificate's allowance of
 * course credits (and a course exemption none of an exam rule's cap).
 */
export interface EvidenceCapTrace {
  /**
   * maxCreditsPerEvidence: the rule's cap; recognisedCredits: the certificate level's credits,
   * a cap on course exemptions only.
   */
  name: 'maxCreditsPerEvidence' | 'recognisedCredits';
  held: boolean;
  evidenceEntryId: string;
  alreadyUsed: string;
  requested: string;
  cap: string;
}

export interface ProgramCapTrace {
  name: 'programMaxExemptCredits';
  held: boolean;
  programId: string;
  alreadyUsed: string;
  requested: string;
  cap: string;
}

export type LimitTrace =
  | TargetNotCoveredTrace
  | EvidenceNotReusedTrace
  | CreditsWithinTargetTrace
  | EvidenceCapTrace
  | ProgramCapTrace;

export type LimitName = LimitTrace['name'];

/**
 * Why a rule does not apply, as data: one per sentence of `reasons`, in the same order, so that
 * views can say each in the reader's language with names (see describeEvaluation).
 */
export type Blocker =
  | { kind: 'NOT_YET_IN_EFFECT'; from: string; at: string }
  | { kind: 'NO_LONGER_IN_EFFECT'; to: string; at: string }
  | { kind: 'WRONG_KIND'; ruleKind: RuleKind }
  | { kind: 'NOT_A_TARGET' }
  | { kind: 'MALFORMED_CONDITION'; path: string }
  /** A failing leaf or group of the condition, by its trace's path. */
  | { kind: 'CONDITION'; path: string }
  | { kind: 'LIMIT'; name: LimitName };

export interface Evaluation {
  eligible: boolean;
  ruleId: string;
  ruleVersionId: string;
  ruleVersion: number;
  target: Target;
  targetKey: string;
  /** The evaluation instant, ISO 8601. */
  at: string;
  inEffect: boolean;
  conditionHeld: boolean;
  creditsGranted: string;
  /** The proof of the condition, sorted; empty when the condition does not hold. */
  evidenceEntryIds: string[];
  leaves: LeafTrace[];
  groups: GroupTrace[];
  limits: LimitTrace[];
  /** Plain English sentences citing ids, saying why the rule does not apply; empty when eligible. */
  reasons: string[];
  /** The same reasons as data, for words in any language. */
  blockers: Blocker[];
}
