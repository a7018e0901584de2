import type { LeafCondition } from './condition';
import { formatHundredths, parseHundredths } from './decimal';
import { levelRange } from './evidence';
import type {
  Blocker,
  Evaluation,
  GroupTrace,
  LeafTrace,
  LimitTrace,
  RejectedEntry,
  Target,
} from './engine.types';
import { LEVELS, type Level } from './level';
import { PHRASES, type Language, type Phrases, type WantedWords } from './phrases';
import { isCourseTarget, targetLabel } from './target';

/*
 * Two kinds of sentences. The engine's own `reasons` (describeLeaf, describeGroup,
 * describeLimit): plain English citing ids and trace paths, for logs and tools. And what a
 * person reads (describeEvaluation): said from the traces in zh-CN or English, everything by its
 * name, no id and no trace path.
 */

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

/** Catalog things as a view names them. */
export interface CatalogWords {
  name: string;
  code: string;
}

/** How the reader's view names what an evaluation cites; null for what is no longer known. */
export interface EvaluationNames {
  course(id: string): CatalogWords | null | undefined;
  scheme(id: string): CatalogWords | null | undefined;
  program(id: string): CatalogWords | null | undefined;
  /** The entry's label, e.g. "职业技能等级证书 · Web前端开发 (S-1) 中级 · CERT-0001". */
  entry(id: string): string | null | undefined;
  /** The rule version the evaluation was made under. */
  rule: { name: string; version: number } | null | undefined;
}

/** An evaluation as stored or viewed: its verdict and traces (the leaves' own sentences aside). */
export type DescribedEvaluation = Pick<
  Evaluation,
  'eligible' | 'creditsGranted' | 'evidenceEntryIds' | 'target' | 'groups' | 'limits'
> & {
  inEffect?: boolean;
  conditionHeld?: boolean;
  leaves: readonly Omit<LeafTrace, 'reason'>[];
  /** Absent from evaluations stored before blockers were recorded: then read off the traces. */
  blockers?: readonly Blocker[];
};

/** What a person reads of an evaluation, in one language. */
export interface EvaluationSentences {
  /** Why not (empty when eligible), one sentence per reason. */
  reasons: string[];
  /** The headline, then every condition and limit that is not among `reasons`: each said once. */
  explanation: string[];
}

type Said = Blocker | { kind: 'NOT_IN_EFFECT' };

/** The indices of a trace path, e.g. "condition.any[1].all[0]" → [1, 0]: tree order. */
function indices(path: string): number[] {
  return [...path.matchAll(/\[(\d+)\]/g)].map((match) => Number(match[1]));
}

function treeOrder(a: string, b: string): number {
  const [left, right] = [indices(a), indices(b)];
  for (let index = 0; index < Math.min(left.length, right.length); index += 1) {
    if (left[index] !== right[index]) return left[index] - right[index];
  }
  return left.length - right.length;
}

/**
 * The blockers of an evaluation stored without them: what the traces show (the rule out of
 * effect, the failing conditions on the failing path, the failing limits).
 */
function blockersOf(evaluation: DescribedEvaluation): Said[] {
  if (evaluation.blockers) return [...evaluation.blockers];
  const said: Said[] = [];
  if (evaluation.inEffect === false) said.push({ kind: 'NOT_IN_EFFECT' });
  const failing = evaluation.groups.filter((group) => !group.held).map((group) => group.path);
  const onFailingPath = (path: string) =>
    evaluation.groups
      .filter((group) => path.startsWith(`${group.path}.`))
      .every((group) => failing.includes(group.path));
  const paths = [
    ...evaluation.groups.filter((group) => !group.held && group.kind !== 'all'),
    ...evaluation.leaves.filter((leaf) => !leaf.held),
  ]
    .map((node) => node.path)
    .filter(onFailingPath)
    .sort(treeOrder);
  said.push(...paths.map((path): Said => ({ kind: 'CONDITION', path })));
  for (const limit of evaluation.limits) {
    if (!limit.held) said.push({ kind: 'LIMIT', name: limit.name });
  }
  return said;
}

/** Says an evaluation in `language`, naming what it cites through `names`. */
export function describeEvaluation(
  evaluation: DescribedEvaluation,
  language: Language,
  names: EvaluationNames,
): EvaluationSentences {
  const say = PHRASES[language];
  const words = wordsFor(say, names);
  const target = words.target(evaluation.target);
  const exam = !isCourseTarget(evaluation.target);
  const rule = names.rule ? say.rule(names.rule.name, names.rule.version) : say.missing.rule;
  const blockers = evaluation.eligible ? [] : blockersOf(evaluation);

  const leafByPath = new Map(evaluation.leaves.map((leaf) => [leaf.path, leaf]));
  const groupByPath = new Map(evaluation.groups.map((group) => [group.path, group]));
  const nodeSentence = (path: string): string | undefined => {
    const leaf = leafByPath.get(path);
    if (leaf) return words.leaf(leaf);
    const group = groupByPath.get(path);
    return group && words.group(group);
  };
  const limitSentence = (limit: LimitTrace) => words.limit(limit, evaluation.target);

  const reasons = blockers.flatMap((blocker): string[] => {
    switch (blocker.kind) {
      case 'NOT_YET_IN_EFFECT':
        return [say.notYetInEffect(rule, blocker.from, blocker.at)];
      case 'NO_LONGER_IN_EFFECT':
        return [say.noLongerInEffect(rule, blocker.to, blocker.at)];
      case 'NOT_IN_EFFECT':
        return [say.notInEffect(rule)];
      case 'WRONG_KIND':
        return [say.wrongKind(rule, blocker.ruleKind, target)];
      case 'NOT_A_TARGET':
        return [say.notATarget(rule, target)];
      case 'MALFORMED_CONDITION':
        return [say.malformed(rule)];
      case 'CONDITION': {
        const sentence = nodeSentence(blocker.path);
        return sentence ? [sentence] : [];
      }
      case 'LIMIT': {
        const limit = evaluation.limits.find((trace) => trace.name === blocker.name);
        return limit ? [limitSentence(limit)] : [];
      }
    }
  });
  const saidPaths = new Set(
    blockers.flatMap((blocker) => (blocker.kind === 'CONDITION' ? [blocker.path] : [])),
  );
  const saidLimits = new Set(
    blockers.flatMap((blocker) => (blocker.kind === 'LIMIT' ? [blocker.name] : [])),
  );
  const headline = evaluation.eligible
    ? say.eligible(
        rule,
        target,
        exam,
        evaluation.creditsGranted,
        words.entries(evaluation.evidenceEntryIds),
      )
    : say.notEligible(rule, target, exam, reasons.length);
  const rest = [
    ...evaluation.groups
      .filter((group) => group.kind !== 'all' && !saidPaths.has(group.path))
      .map((group) => words.group(group)),
    ...evaluation.leaves
      .filter((leaf) => !saidPaths.has(leaf.path))
      .map((leaf) => words.leaf(leaf)),
    ...evaluation.limits.filter((limit) => !saidLimits.has(limit.name)).map(limitSentence),
  ];
  return { reasons, explanation: [headline, ...rest] };
}

function wordsFor(say: Phrases, names: EvaluationNames) {
  const level = (value: Level) => say.level(value);
  const course = (id: string) => {
    const ref = names.course(id);
    return ref ? say.course(ref.name, ref.code) : say.missing.course;
  };
  const scheme = (id: string) => names.scheme(id)?.name ?? say.missing.scheme;
  const program = (id: string) => {
    const ref = names.program(id);
    return ref ? say.course(ref.name, ref.code) : say.missing.program;
  };
  const entry = (id: string) => {
    const label = names.entry(id);
    return label ? `“${label}”` : say.missing.entry;
  };
  const entries = (ids: readonly string[]) => say.list(ids.map(entry));
  const target = (value: Target) =>
    isCourseTarget(value)
      ? say.courseTarget(course(value.courseId))
      : say.examTarget(scheme(value.schemeId), level(value.level), value.component);

  const wanted = (leaf: LeafTrace['leaf']): WantedWords => {
    if ('certificate' in leaf) {
      const { schemeId, minLevel, maxLevel, maxAgeYears } = leaf.certificate;
      const top = maxLevel === undefined || maxLevel === LEVELS[LEVELS.length - 1];
      const range =
        top && minLevel !== maxLevel
          ? say.levelRange(level(minLevel), undefined)
          : maxLevel === undefined || maxLevel === minLevel
            ? say.levelRange(level(minLevel), level(minLevel))
            : say.levelRange(level(minLevel), level(maxLevel));
      return { kind: 'certificate', scheme: scheme(schemeId), range, maxAgeYears };
    }
    if ('courseCredit' in leaf) {
      const { courseId, minScore } = leaf.courseCredit;
      return { kind: 'courseCredit', course: course(courseId), minScore };
    }
    return { kind: 'diploma', program: program(leaf.diploma.programId) };
  };

  const rejection = (leaf: LeafTrace['leaf'], rejected: RejectedEntry) => {
    const wantedLevel =
      'certificate' in leaf
        ? rejected.code === 'LEVEL_TOO_HIGH' && leaf.certificate.maxLevel
          ? level(leaf.certificate.maxLevel)
          : level(leaf.certificate.minLevel)
        : undefined;
    return say.rejection({
      entry: entry(rejected.entryId),
      code: rejected.code,
      level: rejected.level && level(rejected.level),
      wantedLevel,
      on: rejected.on,
      score: rejected.score,
      minScore: 'courseCredit' in leaf ? leaf.courseCredit.minScore : undefined,
      years: 'certificate' in leaf ? leaf.certificate.maxAgeYears : undefined,
    });
  };

  const amounts = (trace: { alreadyUsed: string; requested: string; cap: string }) => ({
    used: trace.alreadyUsed,
    requested: trace.requested,
    after: total(trace.alreadyUsed, trace.requested),
    cap: trace.cap,
  });

  return {
    target,
    entries,
    leaf(trace: Omit<LeafTrace, 'reason'>): string {
      const asked = say.wanted(wanted(trace.leaf));
      if (!trace.held)
        return say.leafNotMet(
          asked,
          trace.rejected.map((rejected) => rejection(trace.leaf, rejected)),
        );
      return trace.usedInProof
        ? say.leafMet(asked, entries(trace.entryIds))
        : say.leafNotNeeded(asked, entries(trace.entryIds));
    },
    group(trace: GroupTrace): string {
      return say.group(trace.path !== 'condition', trace.kind, trace.held, trace);
    },
    limit(trace: LimitTrace, of: Target): string {
      const exam = !isCourseTarget(of);
      switch (trace.name) {
        case 'targetNotCovered':
          return say.targetNotCovered(
            target(of),
            exam,
            trace.held ? null : entries(trace.coveredByEntryIds),
          );
        case 'evidenceNotReused':
          return say.evidenceNotReused(
            target(of),
            trace.held
              ? null
              : {
                  evidence: entries(trace.reusedEvidenceEntryIds),
                  by: entries(trace.priorExemptionEntryIds),
                },
          );
        case 'creditsWithinTarget':
          return say.creditsWithinTarget(target(of), exam, trace.held, trace.requested, trace.cap);
        case 'maxCreditsPerEvidence':
        case 'recognisedCredits':
          return say.evidenceCap(
            trace.name === 'maxCreditsPerEvidence',
            entry(trace.evidenceEntryId),
            amounts(trace),
            trace.held,
          );
        case 'programMaxExemptCredits':
          return say.programCap(program(trace.programId), amounts(trace), trace.held);
      }
    },
  };
}
