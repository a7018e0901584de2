import type { Evaluation, Target } from '../engine';
import {
  ApplicationStatus,
  ExemptionApplicationEntity,
} from '../entities/exemption-application.entity';
import {
  evaluationView,
  type EvaluationTrace,
  type EvaluationVerdict,
  type EvaluationView,
} from '../eligibility/evaluation-view';

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
  /** The latest evaluation (at submission, then at decision or cascade): verdict and trace. */
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
    evaluation: evaluationView(application.evaluation as unknown as Evaluation),
    submittedBy: application.submittedBy,
    submittedAt: application.submittedAt.toISOString(),
    decidedBy: application.decidedBy,
    decidedAt: application.decidedAt?.toISOString() ?? null,
    decisionReason: application.decisionReason,
    exemptionEntryId: application.exemptionEntryId,
  };
}

/** The rule's active version's judgement today (not stored): what an approval would find. */
export interface CurrentEvaluationView extends EvaluationVerdict {
  /** The day evaluated (China calendar), as an instant. */
  evaluatedAt: string;
  ruleVersionId: string;
  version: number;
  /** What the words (`reasons`, `explanation`) are said from where the view is shown. */
  trace: EvaluationTrace;
}

/** Whether the application could be approved now, and if not, why. */
export interface ApplicationStanding {
  /** Null when there is nothing to evaluate: decided, no active version, or the target is gone. */
  currentEvaluation: CurrentEvaluationView | null;
  approvable: boolean;
  /**
   * Why an approval is refused before the engine is asked (NOT_APPROVABLE, in English); null
   * when the engine judges, its reasons then being those of `currentEvaluation`.
   */
  refusal: string | null;
}

/** An inbox item: the application as stored, and how it stands today. */
export type InboxItemView = ApplicationView & ApplicationStanding;
