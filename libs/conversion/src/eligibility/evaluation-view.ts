import type { Blocker, Evaluation, GroupTrace, LeafTrace, LimitTrace } from '../engine';

/** A leaf of the trace without the engine's English sentence (views say it in the reader's language). */
export type LeafTraceView = Omit<LeafTrace, 'reason'>;

/**
 * The engine's structured trace, for tools: which entries proved each condition, the groups,
 * every limit with its amounts, and why not (`blockers`). Views say the same facts in words
 * (`reasons`, `explanation`) in the reader's language, with names (apps/api naming).
 */
export interface EvaluationTrace {
  /** The evaluation instant. */
  at: string;
  inEffect: boolean;
  conditionHeld: boolean;
  leaves: LeafTraceView[];
  groups: GroupTrace[];
  limits: LimitTrace[];
  /** Why not, as data (empty when eligible); absent from evaluations stored before it was kept. */
  blockers?: Blocker[];
}

/** The verdict of an evaluation; its words are said from the trace where it is shown. */
export interface EvaluationVerdict {
  eligible: boolean;
  creditsGranted: string;
  /** The entries that prove the condition (empty when it does not hold). */
  evidenceEntryIds: string[];
}

/** An evaluation as views carry it: the verdict and the trace. */
export type EvaluationView = EvaluationVerdict & EvaluationTrace;

export function evaluationVerdict(evaluation: Evaluation): EvaluationVerdict {
  return {
    eligible: evaluation.eligible,
    creditsGranted: evaluation.creditsGranted,
    evidenceEntryIds: evaluation.evidenceEntryIds,
  };
}

export function evaluationTrace(evaluation: Evaluation): EvaluationTrace {
  return {
    at: evaluation.at,
    inEffect: evaluation.inEffect,
    conditionHeld: evaluation.conditionHeld,
    leaves: evaluation.leaves.map(({ reason: _sentence, ...leaf }) => leaf),
    groups: evaluation.groups,
    limits: evaluation.limits,
    ...(evaluation.blockers ? { blockers: evaluation.blockers } : {}),
  };
}

/**
 * An evaluation as stored (a row written before blockers were kept lacks them, and may carry
 * English sentences, no longer read) or just made, as views carry it.
 */
export function evaluationView(evaluation: Evaluation): EvaluationView {
  return { ...evaluationVerdict(evaluation), ...evaluationTrace(evaluation) };
}
