import type { LeafCondition } from './condition';
import { formatHundredths, parseHundredths } from './decimal';
import { levelRange } from './evidence';
import type { Evaluation, GroupTrace, LeafTrace, LimitTrace, Target } from './engine.types';
import { isCourseTarget, targetLabel } from './target';

/** Plain-English sentences a registrar can read; ids are shown as they are in the ledger. */

export function describeLeafCondition(leaf: LeafCondition): string {
  if ('certificate' in leaf) {
    const { schemeId, maxAgeYears } = leaf.certificate;
    const age = maxAgeYears === undefined ? '' : `, issued within the last ${maxAgeYears} years`;
    return `a certificate of scheme ${schemeId} ${levelRange(leaf.certificate)}${age}`;
  }
  if ('courseCredit' in leaf) {
    const { courseId, minScore } = leaf.courseCredit;
    const score = minScore === undefined ? '' : ` with a score of at least ${minScore}`;
    return `a passed credit for course ${courseId}${score}`;
  }
  return `a diploma of program ${leaf.diploma.programId}`;
}

export function describeLeaf(trace: LeafTrace): string {
  const wanted = describeLeafCondition(trace.leaf);
  if (!trace.held) return `Not met (${trace.path}): ${trace.reason ?? `no ${wanted}`}.`;
  const entry = entries(trace.entryIds);
  if (trace.usedInProof) return `Met (${trace.path}): ${wanted}, proven by ${entry}.`;
  return `Met but not needed (${trace.path}): ${wanted}, held by ${entry}; earlier conditions already suffice.`;
}

export function describeGroup(trace: GroupTrace): string {
  const { path, satisfied, total, required } = trace;
  if (trace.held) {
    return `Met (${path}): ${satisfied} of ${total} conditions hold, ${required} needed.`;
  }
  if (trace.kind === 'any') return `Not met (${path}): none of the ${total} alternatives holds.`;
  if (trace.kind === 'atLeast') {
    return `Not met (${path}): ${satisfied} of ${total} conditions hold, but at least ${required} are needed.`;
  }
  return `Not met (${path}): ${total - satisfied} of ${total} required conditions fail.`;
}

export function capitalise(sentence: string): string {
  return sentence.charAt(0).toUpperCase() + sentence.slice(1);
}

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

/** "entry e1" or "entries e1, e2". */
function entries(entryIds: readonly string[]): string {
  return `${entryIds.length === 1 ? 'entry' : 'entries'} ${entryIds.join(', ')}`;
}

function credits(amount: string): string {
  return amount === '1' ? '1 credit' : `${amount} credits`;
}

function total(alreadyUsed: string, requested: string): string {
  return formatHundredths(parseHundredths(alreadyUsed) + parseHundredths(requested));
}

export function describeLimit(trace: LimitTrace, target: Target): string {
  const label = targetLabel(target);
  switch (trace.name) {
    case 'targetNotCovered':
      return trace.held
        ? `${capitalise(label)} is not yet exempted or passed.`
        : `${capitalise(label)} is already covered by active ${entries(trace.coveredByEntryIds)}; ` +
            `it can be exempted only once while that stands.`;
    case 'evidenceNotReused':
      return trace.held
        ? `None of the evidence has been used for ${label} before.`
        : `Evidence ${trace.reusedEvidenceEntryIds.join(', ')} was already used for ${label} ` +
            `by exemption ${trace.priorExemptionEntryIds.join(', ')}; evidence counts once per target.`;
    case 'creditsWithinTarget': {
      const worth = isCourseTarget(target)
        ? `the ${credits(trace.cap)} of ${label}`
        : `the ${credits(trace.cap)} the credit bank recognises for the level of ${label}`;
      return trace.held
        ? `A grant of ${credits(trace.requested)} is within ${worth}.`
        : `A grant of ${credits(trace.requested)} would exceed ${worth}; ` +
            `an exemption never grants more than its target is worth.`;
    }
    case 'maxCreditsPerEvidence':
    case 'recognisedCredits': {
      const after = total(trace.alreadyUsed, trace.requested);
      const cap =
        trace.name === 'maxCreditsPerEvidence'
          ? `the rule's cap of ${credits(trace.cap)} per piece of evidence`
          : `the ${credits(trace.cap)} the credit bank recognises for this certificate`;
      return (
        `Entry ${trace.evidenceEntryId} has exempted ${credits(trace.alreadyUsed)} so far; ` +
        `${trace.requested} more ${trace.held ? 'makes' : 'would make'} ${after}, ` +
        `${trace.held ? 'within' : 'over'} ${cap}.`
      );
    }
    case 'programMaxExemptCredits': {
      const after = total(trace.alreadyUsed, trace.requested);
      return (
        `Program ${trace.programId} has ${credits(trace.alreadyUsed)} exempted so far; ` +
        `${trace.requested} more ${trace.held ? 'makes' : 'would make'} ${after}, ` +
        `${trace.held ? 'within' : 'over'} its cap of ${credits(trace.cap)}.`
      );
    }
  }
}

/**
 * A headline, then (when not eligible) the reasons, then every other condition and limit. A
 * failing condition or limit is already one of the reasons, in the same words: each sentence is
 * said once.
 */
export function describeEvaluation(evaluation: Evaluation): string[] {
  const rule = `rule ${evaluation.ruleId} version ${evaluation.ruleVersion}`;
  const label = targetLabel(evaluation.target);
  const headline = evaluation.eligible
    ? `Eligible: ${rule} exempts ${label} for ${credits(evaluation.creditsGranted)}, ` +
      `proven by ${entries(evaluation.evidenceEntryIds)}.`
    : `Not eligible: ${rule} does not exempt ${label} (${plural(evaluation.reasons.length, 'reason')}).`;
  const reasons = new Set(evaluation.reasons);
  const trace = [
    ...evaluation.groups.filter((group) => group.kind !== 'all').map(describeGroup),
    ...evaluation.leaves.map(describeLeaf),
    ...evaluation.limits.map((limit) => describeLimit(limit, evaluation.target)),
  ];
  return [
    headline,
    ...(evaluation.eligible ? [] : evaluation.reasons),
    ...trace.filter((sentence) => !reasons.has(sentence)),
  ];
}

/**
 * The sentence with catalog ids replaced by readable labels ("course 3f2a…" → "course 网页设计
 * (WEB101)"). Only whole ids listed in `names` are replaced; entry ids stay as they are.
 */
export function withNames(sentence: string, names: ReadonlyMap<string, string>): string {
  if (names.size === 0) return sentence;
  const ids = [...names.keys()].sort((a, b) => b.length - a.length);
  const pattern = new RegExp(
    ids.map((id) => id.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|'),
    'g',
  );
  return sentence.replace(pattern, (id) => names.get(id) ?? id);
}
