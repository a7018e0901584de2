import type { GroupTrace, LeafTrace, LimitTrace } from '../engine';
import type { ExplainedEvaluation } from './exemption-evaluator.service';

/** A leaf of the trace without its sentence (the sentence is in `reasons` or `explanation`). */
export type LeafTraceView = Omit<LeafTrace, 'reason'>;

/**
 * The engine's structured trace, for tools: which entries proved each condition, the groups, and
 * every limit with its amounts. The same facts in words are in `reasons` and `explanation`.
 */
export interface EvaluationTrace {
  /** The evaluation instant. */
  at: string;
  inEffect: boolean;
  conditionHeld: boolean;
  leaves: LeafTraceView[];
  groups: GroupTrace[];
  limits: LimitTrace[];
}

/** What a person reads of an evaluation: the verdict, each reason once, the rest in words. */
export interface EvaluationWords {
  eligible: boolean;
  creditsGranted: string;
  /** The entries that prove the condition (empty when it does not hold). */
  evidenceEntryIds: string[];
  /** Why not, with names (empty when eligible). */
  reasons: string[];
  /** The headline, then every condition and limit that is not among `reasons`. */
  explanation: string[];
}

/** An evaluation as views show it: the words and the trace, each fact once. */
export type EvaluationView = EvaluationWords & EvaluationTrace;

export function evaluationWords(evaluation: ExplainedEvaluation): EvaluationWords {
  // Evaluations stored before each sentence was said once repeat the reasons in the explanation.
  const reasons = new Set(evaluation.namedReasons);
  return {
    eligible: evaluation.eligible,
    creditsGranted: evaluation.creditsGranted,
    evidenceEntryIds: evaluation.evidenceEntryIds,
    reasons: evaluation.namedReasons,
    explanation: evaluation.explanation.filter((sentence) => !reasons.has(sentence)),
  };
}

export function evaluationTrace(evaluation: ExplainedEvaluation): EvaluationTrace {
  return {
    at: evaluation.at,
    inEffect: evaluation.inEffect,
    conditionHeld: evaluation.conditionHeld,
    leaves: evaluation.leaves.map(({ reason: _sentence, ...leaf }) => leaf),
    groups: evaluation.groups,
    limits: evaluation.limits,
  };
}

export function evaluationView(evaluation: ExplainedEvaluation): EvaluationView {
  return { ...evaluationWords(evaluation), ...evaluationTrace(evaluation) };
}
