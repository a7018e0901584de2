import { evaluate, targetKey, targetOfContext, type LearnerFacts } from '../engine';
import { ExemptionApplicationEntity } from '../entities/exemption-application.entity';
import { ActiveRule, explain, PreparedRule } from '../eligibility/exemption-evaluator.service';
import { NOT_APPROVABLE } from '../conversion.errors';
import { ApplicationStanding } from './application-view';

export interface PreparedActiveRule {
  active: ActiveRule;
  prepared: PreparedRule;
}

function blocked(reason: string): ApplicationStanding {
  return { currentEvaluation: null, approvable: false, blockedBecause: [reason] };
}

/**
 * How an application stands at `at`: the checks the decision makes, in its order, then the
 * engine under the rule's active version. Pure: the rule is prepared and the facts loaded by
 * the caller, once for a whole page.
 */
export function standingOf(
  application: ExemptionApplicationEntity,
  rule: PreparedActiveRule | undefined,
  facts: LearnerFacts,
  at: Date,
): ApplicationStanding {
  if (application.status !== 'SUBMITTED')
    return blocked(NOT_APPROVABLE.decided(application.status));
  if (!rule) return blocked(NOT_APPROVABLE.noActiveVersion);
  if (!rule.active.version.targetKeys.includes(application.targetKey))
    return blocked(NOT_APPROVABLE.targetDropped);
  const target = rule.prepared.targets.find(
    ({ context }) => targetKey(targetOfContext(context)) === application.targetKey,
  );
  if (!target) return blocked(NOT_APPROVABLE.targetGone);
  const evaluation = explain(
    evaluate(rule.prepared.rule, facts, target.context, at),
    rule.prepared.names,
  );
  return {
    currentEvaluation: {
      evaluatedAt: evaluation.at,
      ruleVersionId: evaluation.ruleVersionId,
      version: evaluation.ruleVersion,
      eligible: evaluation.eligible,
      creditsGranted: evaluation.creditsGranted,
      evidenceEntryIds: evaluation.evidenceEntryIds,
      reasons: evaluation.namedReasons,
      explanation: evaluation.explanation,
    },
    approvable: evaluation.eligible,
    blockedBecause: evaluation.namedReasons,
  };
}
