import { validateCondition } from './condition';
import { formatInstant, parseInstant } from './dates';
import { formatHundredths, parseHundredths } from './decimal';
import { capitalise, describeGroup, describeLeaf, describeLimit } from './describe';
import type {
  Blocker,
  Evaluation,
  LearnerFacts,
  RuleVersion,
  Target,
  TargetContext,
} from './engine.types';
import { checkLimits } from './limits';
import { proveCondition, type Proof } from './proof';
import {
  isCourseTarget,
  isCourseTargetContext,
  targetKey,
  targetLabel,
  targetOfContext,
} from './target';

/**
 * Decides whether `rule` exempts the learner from the target at instant `at`, and says why.
 * Pure and deterministic: no clock, no I/O, and the order of the facts never matters.
 * Throws RangeError only for malformed dates or credit amounts in its inputs.
 */
export function evaluate(
  rule: RuleVersion,
  facts: LearnerFacts,
  targetContext: TargetContext,
  at: Date,
): Evaluation {
  const now = at.getTime();
  if (Number.isNaN(now)) throw new RangeError('evaluation instant is not a valid date');
  const target = targetOfContext(targetContext);
  const key = targetKey(target);
  const ruleName = `rule ${rule.ruleId} version ${rule.version}`;
  const reasons: string[] = [];
  const blockers: Blocker[] = [];
  const refuse = (blocker: Blocker, reason: string) => {
    blockers.push(blocker);
    reasons.push(reason);
  };

  const from = parseInstant(rule.effectiveFrom, 'effectiveFrom');
  const to = rule.effectiveTo == null ? undefined : parseInstant(rule.effectiveTo, 'effectiveTo');
  const inEffect = from <= now && (to === undefined || now < to);
  if (now < from) {
    const [fromDay, atDay] = [formatInstant(from), formatInstant(now)];
    refuse(
      { kind: 'NOT_YET_IN_EFFECT', from: fromDay, at: atDay },
      `${capitalise(ruleName)} takes effect on ${fromDay}; the evaluation date is ${atDay}.`,
    );
  } else if (to !== undefined && now >= to) {
    const [toDay, atDay] = [formatInstant(to), formatInstant(now)];
    refuse(
      { kind: 'NO_LONGER_IN_EFFECT', to: toDay, at: atDay },
      `${capitalise(ruleName)} no longer applies from ${toDay}; the evaluation date is ${atDay}.`,
    );
  }
  const mismatch = targetMismatch(rule, target, ruleName);
  if (mismatch) refuse(mismatch.blocker, mismatch.reason);

  const problems = validateCondition(rule.condition);
  const proof: Proof = problems.length
    ? { held: false, evidenceEntryIds: [], leaves: [], groups: [], blocking: [] }
    : proveCondition(rule.condition, facts, now);
  for (const problem of problems) {
    refuse(
      { kind: 'MALFORMED_CONDITION', path: problem.path },
      `The rule's condition is malformed at ${problem.path}: ${problem.message}.`,
    );
  }
  for (const blocker of proof.blocking) {
    const path = 'leaf' in blocker ? blocker.leaf.path : blocker.group.path;
    refuse(
      { kind: 'CONDITION', path },
      'leaf' in blocker ? describeLeaf(blocker.leaf) : describeGroup(blocker.group),
    );
  }

  const requested = parseHundredths(
    rule.creditsGranted ?? (isCourseTargetContext(targetContext) ? targetContext.credits : '0'),
    'creditsGranted',
  );
  const limits = checkLimits({
    rule,
    facts,
    target,
    context: targetContext,
    evidenceEntryIds: proof.evidenceEntryIds,
    requested,
  });
  for (const limit of limits.filter((trace) => !trace.held)) {
    refuse({ kind: 'LIMIT', name: limit.name }, describeLimit(limit, target));
  }

  return {
    eligible: reasons.length === 0,
    ruleId: rule.ruleId,
    ruleVersionId: rule.versionId,
    ruleVersion: rule.version,
    target,
    targetKey: key,
    at: at.toISOString(),
    inEffect,
    conditionHeld: proof.held,
    creditsGranted: formatHundredths(requested),
    evidenceEntryIds: proof.evidenceEntryIds,
    leaves: proof.leaves,
    groups: proof.groups,
    limits,
    reasons,
    blockers,
  };
}

function targetMismatch(
  rule: RuleVersion,
  target: Target,
  ruleName: string,
): { blocker: Blocker; reason: string } | undefined {
  const label = targetLabel(target);
  const grantsCourses = rule.kind !== 'COURSE_TO_EXAM';
  if (grantsCourses !== isCourseTarget(target)) {
    const grants = grantsCourses ? 'course exemptions' : 'exam exemptions';
    return {
      blocker: { kind: 'WRONG_KIND', ruleKind: rule.kind },
      reason: `${capitalise(ruleName)} is a ${rule.kind} rule granting ${grants}, so it cannot exempt ${label}.`,
    };
  }
  const key = targetKey(target);
  if (!rule.targets.some((listed) => targetKey(listed) === key)) {
    return {
      blocker: { kind: 'NOT_A_TARGET' },
      reason: `${capitalise(label)} is not one of the targets of ${ruleName}.`,
    };
  }
  return undefined;
}
