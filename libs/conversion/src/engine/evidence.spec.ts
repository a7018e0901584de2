import {
  aCertificate,
  aCourseContext,
  aCourseCredit,
  aDiploma,
  anExamContext,
  aRule,
  EVALUATED_AT,
  factsOf,
} from './engine.factories';
import { evaluate } from './evaluate';

const webIntermediate = {
  certificate: { schemeId: 'scheme-web', minLevel: 'INTERMEDIATE' as const },
};

describe('evaluate: certificate leaf', () => {
  it('is eligible with an active certificate at the minimum level, citing it as evidence', () => {
    const result = evaluate(
      aRule(),
      factsOf({ certificates: [aCertificate()] }),
      aCourseContext(),
      EVALUATED_AT,
    );
    expect(result.eligible).toBe(true);
    expect(result.reasons).toEqual([]);
    expect(result.evidenceEntryIds).toEqual(['cert-1']);
    expect(result.creditsGranted).toBe('4');
    expect(result.leaves).toEqual([
      {
        path: 'condition',
        leaf: webIntermediate,
        held: true,
        entryIds: ['cert-1'],
        usedInProof: true,
        rejected: [],
      },
    ]);
  });

  it('explains a missing certificate in words', () => {
    const result = evaluate(aRule(), factsOf(), aCourseContext(), EVALUATED_AT);
    expect(result.eligible).toBe(false);
    expect(result.leaves[0].reason).toBe(
      'no active certificate of scheme scheme-web at INTERMEDIATE or above',
    );
    expect(result.reasons).toEqual([
      'Not met (condition): no active certificate of scheme scheme-web at INTERMEDIATE or above.',
    ]);
    expect(result.evidenceEntryIds).toEqual([]);
  });

  it('chooses the highest level, then the latest issue, then the smallest entry id', () => {
    const certificates = [
      aCertificate({ entryId: 'c-old-senior', level: 'SENIOR', issuedAt: '2023-01-01' }),
      aCertificate({ entryId: 'c-new-senior-b', level: 'SENIOR', issuedAt: '2024-01-01' }),
      aCertificate({ entryId: 'c-new-senior-a', level: 'SENIOR', issuedAt: '2024-01-01' }),
      aCertificate({
        entryId: 'c-newest-intermediate',
        level: 'INTERMEDIATE',
        issuedAt: '2025-01-01',
      }),
    ];
    const result = evaluate(aRule(), factsOf({ certificates }), aCourseContext(), EVALUATED_AT);
    expect(result.evidenceEntryIds).toEqual(['c-new-senior-a']);
  });

  it('rejects a lower level, naming it', () => {
    const facts = factsOf({ certificates: [aCertificate({ level: 'JUNIOR' })] });
    const result = evaluate(aRule(), facts, aCourseContext(), EVALUATED_AT);
    expect(result.eligible).toBe(false);
    expect(result.leaves[0].rejected).toEqual([
      {
        entryId: 'cert-1',
        code: 'LEVEL_TOO_LOW',
        detail: 'certificate No. WEB-2024-0001 is at JUNIOR, below INTERMEDIATE',
        level: 'JUNIOR',
      },
    ]);
  });

  it.each([
    ['REVOKED', 'was revoked'],
    ['REVERSED', 'was reversed'],
  ] as const)('never counts a %s certificate', (status, words) => {
    const facts = factsOf({ certificates: [aCertificate({ status })] });
    const result = evaluate(aRule(), facts, aCourseContext(), EVALUATED_AT);
    expect(result.eligible).toBe(false);
    expect(result.evidenceEntryIds).toEqual([]);
    expect(result.leaves[0].reason).toContain(
      `entry cert-1: certificate No. WEB-2024-0001 ${words}`,
    );
  });

  it('treats a certificate as expired from its validUntil instant on', () => {
    const expiresNow = factsOf({ certificates: [aCertificate({ validUntil: '2025-03-01' })] });
    const result = evaluate(aRule(), expiresNow, aCourseContext(), EVALUATED_AT);
    expect(result.eligible).toBe(false);
    expect(result.leaves[0].reason).toBe(
      'no active certificate of scheme scheme-web at INTERMEDIATE or above ' +
        '(entry cert-1: certificate No. WEB-2024-0001 expired on 2025-03-01)',
    );
    const validOneMoreDay = factsOf({ certificates: [aCertificate({ validUntil: '2025-03-02' })] });
    expect(evaluate(aRule(), validOneMoreDay, aCourseContext(), EVALUATED_AT).eligible).toBe(true);
  });

  it('counts maxAgeYears from the issue date to the evaluation instant', () => {
    const rule = aRule({
      condition: {
        certificate: { schemeId: 'scheme-web', minLevel: 'INTERMEDIATE', maxAgeYears: 3 },
      },
    });
    const tooOld = factsOf({ certificates: [aCertificate({ issuedAt: '2022-03-01' })] });
    const oldResult = evaluate(rule, tooOld, aCourseContext(), EVALUATED_AT);
    expect(oldResult.eligible).toBe(false);
    expect(oldResult.leaves[0].rejected[0]).toMatchObject({ code: 'TOO_OLD' });
    expect(oldResult.leaves[0].reason).toContain(
      'issued on 2022-03-01, 3 or more years before 2025-03-01',
    );
    const recentEnough = factsOf({ certificates: [aCertificate({ issuedAt: '2022-03-02' })] });
    expect(evaluate(rule, recentEnough, aCourseContext(), EVALUATED_AT).eligible).toBe(true);
  });

  it('uses a valid certificate even when an expired one of the same scheme exists', () => {
    const certificates = [
      aCertificate({ entryId: 'expired', level: 'SENIOR', validUntil: '2025-01-01' }),
      aCertificate({ entryId: 'current' }),
    ];
    const result = evaluate(aRule(), factsOf({ certificates }), aCourseContext(), EVALUATED_AT);
    expect(result.evidenceEntryIds).toEqual(['current']);
    expect(result.leaves[0].rejected.map((rejection) => rejection.entryId)).toEqual(['expired']);
  });
});

describe('evaluate: course credit and diploma leaves', () => {
  const courseRule = aRule({
    kind: 'COURSE_TO_COURSE',
    condition: { courseCredit: { courseId: 'course-java', minScore: 70 } },
  });

  it('chooses the highest passing score at or above minScore', () => {
    const courseCredits = [
      aCourseCredit({ entryId: 'low', score: 72 }),
      aCourseCredit({ entryId: 'high', score: 91 }),
    ];
    const result = evaluate(courseRule, factsOf({ courseCredits }), aCourseContext(), EVALUATED_AT);
    expect(result.eligible).toBe(true);
    expect(result.evidenceEntryIds).toEqual(['high']);
  });

  it('says which score fell short', () => {
    const facts = factsOf({ courseCredits: [aCourseCredit({ score: 65 })] });
    const result = evaluate(courseRule, facts, aCourseContext(), EVALUATED_AT);
    expect(result.eligible).toBe(false);
    expect(result.leaves[0].reason).toBe(
      'no passed course credit for course course-java with a score of at least 70 (entry credit-1: score 65 below minimum 70)',
    );
  });

  it('ignores failed and reversed credits', () => {
    const courseCredits = [
      aCourseCredit({ entryId: 'failed', score: 90, passed: false }),
      aCourseCredit({ entryId: 'reversed', score: 95, status: 'REVERSED' }),
    ];
    const result = evaluate(courseRule, factsOf({ courseCredits }), aCourseContext(), EVALUATED_AT);
    expect(result.eligible).toBe(false);
    expect(result.leaves[0].rejected.map((rejection) => rejection.code)).toEqual([
      'NOT_PASSED',
      'REVERSED',
    ]);
  });

  it('proves a diploma leaf with the latest active diploma of the program', () => {
    const rule = aRule({
      kind: 'COURSE_TO_EXAM',
      condition: { diploma: { programId: 'program-software' } },
      targets: [{ schemeId: 'scheme-web', level: 'INTERMEDIATE', component: 'THEORY' }],
    });
    const diplomas = [
      aDiploma({ entryId: 'd-old', graduatedAt: '2020-07-01' }),
      aDiploma({ entryId: 'd-new', graduatedAt: '2024-07-01' }),
      aDiploma({ entryId: 'd-reversed', graduatedAt: '2025-01-01', status: 'REVERSED' }),
    ];
    const result = evaluate(rule, factsOf({ diplomas }), anExamContext(), EVALUATED_AT);
    expect(result.eligible).toBe(true);
    expect(result.evidenceEntryIds).toEqual(['d-new']);
    expect(result.creditsGranted).toBe('0');
    const none = evaluate(
      rule,
      factsOf({ diplomas: [diplomas[2]] }),
      anExamContext(),
      EVALUATED_AT,
    );
    expect(none.leaves[0].reason).toBe(
      'no active diploma of program program-software (entry d-reversed: diploma was reversed)',
    );
  });
});
