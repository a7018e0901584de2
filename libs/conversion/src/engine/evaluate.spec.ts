import {
  aCertificate,
  aCourseContext,
  aCourseCredit,
  anExamContext,
  aRule,
  EVALUATED_AT,
  factsOf,
} from './engine.factories';
import type { Condition } from './engine.types';
import { evaluate } from './evaluate';

describe('evaluate: groups', () => {
  const java = { courseCredit: { courseId: 'course-java' } };
  const web = { courseCredit: { courseId: 'course-web' } };
  const db = { courseCredit: { courseId: 'course-db' } };
  const credits = [
    aCourseCredit({ entryId: 'java', courseId: 'course-java' }),
    aCourseCredit({ entryId: 'web', courseId: 'course-web' }),
    aCourseCredit({ entryId: 'db', courseId: 'course-db' }),
  ];
  const ruleWith = (condition: Condition) => aRule({ kind: 'COURSE_TO_COURSE', condition });

  it('all: needs every child and cites all of them', () => {
    const result = evaluate(
      ruleWith({ all: [java, web] }),
      factsOf({ courseCredits: credits }),
      aCourseContext(),
      EVALUATED_AT,
    );
    expect(result.eligible).toBe(true);
    expect(result.evidenceEntryIds).toEqual(['java', 'web']);
    expect(result.leaves.map((leaf) => leaf.path)).toEqual([
      'condition.all[0]',
      'condition.all[1]',
    ]);
  });

  it('all: names only the failing child as the reason', () => {
    const result = evaluate(
      ruleWith({ all: [java, web] }),
      factsOf({ courseCredits: [credits[0]] }),
      aCourseContext(),
      EVALUATED_AT,
    );
    expect(result.eligible).toBe(false);
    expect(result.evidenceEntryIds).toEqual([]);
    expect(result.reasons).toEqual([
      'Not met (condition.all[1]): no passed course credit for course course-web.',
    ]);
  });

  it('any: proves with the first satisfied child and still traces the others', () => {
    const result = evaluate(
      ruleWith({ any: [db, java, web] }),
      factsOf({ courseCredits: credits.slice(0, 2) }),
      aCourseContext(),
      EVALUATED_AT,
    );
    expect(result.eligible).toBe(true);
    expect(result.evidenceEntryIds).toEqual(['java']);
    expect(result.leaves.map((leaf) => [leaf.path, leaf.held, leaf.usedInProof])).toEqual([
      ['condition.any[0]', false, false],
      ['condition.any[1]', true, true],
      ['condition.any[2]', true, false],
    ]);
  });

  it('atLeast: uses the first n satisfied children and explains a shortfall', () => {
    const rule = ruleWith({ atLeast: { n: 2, of: [java, db, web] } });
    const enough = evaluate(
      rule,
      factsOf({ courseCredits: credits }),
      aCourseContext(),
      EVALUATED_AT,
    );
    expect(enough.evidenceEntryIds).toEqual(['db', 'java']);
    expect(enough.leaves[2]).toMatchObject({
      path: 'condition.atLeast.of[2]',
      held: true,
      usedInProof: false,
    });
    expect(enough.groups).toEqual([
      { path: 'condition', kind: 'atLeast', held: true, required: 2, satisfied: 3, total: 3 },
    ]);

    const short = evaluate(
      rule,
      factsOf({ courseCredits: [credits[1]] }),
      aCourseContext(),
      EVALUATED_AT,
    );
    expect(short.eligible).toBe(false);
    expect(short.reasons).toEqual([
      'Not met (condition): 1 of 3 conditions hold, but at least 2 are needed.',
      'Not met (condition.atLeast.of[0]): no passed course credit for course course-java.',
      'Not met (condition.atLeast.of[1]): no passed course credit for course course-db.',
    ]);
  });

  it('names nested paths and ignores failures inside a satisfied alternative', () => {
    const rule = ruleWith({ all: [java, { any: [{ diploma: { programId: 'p' } }, web] }] });
    const result = evaluate(
      rule,
      factsOf({ courseCredits: credits }),
      aCourseContext(),
      EVALUATED_AT,
    );
    expect(result.eligible).toBe(true);
    expect(result.leaves.map((leaf) => leaf.path)).toEqual([
      'condition.all[0]',
      'condition.all[1].any[0]',
      'condition.all[1].any[1]',
    ]);
    expect(result.evidenceEntryIds).toEqual(['java', 'web']);
  });
});

describe('evaluate: effective window and targets', () => {
  const facts = factsOf({ certificates: [aCertificate()] });
  const windowed = aRule({ effectiveFrom: '2025-03-01', effectiveTo: '2025-09-01' });

  it('applies from effectiveFrom inclusive to effectiveTo exclusive', () => {
    expect(
      evaluate(windowed, facts, aCourseContext(), new Date('2025-03-01T00:00:00Z')).eligible,
    ).toBe(true);
    expect(
      evaluate(windowed, facts, aCourseContext(), new Date('2025-08-31T23:59:59Z')).eligible,
    ).toBe(true);
  });

  it('is not eligible before the rule takes effect, saying when it does', () => {
    const result = evaluate(windowed, facts, aCourseContext(), new Date('2025-02-28T00:00:00Z'));
    expect(result).toMatchObject({ eligible: false, inEffect: false, conditionHeld: true });
    expect(result.reasons).toEqual([
      'Rule rule-core version 1 takes effect on 2025-03-01; the evaluation date is 2025-02-28.',
    ]);
  });

  it('is not eligible from effectiveTo on', () => {
    const result = evaluate(windowed, facts, aCourseContext(), new Date('2025-09-01T00:00:00Z'));
    expect(result.inEffect).toBe(false);
    expect(result.reasons).toEqual([
      'Rule rule-core version 1 no longer applies from 2025-09-01; the evaluation date is 2025-09-01.',
    ]);
  });

  it('refuses a target the rule does not list', () => {
    const result = evaluate(
      aRule(),
      facts,
      aCourseContext({ courseId: 'course-other' }),
      EVALUATED_AT,
    );
    expect(result.eligible).toBe(false);
    expect(result.reasons).toEqual([
      'Course course-other is not one of the targets of rule rule-core version 1.',
    ]);
  });

  it('refuses an exam target for a course rule', () => {
    const result = evaluate(aRule(), facts, anExamContext(), EVALUATED_AT);
    expect(result.reasons[0]).toBe(
      'Rule rule-core version 1 is a CERT_TO_COURSE rule granting course exemptions, so it cannot exempt the THEORY exam of scheme scheme-web at INTERMEDIATE.',
    );
  });

  it('grants the rule’s creditsGranted, normalised, over the course credits', () => {
    const rule = aRule({ creditsGranted: '2.50' });
    expect(evaluate(rule, facts, aCourseContext(), EVALUATED_AT).creditsGranted).toBe('2.5');
  });

  it('reports a malformed stored condition instead of throwing', () => {
    const rule = aRule({ condition: { any: [] } });
    const result = evaluate(rule, facts, aCourseContext(), EVALUATED_AT);
    expect(result.eligible).toBe(false);
    expect(result.reasons).toEqual([
      "The rule's condition is malformed at condition.any: must not be empty.",
    ]);
  });

  it('throws on an invalid evaluation instant or date', () => {
    expect(() => evaluate(aRule(), facts, aCourseContext(), new Date('nonsense'))).toThrow(
      RangeError,
    );
    const badDate = factsOf({ certificates: [aCertificate({ issuedAt: 'yesterday' })] });
    expect(() => evaluate(aRule(), badDate, aCourseContext(), EVALUATED_AT)).toThrow(
      /issuedAt of entry cert-1/,
    );
  });
});
