import { evaluate, targetKey, targetOfContext, type LearnerFacts } from '../engine';
import { ExemptionApplicationEntity } from '../entities/exemption-application.entity';
import {
  ActiveRule,
  CheckedTarget,
  PreparedRule,
} from '../eligibility/exemption-evaluator.service';
import { NOT_APPROVABLE } from '../conversion.errors';
import { evaluationTrace, evaluationVerdict } from '../eligibility/evaluation-view';
import { ApplicationStanding } from './application-view';

export interface PreparedActiveRule {
  active: ActiveRule;
  prepared: PreparedRule;
}

/** What approving a target would meet now: a refusal before the engine, or its verdict. */
export interface ApprovalCheck {
  /** Why a check before the engine refused it (NOT_APPROVABLE), or null. */
  refusal: string | null;
  /** The engine's verdict on the target; null when a check before the engine refused it. */
  checked: CheckedTarget | null;
}

/**
 * The checks an approval makes, in order: the rule has an active version, that version still
 * lists the target, the target is still in the catalog, then the engine. Pure: the rule is
 * prepared and the facts loaded by the caller (the decision for one application, the inbox once
 * for a whole page), so that the inbox and the decision cannot judge differently.
 */
export function checkApproval(
  applicationTargetKey: string,
  rule: PreparedActiveRule | undefined,
  facts: LearnerFacts,
  at: Date,
): ApprovalCheck {
  const refused = (refusal: string): ApprovalCheck => ({ refusal, checked: null });
  if (!rule) return refused(NOT_APPROVABLE.noActiveVersion);
  if (!rule.active.version.targetKeys.includes(applicationTargetKey))
    return refused(NOT_APPROVABLE.targetDropped);
  const target = rule.prepared.targets.find(
    ({ context }) => targetKey(targetOfContext(context)) === applicationTargetKey,
  );
  if (!target) return refused(NOT_APPROVABLE.targetGone);
  const evaluation = evaluate(rule.prepared.rule, facts, target.context, at);
  return { refusal: null, checked: { evaluation, target } };
}

/** How an application stands at `at`: decided already, or what its approval would meet. */
export function standingOf(
  application: ExemptionApplicationEntity,
  rule: PreparedActiveRule | undefined,
  facts: LearnerFacts,
  at: Date,
): ApplicationStanding {
  if (application.status !== 'SUBMITTED') {
    return {
      currentEvaluation: null,
      approvable: false,
      refusal: NOT_APPROVABLE.decided(application.status),
    };
  }
  const { refusal, checked } = checkApproval(application.targetKey, rule, facts, at);
  if (!checked) return { currentEvaluation: null, approvable: false, refusal };
  const { evaluation } = checked;
  return {
    currentEvaluation: {
      evaluatedAt: evaluation.at,
      ruleVersionId: evaluation.ruleVersionId,
      version: evaluation.ruleVersion,
      ...evaluationVerdict(evaluation),
      trace: evaluationTrace(evaluation),
    },
    approvable: evaluation.eligible,
    refusal: null,
  };
}
