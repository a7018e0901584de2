import fc from 'fast-check';
import type {
  CertificateFact,
  Condition,
  CourseCreditFact,
  DiplomaFact,
  EntryStatus,
  ExemptionFact,
  LearnerFacts,
  RuleVersion,
  Target,
  TargetContext,
} from './engine.types';
import { evaluate } from './evaluate';
import { levelAtLeast, LEVELS } from './level';

/*
 * Small universes (two schemes, four courses, two programs, a handful of dates) so that ties,
 * expiries, shared evidence and caps are all common in generated cases.
 */
const AT = new Date('2025-03-01T00:00:00.000Z');
const SCHEMES = ['s1', 's2'];
const COURSES = ['c1', 'c2', 'c3', 'c4'];
const PROGRAMS = ['p1', 'p2'];
const DATES = ['2019-03-01', '2022-03-01', '2024-06-30', '2025-03-01', '2026-01-01'];
const AMOUNTS = ['0', '1', '2.5', '3', '4', '8'];
const EVIDENCE_IDS = ['cert-0', 'cert-1', 'cert-2', 'cert-3', 'cc-0', 'cc-1', 'cc-2', 'dip-0'];

const status = fc.constantFrom<EntryStatus>('ACTIVE', 'ACTIVE', 'ACTIVE', 'REVERSED', 'REVOKED');
const date = fc.constantFrom(...DATES);
const amount = fc.constantFrom(...AMOUNTS);

const courseTarget = fc.constantFrom(...COURSES).map((courseId) => ({ courseId }));
const examTarget = fc.record({
  schemeId: fc.constantFrom(...SCHEMES),
  level: fc.constantFrom(...LEVELS),
  component: fc.constantFrom('THEORY', 'PRACTICAL'),
});
const target: fc.Arbitrary<Target> = fc.oneof(courseTarget, examTarget);

const withIds = <T>(prefix: string, items: Array<Omit<T, 'entryId'>>): T[] =>
  items.map((item, index) => ({ ...item, entryId: `${prefix}-${index}` }) as T);

const certificates = fc
  .array(
    fc.record({
      schemeId: fc.constantFrom(...SCHEMES),
      level: fc.constantFrom(...LEVELS),
      certificateNo: fc.constant('N'),
      issuedAt: date,
      validUntil: fc.option(date, { nil: null }),
      recognisedCredits: amount,
      status,
    }),
    { maxLength: 4 },
  )
  .map((items) => withIds<CertificateFact>('cert', items));

const courseCredits = fc
  .array(
    fc.record({
      courseId: fc.constantFrom(...COURSES),
      institutionId: fc.constant('school'),
      score: fc.integer({ min: 40, max: 100 }),
      passed: fc.constantFrom(true, true, false),
      credits: amount,
      completedAt: date,
      status,
    }),
    { maxLength: 4 },
  )
  .map((items) => withIds<CourseCreditFact>('cc', items));

const diplomas = fc
  .array(fc.record({ programId: fc.constantFrom(...PROGRAMS), graduatedAt: date, status }), {
    maxLength: 2,
  })
  .map((items) => withIds<DiplomaFact>('dip', items));

const exemptions = fc
  .array(
    fc.record({
      kind: fc.constantFrom('COURSE_EXEMPTION' as const, 'EXAM_EXEMPTION' as const),
      target,
      credits: amount,
      ruleId: fc.constant('r0'),
      ruleVersionId: fc.constant('r0-v1'),
      evidenceEntryIds: fc.subarray(EVIDENCE_IDS, { minLength: 1, maxLength: 2 }),
      programId: fc.option(fc.constantFrom(...PROGRAMS), { nil: null }),
      status,
    }),
    { maxLength: 3 },
  )
  .map((items) => withIds<ExemptionFact>('ex', items));

const facts: fc.Arbitrary<LearnerFacts> = fc.record({
  certificates,
  courseCredits,
  diplomas,
  exemptions,
});

const leaf: fc.Arbitrary<Condition> = fc.oneof(
  fc
    .record(
      {
        schemeId: fc.constantFrom(...SCHEMES),
        minLevel: fc.constantFrom(...LEVELS),
        maxLevel: fc.constantFrom(...LEVELS),
        maxAgeYears: fc.integer({ min: 1, max: 5 }),
      },
      { requiredKeys: ['schemeId', 'minLevel'] },
    )
    // A maxLevel below minLevel is invalid; keep the generated leaves valid.
    .map(({ maxLevel, ...certificate }) => ({
      certificate:
        maxLevel === undefined || levelAtLeast(maxLevel, certificate.minLevel)
          ? { ...certificate, ...(maxLevel === undefined ? {} : { maxLevel }) }
          : certificate,
    })),
  fc
    .record(
      { courseId: fc.constantFrom(...COURSES), minScore: fc.integer({ min: 0, max: 100 }) },
      { requiredKeys: ['courseId'] },
    )
    .map((courseCredit) => ({ courseCredit })),
  fc.constantFrom(...PROGRAMS).map((programId) => ({ diploma: { programId } })),
);

const condition: fc.Arbitrary<Condition> = fc.letrec<{ node: Condition }>((tie) => ({
  node: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    leaf,
    fc.array(tie('node'), { minLength: 1, maxLength: 3 }).map((all) => ({ all })),
    fc.array(tie('node'), { minLength: 1, maxLength: 3 }).map((any) => ({ any })),
    fc
      .array(tie('node'), { minLength: 1, maxLength: 3 })
      .chain((of) => fc.integer({ min: 1, max: of.length }).map((n) => ({ atLeast: { n, of } }))),
  ),
})).node;

const courseContext = fc.record({
  courseId: fc.constantFrom(...COURSES),
  credits: amount,
  programId: fc.option(fc.constantFrom(...PROGRAMS), { nil: null }),
  programMaxExemptCredits: fc.option(fc.constantFrom('4', '8', '20'), { nil: null }),
});
const examContext = fc.record({
  schemeId: fc.constantFrom(...SCHEMES),
  level: fc.constantFrom(...LEVELS),
  component: fc.constantFrom('THEORY', 'PRACTICAL'),
  recognisedCredits: amount,
});
const context: fc.Arbitrary<TargetContext> = fc.oneof(courseContext, examContext);

/** A rule that usually lists the context's target and is usually in effect. */
const scenario = fc
  .record({
    facts,
    context,
    condition,
    otherTargets: fc.array(target, { maxLength: 2 }),
    listsTarget: fc.constantFrom(true, true, true, false),
    creditsGranted: fc.option(amount, { nil: null }),
    maxCreditsPerEvidence: fc.option(fc.constantFrom('4', '8'), { nil: null }),
    effectiveFrom: fc.constantFrom('2024-09-01', '2024-09-01', '2024-09-01', '2025-06-01'),
  })
  .map(({ facts, context, condition, otherTargets, listsTarget, ...options }) => {
    const own: Target =
      'courseId' in context
        ? { courseId: context.courseId }
        : { schemeId: context.schemeId, level: context.level, component: context.component };
    const rule: RuleVersion = {
      ruleId: 'r1',
      versionId: 'r1-v1',
      version: 1,
      kind: 'courseId' in context ? 'CERT_TO_COURSE' : 'COURSE_TO_EXAM',
      condition,
      targets: listsTarget ? [...otherTargets, own] : otherTargets,
      effectiveTo: null,
      ...options,
    };
    return { rule, facts, context };
  });

function shuffled<T>(items: readonly T[], keys: readonly number[]): T[] {
  return items
    .map((item, index) => ({ item, key: keys[index % Math.max(keys.length, 1)] ?? 0, index }))
    .sort((a, b) => a.key - b.key || b.index - a.index)
    .map(({ item }) => item);
}

function counts(fact: { status: EntryStatus; validUntil?: string | null }): boolean {
  return (
    fact.status === 'ACTIVE' &&
    (fact.validUntil == null || Date.parse(fact.validUntil) > AT.getTime())
  );
}

/** Test oracle arithmetic, independent of the engine's decimal module. */
const hundredths = (value: string) => Math.round(Number(value) * 100);

describe('evaluate: properties', () => {
  it('is deterministic: same inputs, and the same facts in any order, give deep-equal results', () => {
    fc.assert(
      fc.property(
        scenario,
        fc.array(fc.integer(), { minLength: 1, maxLength: 8 }),
        ({ rule, facts, context }, keys) => {
          const first = evaluate(rule, facts, context, AT);
          expect(evaluate(rule, facts, context, AT)).toEqual(first);
          const reordered: LearnerFacts = {
            certificates: shuffled(facts.certificates, keys),
            courseCredits: shuffled(facts.courseCredits, keys),
            diplomas: shuffled(facts.diplomas, keys),
            exemptions: shuffled(facts.exemptions, keys),
          };
          expect(evaluate(rule, reordered, context, new Date(AT.getTime()))).toEqual(first);
        },
      ),
    );
  });

  it('never cites revoked, reversed or expired evidence, and revoked or reversed evidence never changes the outcome', () => {
    fc.assert(
      fc.property(scenario, ({ rule, facts, context }) => {
        const result = evaluate(rule, facts, context, AT);
        const notCounting = new Set(
          [...facts.certificates, ...facts.courseCredits, ...facts.diplomas]
            .filter((fact) => !counts(fact))
            .map((fact) => fact.entryId),
        );
        expect(result.evidenceEntryIds.filter((id) => notCounting.has(id))).toEqual([]);

        const standing = (fact: { status: EntryStatus }) => fact.status === 'ACTIVE';
        const withoutCancelledEvidence: LearnerFacts = {
          certificates: facts.certificates.filter(standing),
          courseCredits: facts.courseCredits.filter(standing),
          diplomas: facts.diplomas.filter(standing),
          exemptions: facts.exemptions.filter(standing),
        };
        const cleaned = evaluate(rule, withoutCancelledEvidence, context, AT);
        expect(result.eligible).toBe(cleaned.eligible);
        expect(result.evidenceEntryIds).toEqual(cleaned.evidenceEntryIds);
        expect(result.limits).toEqual(cleaned.limits);
      }),
    );
  });

  it('an expired certificate never makes an exemption possible; it only passes on what its level has used', () => {
    fc.assert(
      fc.property(scenario, ({ rule, facts, context }) => {
        const result = evaluate(rule, facts, context, AT);
        const expired = new Set(
          facts.certificates.filter((fact) => !counts(fact)).map((fact) => fact.entryId),
        );
        const withoutExpired: LearnerFacts = {
          ...facts,
          certificates: facts.certificates.filter((fact) => !expired.has(fact.entryId)),
          exemptions: facts.exemptions.filter(
            (exemption) => !exemption.evidenceEntryIds.some((id) => expired.has(id)),
          ),
        };
        const cleaned = evaluate(rule, withoutExpired, context, AT);
        if (result.eligible) expect(cleaned.eligible).toBe(true);
        expect(result.evidenceEntryIds.filter((id) => expired.has(id))).toEqual([]);
      }),
    );
  });

  it('eligible implies every cap holds, recomputed independently', () => {
    fc.assert(
      fc.property(scenario, ({ rule, facts, context }) => {
        const result = evaluate(rule, facts, context, AT);
        if (!result.eligible) return;
        const requested = hundredths(result.creditsGranted);
        const active = facts.exemptions.filter((exemption) => exemption.status === 'ACTIVE');
        const key = JSON.stringify(result.target, Object.keys(result.target).sort());
        const sameKey = (t: Target) => JSON.stringify(t, Object.keys(t).sort()) === key;

        expect(active.some((exemption) => sameKey(exemption.target))).toBe(false);
        if ('courseId' in context) {
          const passed = facts.courseCredits.some(
            (credit) =>
              credit.status === 'ACTIVE' && credit.passed && credit.courseId === context.courseId,
          );
          expect(passed).toBe(false);
        }
        expect(result.evidenceEntryIds.length).toBeGreaterThan(0);
        const worth = 'courseId' in context ? context.credits : context.recognisedCredits;
        expect(requested).toBeLessThanOrEqual(hundredths(worth));
        const kind = 'courseId' in context ? 'COURSE_EXEMPTION' : 'EXAM_EXEMPTION';
        for (const entryId of result.evidenceEntryIds) {
          const used = active
            .filter(
              (exemption) =>
                exemption.kind === kind && exemption.evidenceEntryIds.includes(entryId),
            )
            .reduce((sum, exemption) => sum + hundredths(exemption.credits), 0);
          if (rule.maxCreditsPerEvidence != null) {
            expect(used + requested).toBeLessThanOrEqual(hundredths(rule.maxCreditsPerEvidence));
          }
          const certificate = facts.certificates.find((fact) => fact.entryId === entryId);
          if (certificate) {
            expect(counts(certificate)).toBe(true);
            if (kind === 'COURSE_EXEMPTION') {
              expect(used + requested).toBeLessThanOrEqual(
                hundredths(certificate.recognisedCredits),
              );
            }
          }
        }
        if ('courseId' in context && context.programId && context.programMaxExemptCredits != null) {
          const programUsed = active
            .filter(
              (exemption) =>
                exemption.kind === 'COURSE_EXEMPTION' && exemption.programId === context.programId,
            )
            .reduce((sum, exemption) => sum + hundredths(exemption.credits), 0);
          expect(programUsed + requested).toBeLessThanOrEqual(
            hundredths(context.programMaxExemptCredits),
          );
        }
        expect(result.reasons).toEqual([]);
        expect(result.limits.every((limit) => limit.held)).toBe(true);
      }),
      // Only a few percent of generated cases are eligible; run more so dozens are checked.
      { numRuns: 500 },
    );
  });

  it('an exemption of the other kind (exam for a course, course for an exam) never moves a cap', () => {
    fc.assert(
      fc.property(scenario, ({ rule, facts, context }) => {
        const otherKind = 'courseId' in context ? 'EXAM_EXEMPTION' : 'COURSE_EXEMPTION';
        const withoutOtherKind: LearnerFacts = {
          ...facts,
          exemptions: facts.exemptions.filter((exemption) => exemption.kind !== otherKind),
        };
        const result = evaluate(rule, facts, context, AT);
        const alone = evaluate(rule, withoutOtherKind, context, AT);
        // The generated exemptions may name a target of the other kind's shape; only caps matter here.
        expect(
          result.limits.filter(
            (limit) => limit.name !== 'targetNotCovered' && limit.name !== 'evidenceNotReused',
          ),
        ).toEqual(
          alone.limits.filter(
            (limit) => limit.name !== 'targetNotCovered' && limit.name !== 'evidenceNotReused',
          ),
        );
      }),
    );
  });
});
