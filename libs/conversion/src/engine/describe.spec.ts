import { describeEvaluation, describeLeafCondition } from './describe';
import {
  aCertificate,
  aCourseContext,
  anExemption,
  aRule,
  EVALUATED_AT,
  factsOf,
} from './engine.factories';
import { evaluate } from './evaluate';

describe('describeEvaluation', () => {
  it('reads an eligible evaluation as sentences', () => {
    const rule = aRule({
      condition: {
        any: [
          { certificate: { schemeId: 'scheme-web', minLevel: 'SENIOR' } },
          { certificate: { schemeId: 'scheme-web', minLevel: 'INTERMEDIATE' } },
        ],
      },
      maxCreditsPerEvidence: '8',
    });
    const result = evaluate(
      rule,
      factsOf({ certificates: [aCertificate()] }),
      aCourseContext(),
      EVALUATED_AT,
    );
    expect(describeEvaluation(result)).toEqual([
      'Eligible: rule rule-core version 1 exempts course course-vue for 4 credits, proven by entry cert-1.',
      'Met (condition): 1 of 2 conditions hold, 1 needed.',
      'Not met (condition.any[0]): no active certificate of scheme scheme-web at SENIOR or above ' +
        '(entry cert-1: certificate No. WEB-2024-0001 is at INTERMEDIATE, below SENIOR).',
      'Met (condition.any[1]): a certificate of scheme scheme-web at INTERMEDIATE or above, proven by entry cert-1.',
      'Course course-vue is not yet exempted or passed.',
      'None of the evidence has been used for course course-vue before.',
      'A grant of 4 credits is within the 4 credits of course course-vue.',
      "Entry cert-1 has exempted 0 credits so far; 4 more makes 4, within the rule's cap of 8 credits per piece of evidence.",
      'Entry cert-1 has exempted 0 credits so far; 4 more makes 4, within the 10 credits the credit bank recognises for this certificate.',
    ]);
  });

  it('puts the reasons right after the headline when not eligible', () => {
    const facts = factsOf({
      certificates: [aCertificate({ validUntil: '2025-01-01' })],
      exemptions: [anExemption({ target: { courseId: 'course-vue' } })],
    });
    const lines = describeEvaluation(evaluate(aRule(), facts, aCourseContext(), EVALUATED_AT));
    expect(lines.slice(0, 3)).toEqual([
      'Not eligible: rule rule-core version 1 does not exempt course course-vue (2 reasons).',
      'Not met (condition): no active certificate of scheme scheme-web at INTERMEDIATE or above ' +
        '(entry cert-1: certificate No. WEB-2024-0001 expired on 2025-01-01).',
      'Course course-vue is already covered by active entry exemption-1; it can be exempted only once while that stands.',
    ]);
  });

  it('says each reason once: a failing condition or limit is not repeated after the reasons', () => {
    const facts = factsOf({
      certificates: [aCertificate({ validUntil: '2025-01-01' })],
      exemptions: [anExemption({ target: { courseId: 'course-vue' } })],
    });
    const evaluation = evaluate(aRule(), facts, aCourseContext(), EVALUATED_AT);
    const lines = describeEvaluation(evaluation);
    expect(evaluation.reasons).toHaveLength(2);
    for (const reason of evaluation.reasons) {
      expect(lines.filter((line) => line === reason)).toHaveLength(1);
    }
    expect(new Set(lines).size).toBe(lines.length);
  });

  it('describes each kind of leaf', () => {
    expect(
      describeLeafCondition({ certificate: { schemeId: 's', minLevel: 'JUNIOR', maxAgeYears: 3 } }),
    ).toBe('a certificate of scheme s at JUNIOR or above, issued within the last 3 years');
    expect(describeLeafCondition({ courseCredit: { courseId: 'c', minScore: 70 } })).toBe(
      'a passed credit for course c with a score of at least 70',
    );
    expect(describeLeafCondition({ diploma: { programId: 'p' } })).toBe('a diploma of program p');
  });
});
