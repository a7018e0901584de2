import {
  aCertificate,
  aCourseContext,
  aCourseCredit,
  anExamContext,
  anExemption,
  aRule,
  EVALUATED_AT,
  factsOf,
} from './engine.factories';
import { evaluate } from './evaluate';

const certificates = [aCertificate()];
const vue = { courseId: 'course-vue' };

describe('limit: the target is exempted at most once', () => {
  it('fails while an active exemption of the same target stands, naming it', () => {
    const earlier = anExemption({
      entryId: 'ex-vue',
      target: vue,
      evidenceEntryIds: ['cert-other'],
    });
    const result = evaluate(
      aRule(),
      factsOf({ certificates, exemptions: [earlier] }),
      aCourseContext(),
      EVALUATED_AT,
    );
    expect(result.eligible).toBe(false);
    expect(result.limits[0]).toEqual({
      name: 'targetNotCovered',
      held: false,
      targetKey: 'course:course-vue',
      coveredByEntryIds: ['ex-vue'],
    });
    expect(result.reasons).toEqual([
      'Course course-vue is already covered by active entry ex-vue; it can be exempted only once while that stands.',
    ]);
  });

  it('holds again once that exemption is reversed', () => {
    const reversed = anExemption({ target: vue, status: 'REVERSED' });
    const result = evaluate(
      aRule(),
      factsOf({ certificates, exemptions: [reversed] }),
      aCourseContext(),
      EVALUATED_AT,
    );
    expect(result.eligible).toBe(true);
  });

  it('fails when the learner already passed the target course', () => {
    const passed = aCourseCredit({ entryId: 'passed-vue', courseId: 'course-vue' });
    const failed = aCourseCredit({
      entryId: 'failed-vue',
      courseId: 'course-vue',
      passed: false,
      score: 40,
    });
    const result = evaluate(
      aRule(),
      factsOf({ certificates, courseCredits: [passed, failed] }),
      aCourseContext(),
      EVALUATED_AT,
    );
    expect(result.limits[0]).toMatchObject({ held: false, coveredByEntryIds: ['passed-vue'] });
  });

  it('applies to exam components too', () => {
    const rule = aRule({
      kind: 'COURSE_TO_EXAM',
      condition: { courseCredit: { courseId: 'course-java' } },
      targets: [{ schemeId: 'scheme-web', level: 'INTERMEDIATE', component: 'THEORY' }],
    });
    const earlier = anExemption({
      entryId: 'ex-theory',
      kind: 'EXAM_EXEMPTION',
      target: { component: 'THEORY', level: 'INTERMEDIATE', schemeId: 'scheme-web' },
      credits: '0',
      evidenceEntryIds: ['credit-1'],
    });
    const facts = factsOf({ courseCredits: [aCourseCredit()], exemptions: [earlier] });
    const result = evaluate(rule, facts, anExamContext(), EVALUATED_AT);
    expect(result.eligible).toBe(false);
    expect(result.limits.slice(0, 2)).toEqual([
      {
        name: 'targetNotCovered',
        held: false,
        targetKey: 'exam:scheme-web:INTERMEDIATE:THEORY',
        coveredByEntryIds: ['ex-theory'],
      },
      {
        name: 'evidenceNotReused',
        held: false,
        targetKey: 'exam:scheme-web:INTERMEDIATE:THEORY',
        reusedEvidenceEntryIds: ['credit-1'],
        priorExemptionEntryIds: ['ex-theory'],
      },
    ]);
    expect(
      evaluate(
        rule,
        factsOf({ courseCredits: [aCourseCredit()] }),
        anExamContext({ component: 'PRACTICAL' }),
        EVALUATED_AT,
      ).reasons,
    ).toEqual([
      'The PRACTICAL exam of scheme scheme-web at INTERMEDIATE is not one of the targets of rule rule-core version 1.',
    ]);
  });
});

describe('limit: credits per piece of evidence', () => {
  const capped = aRule({ maxCreditsPerEvidence: '8' });

  it('holds exactly at the cap and traces the amounts', () => {
    const used = anExemption({ target: { courseId: 'course-node' }, credits: '4' });
    const result = evaluate(
      capped,
      factsOf({ certificates, exemptions: [used] }),
      aCourseContext(),
      EVALUATED_AT,
    );
    expect(result.eligible).toBe(true);
    expect(result.limits).toContainEqual({
      name: 'maxCreditsPerEvidence',
      held: true,
      evidenceEntryId: 'cert-1',
      alreadyUsed: '4',
      requested: '4',
      cap: '8',
    });
  });

  it('fails one hundredth over the cap', () => {
    const used = anExemption({ target: { courseId: 'course-node' }, credits: '4.01' });
    const result = evaluate(
      capped,
      factsOf({ certificates, exemptions: [used] }),
      aCourseContext(),
      EVALUATED_AT,
    );
    expect(result.eligible).toBe(false);
    expect(result.reasons).toEqual([
      "Entry cert-1 has exempted 4.01 credits so far; 4 more would make 8.01, over the rule's cap of 8 credits per piece of evidence.",
    ]);
  });

  it('never grants more than the credit bank recognises for the certificate', () => {
    const small = [aCertificate({ recognisedCredits: '6' })];
    const used = anExemption({ target: { courseId: 'course-node' }, credits: '4' });
    const result = evaluate(
      capped,
      factsOf({ certificates: small, exemptions: [used] }),
      aCourseContext(),
      EVALUATED_AT,
    );
    expect(result.eligible).toBe(false);
    expect(result.limits.filter((limit) => !limit.held)).toEqual([
      {
        name: 'recognisedCredits',
        held: false,
        evidenceEntryId: 'cert-1',
        alreadyUsed: '4',
        requested: '4',
        cap: '6',
      },
    ]);
  });

  it('shares a certificate level’s allowance with its renewal: the renewed certificate brings no fresh cap', () => {
    const expired = aCertificate({ entryId: 'cert-old', validUntil: '2024-12-31' });
    const renewed = aCertificate({ entryId: 'cert-new', issuedAt: '2025-01-10' });
    const otherLevel = aCertificate({ entryId: 'cert-junior', level: 'JUNIOR' });
    const used = anExemption({
      target: { courseId: 'course-node' },
      credits: '6',
      evidenceEntryIds: ['cert-old', 'cert-junior'],
    });
    const result = evaluate(
      aRule({ maxCreditsPerEvidence: '8' }),
      factsOf({ certificates: [expired, renewed], exemptions: [used] }),
      aCourseContext(),
      EVALUATED_AT,
    );
    expect(result.evidenceEntryIds).toEqual(['cert-new']);
    expect(result.limits).toContainEqual({
      name: 'maxCreditsPerEvidence',
      held: false,
      evidenceEntryId: 'cert-new',
      alreadyUsed: '6',
      requested: '4',
      cap: '8',
    });
    const elsewhere = evaluate(
      aRule({ maxCreditsPerEvidence: '8' }),
      factsOf({ certificates: [otherLevel, renewed], exemptions: [used] }),
      aCourseContext(),
      EVALUATED_AT,
    );
    expect(elsewhere.limits).toContainEqual(
      expect.objectContaining({
        name: 'maxCreditsPerEvidence',
        evidenceEntryId: 'cert-new',
        alreadyUsed: '0',
      }),
    );
  });

  it('does not count reversed exemptions against the cap', () => {
    const reversed = anExemption({
      target: { courseId: 'course-node' },
      credits: '8',
      status: 'REVERSED',
    });
    const result = evaluate(
      capped,
      factsOf({ certificates, exemptions: [reversed] }),
      aCourseContext(),
      EVALUATED_AT,
    );
    expect(result.eligible).toBe(true);
  });

  it('applies only the rule cap to course-credit evidence', () => {
    const rule = aRule({
      kind: 'COURSE_TO_COURSE',
      condition: { courseCredit: { courseId: 'course-java' } },
      maxCreditsPerEvidence: '6',
    });
    const used = anExemption({
      target: { courseId: 'course-node' },
      credits: '3',
      evidenceEntryIds: ['credit-1'],
    });
    const result = evaluate(
      rule,
      factsOf({ courseCredits: [aCourseCredit()], exemptions: [used] }),
      aCourseContext(),
      EVALUATED_AT,
    );
    expect(result.limits.map((limit) => limit.name)).toEqual([
      'targetNotCovered',
      'evidenceNotReused',
      'creditsWithinTarget',
      'maxCreditsPerEvidence',
    ]);
    expect(result.limits[3]).toMatchObject({
      held: false,
      alreadyUsed: '3',
      requested: '4',
      cap: '6',
    });
  });
});

describe('limit: the program cap on exempted credits', () => {
  const context = aCourseContext({ programMaxExemptCredits: '20' });
  const exemptions = [
    anExemption({
      entryId: 'e1',
      target: { courseId: 'a' },
      credits: '8',
      evidenceEntryIds: ['x'],
    }),
    anExemption({
      entryId: 'e2',
      target: { courseId: 'b' },
      credits: '8',
      evidenceEntryIds: ['y'],
    }),
    anExemption({
      entryId: 'e3',
      target: { courseId: 'c' },
      credits: '4',
      evidenceEntryIds: ['z'],
      programId: 'other',
    }),
    anExemption({
      entryId: 'e4',
      target: { courseId: 'd' },
      credits: '4',
      evidenceEntryIds: ['z'],
      status: 'REVERSED',
    }),
  ];

  it('counts only active course exemptions of the same program', () => {
    const result = evaluate(aRule(), factsOf({ certificates, exemptions }), context, EVALUATED_AT);
    expect(result.eligible).toBe(true);
    expect(result.limits.at(-1)).toEqual({
      name: 'programMaxExemptCredits',
      held: true,
      programId: 'program-software',
      alreadyUsed: '16',
      requested: '4',
      cap: '20',
    });
  });

  it('fails when the grant would pass the cap', () => {
    const result = evaluate(
      aRule({ creditsGranted: '4.5' }),
      factsOf({ certificates, exemptions }),
      { ...context, credits: '5' },
      EVALUATED_AT,
    );
    expect(result.eligible).toBe(false);
    expect(result.reasons).toEqual([
      'Program program-software has 16 credits exempted so far; 4.5 more would make 20.5, over its cap of 20 credits.',
    ]);
  });

  it('is not checked when the course has no program cap', () => {
    const result = evaluate(
      aRule(),
      factsOf({ certificates, exemptions }),
      aCourseContext(),
      EVALUATED_AT,
    );
    expect(result.limits.map((limit) => limit.name)).not.toContain('programMaxExemptCredits');
  });
});

describe('limit: a grant is never worth more than its target', () => {
  it('holds at the course’s credits and fails one hundredth above them, saying so', () => {
    const facts = factsOf({ certificates });
    const exact = evaluate(
      aRule({ creditsGranted: '4.00' }),
      facts,
      aCourseContext(),
      EVALUATED_AT,
    );
    expect(exact.eligible).toBe(true);
    const over = evaluate(aRule({ creditsGranted: '4.01' }), facts, aCourseContext(), EVALUATED_AT);
    expect(over.eligible).toBe(false);
    expect(over.limits.filter((limit) => !limit.held)).toEqual([
      {
        name: 'creditsWithinTarget',
        held: false,
        targetKey: 'course:course-vue',
        requested: '4.01',
        cap: '4',
      },
    ]);
    expect(over.reasons).toEqual([
      'A grant of 4.01 credits would exceed the 4 credits of course course-vue; an exemption never grants more than its target is worth.',
    ]);
  });

  it('refuses a 学分互认 grant of 999.99 credits for a 3-credit course, whatever the other caps allow', () => {
    const rule = aRule({
      kind: 'COURSE_TO_COURSE',
      condition: { courseCredit: { courseId: 'course-java' } },
      creditsGranted: '999.99',
    });
    const result = evaluate(
      rule,
      factsOf({ courseCredits: [aCourseCredit()] }),
      aCourseContext({ credits: '3' }),
      EVALUATED_AT,
    );
    expect(result.eligible).toBe(false);
    expect(result.limits.filter((limit) => !limit.held).map((limit) => limit.name)).toEqual([
      'creditsWithinTarget',
    ]);
  });

  it('bounds an exam exemption by the credits its level recognises', () => {
    const rule = aRule({
      kind: 'COURSE_TO_EXAM',
      condition: { courseCredit: { courseId: 'course-java' } },
      targets: [{ schemeId: 'scheme-web', level: 'INTERMEDIATE', component: 'THEORY' }],
      creditsGranted: '6.5',
    });
    const facts = factsOf({ courseCredits: [aCourseCredit()] });
    const result = evaluate(rule, facts, anExamContext(), EVALUATED_AT);
    expect(result.eligible).toBe(false);
    expect(result.reasons).toEqual([
      'A grant of 6.5 credits would exceed the 6 credits the credit bank recognises for the level of the THEORY exam of scheme scheme-web at INTERMEDIATE; an exemption never grants more than its target is worth.',
    ]);
    expect(
      evaluate({ ...rule, creditsGranted: null }, facts, anExamContext(), EVALUATED_AT).eligible,
    ).toBe(true);
  });
});

describe('limit: exam exemptions and course exemptions use separate allowances', () => {
  const examTarget = {
    schemeId: 'scheme-net',
    level: 'INTERMEDIATE' as const,
    component: 'THEORY',
  };

  it('an exam exemption citing a certificate leaves the certificate’s course credits untouched', () => {
    const examExemption = anExemption({
      entryId: 'ex-exam',
      kind: 'EXAM_EXEMPTION',
      target: examTarget,
      credits: '6',
      evidenceEntryIds: ['credit-1', 'cert-1'],
      programId: null,
    });
    const result = evaluate(
      aRule({ maxCreditsPerEvidence: '8' }),
      factsOf({
        certificates: [aCertificate({ recognisedCredits: '6' })],
        exemptions: [examExemption],
      }),
      aCourseContext({ credits: '6' }),
      EVALUATED_AT,
    );
    expect(result.eligible).toBe(true);
    expect(result.limits.filter((limit) => 'evidenceEntryId' in limit)).toEqual([
      {
        name: 'maxCreditsPerEvidence',
        held: true,
        evidenceEntryId: 'cert-1',
        alreadyUsed: '0',
        requested: '6',
        cap: '8',
      },
      {
        name: 'recognisedCredits',
        held: true,
        evidenceEntryId: 'cert-1',
        alreadyUsed: '0',
        requested: '6',
        cap: '6',
      },
    ]);
  });

  it('an exam rule’s cap per evidence counts only exam exemptions, and a certificate’s course credits do not bound it', () => {
    const rule = aRule({
      kind: 'COURSE_TO_EXAM',
      condition: {
        all: [
          { courseCredit: { courseId: 'course-java' } },
          { certificate: { schemeId: 'scheme-web', minLevel: 'INTERMEDIATE' } },
        ],
      },
      targets: [examTarget],
      creditsGranted: '3',
      maxCreditsPerEvidence: '4',
    });
    const courseExemption = anExemption({ credits: '4', evidenceEntryIds: ['credit-1', 'cert-1'] });
    const result = evaluate(
      rule,
      factsOf({
        courseCredits: [aCourseCredit()],
        certificates: [aCertificate({ recognisedCredits: '4' })],
        exemptions: [courseExemption],
      }),
      anExamContext({ schemeId: 'scheme-net' }),
      EVALUATED_AT,
    );
    expect(result.eligible).toBe(true);
    expect(result.limits.map((limit) => limit.name)).toEqual([
      'targetNotCovered',
      'evidenceNotReused',
      'creditsWithinTarget',
      'maxCreditsPerEvidence',
      'maxCreditsPerEvidence',
    ]);
  });
});
