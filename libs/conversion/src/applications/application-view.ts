import type { Target } from '../engine';
import {
  ApplicationStatus,
  ExemptionApplicationEntity,
} from '../entities/exemption-application.entity';
import type { ExplainedEvaluation } from '../eligibility/exemption-evaluator.service';
import { evaluationView, type EvaluationView } from '../eligibility/evaluation-view';

export interface ApplicationView {
  id: string;
  learnerId: string;
  ruleId: string;
  /** The version that evaluated it last; for an approval, the version the exemption was granted under. */
  ruleVersionId: string;
  target: Target;
  targetKey: string;
  status: ApplicationStatus;
  ownerInstitutionId: string | null;
  ownerCertificationBodyId: string | null;
  /** The latest evaluation (at submission, then at decision or cascade): its words and its trace. */
  evaluation: EvaluationView;
  submittedBy: string;
  submittedAt: string;
  decidedBy: string | null;
  decidedAt: string | null;
  /** The decider's reason, or why the application was closed. */
  decisionReason: string | null;
  exemptionEntryId: string | null;
}

export function toApplicationView(application: ExemptionApplicationEntity): ApplicationView {
  return {
    id: application.id,
    learnerId: application.learnerId,
    ruleId: application.ruleId,
    ruleVersionId: application.ruleVersionId,
    target: application.target as unknown as Target,
    targetKey: application.targetKey,
    status: application.status,
    ownerInstitutionId: application.ownerInstitutionId,
    ownerCertificationBodyId: application.ownerCertificationBodyId,
    evaluation: evaluationView(application.evaluation as unknown as ExplainedEvaluation),
    submittedBy: application.submittedBy,
    submittedAt: application.submittedAt.toISOString(),
    decidedBy: application.decidedBy,
    decidedAt: application.decidedAt?.toISOString() ?? null,
    decisionReason: application.decisionReason,
    exemptionEntryId: application.exemptionEntryId,
  };
}

/** The rule's active version's judgement today (not stored): what an approval would find. */
export interface CurrentEvaluationView {
  /** The day evaluated (China calendar), as an instant. */
  evaluatedAt: string;
  ruleVersionId: string;
  version: number;
  eligible: boolean;
  creditsGranted: string;
  /** The entries that prove the condition today (empty when it does not hold). */
  evidenceEntryIds: string[];
  /** Why not, in words (empty when eligible). */
  reasons: string[];
  /** The headline, then every condition and limit that is not among `reasons`. */
  explanation: string[];
}

/** Whether the application could be approved now, and if not, why. */
export interface ApplicationStanding {
  /** Null when there is nothing to evaluate: decided, no active version, or the target is gone. */
  currentEvaluation: CurrentEvaluationView | null;
  approvable: boolean;
  /** The reasons an approval would be refused with now (empty when approvable). */
  blockedBecause: string[];
}

/** An inbox item: the application as stored, and how it stands today. */
export type InboxItemView = ApplicationView & ApplicationStanding;
