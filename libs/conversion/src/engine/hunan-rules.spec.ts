/**
 * A real rule set, a Hunan vocational college's 《X证书与专业课程转换办法》. One certificate exempts at most 8 credits and
 * never more than the credit bank recognises; each course by one certificate only; JUNIOR
 * exempts professional-foundation courses, INTERMEDIATE professional-core, SENIOR both.
 */
import {
  aCertificate,
  aCourseContext,
  anExemption,
  aRule,
  EVALUATED_AT,
  factsOf,
} from './engine.factories';
import type { CertificateFact, ExemptionFact, Level } from './engine.types';
import { evaluate } from './evaluate';

const RECOGNISED: Record<Level, string> = { JUNIOR: '6', INTERMEDIATE: '12', SENIOR: '16' };

const foundationRule = aRule({
  ruleId: 'hunan-foundation',
  versionId: 'hunan-foundation-v1',
  condition: { certificate: { schemeId: 'scheme-web', minLevel: 'JUNIOR' } },
  targets: [{ courseId: 'course-html' }, { courseId: 'course-js' }],
  maxCreditsPerEvidence: '8',
});
const coreRule = aRule({
  ruleId: 'hunan-core',
  versionId: 'hunan-core-v1',
  condition: { certificate: { schemeId: 'scheme-web', minLevel: 'INTERMEDIATE' } },
  targets: [
    { courseId: 'course-vue' },
    { courseId: 'course-node' },
    { courseId: 'course-project' },
  ],
  maxCreditsPerEvidence: '8',
});
const course = (courseId: string, credits = '4') =>
  aCourseContext({
    courseId,
    credits,
    programId: 'program-software',
    programMaxExemptCredits: '20',
  });

const webCertificate = (level: Level, entryId = `web-${level}`): CertificateFact =>
  aCertificate({
    entryId,
    level,
    recognisedCredits: RECOGNISED[level],
    certificateNo: `WEB-${level}`,
  });

const exempted = (courseId: string, evidence: string, credits = '4'): ExemptionFact =>
  anExemption({
    entryId: `ex-${courseId}`,
    target: { courseId },
    credits,
    evidenceEntryIds: [evidence],
  });

describe('Hunan college: certificate-to-course exemptions', () => {
  it('a JUNIOR certificate exempts a professional-foundation course', () => {
    const result = evaluate(
      foundationRule,
      factsOf({ certificates: [webCertificate('JUNIOR')] }),
      course('course-html'),
      EVALUATED_AT,
    );
    expect(result).toMatchObject({
      eligible: true,
      creditsGranted: '4',
      evidenceEntryIds: ['web-JUNIOR'],
    });
  });

  it('a JUNIOR certificate does not exempt a professional-core course', () => {
    const result = evaluate(
      coreRule,
      factsOf({ certificates: [webCertificate('JUNIOR')] }),
      course('course-vue'),
      EVALUATED_AT,
    );
    expect(result.eligible).toBe(false);
    expect(result.reasons).toEqual([
      'Not met (condition): no active certificate of scheme scheme-web at INTERMEDIATE or above ' +
        '(entry web-JUNIOR: certificate No. WEB-JUNIOR is at JUNIOR, below INTERMEDIATE).',
    ]);
  });

  it('an INTERMEDIATE certificate exempts a core course; a SENIOR one both kinds', () => {
    const intermediate = factsOf({ certificates: [webCertificate('INTERMEDIATE')] });
    expect(evaluate(coreRule, intermediate, course('course-vue'), EVALUATED_AT).eligible).toBe(
      true,
    );
    const senior = factsOf({ certificates: [webCertificate('SENIOR')] });
    expect(evaluate(coreRule, senior, course('course-vue'), EVALUATED_AT).eligible).toBe(true);
    expect(evaluate(foundationRule, senior, course('course-html'), EVALUATED_AT).eligible).toBe(
      true,
    );
  });

  it('one certificate exempts at most 8 credits', () => {
    const facts = factsOf({
      certificates: [webCertificate('INTERMEDIATE')],
      exemptions: [
        exempted('course-vue', 'web-INTERMEDIATE'),
        exempted('course-node', 'web-INTERMEDIATE'),
      ],
    });
    const result = evaluate(coreRule, facts, course('course-project', '3'), EVALUATED_AT);
    expect(result.eligible).toBe(false);
    expect(result.limits.filter((limit) => !limit.held)).toEqual([
      {
        name: 'maxCreditsPerEvidence',
        held: false,
        evidenceEntryId: 'web-INTERMEDIATE',
        alreadyUsed: '8',
        requested: '3',
        cap: '8',
      },
    ]);
  });

  it('a JUNIOR certificate stops at the 6 credits the bank recognises, below the 8-credit cap', () => {
    const facts = factsOf({
      certificates: [webCertificate('JUNIOR')],
      exemptions: [exempted('course-html', 'web-JUNIOR')],
    });
    const result = evaluate(foundationRule, facts, course('course-js'), EVALUATED_AT);
    expect(result.eligible).toBe(false);
    expect(
      result.limits.filter(
        (limit) => limit.name.endsWith('Credits') || limit.name === 'maxCreditsPerEvidence',
      ),
    ).toEqual([
      {
        name: 'maxCreditsPerEvidence',
        held: true,
        evidenceEntryId: 'web-JUNIOR',
        alreadyUsed: '4',
        requested: '4',
        cap: '8',
      },
      {
        name: 'recognisedCredits',
        held: false,
        evidenceEntryId: 'web-JUNIOR',
        alreadyUsed: '4',
        requested: '4',
        cap: '6',
      },
      {
        name: 'programMaxExemptCredits',
        held: true,
        programId: 'program-software',
        alreadyUsed: '4',
        requested: '4',
        cap: '20',
      },
    ]);
  });

  it('each course is exempted by one certificate only', () => {
    const facts = factsOf({
      certificates: [webCertificate('INTERMEDIATE', 'first'), webCertificate('SENIOR', 'second')],
      exemptions: [exempted('course-vue', 'first')],
    });
    const result = evaluate(coreRule, facts, course('course-vue'), EVALUATED_AT);
    expect(result.eligible).toBe(false);
    expect(result.evidenceEntryIds).toEqual(['second']);
    expect(result.limits[0]).toMatchObject({
      name: 'targetNotCovered',
      held: false,
      coveredByEntryIds: ['ex-course-vue'],
    });
  });

  it('a revoked certificate exempts nothing, and a second certificate takes over', () => {
    const revoked = { ...webCertificate('SENIOR', 'revoked'), status: 'REVOKED' as const };
    const alone = evaluate(
      coreRule,
      factsOf({ certificates: [revoked] }),
      course('course-vue'),
      EVALUATED_AT,
    );
    expect(alone.eligible).toBe(false);
    const withBackup = evaluate(
      coreRule,
      factsOf({ certificates: [revoked, webCertificate('INTERMEDIATE', 'backup')] }),
      course('course-vue'),
      EVALUATED_AT,
    );
    expect(withBackup).toMatchObject({ eligible: true, evidenceEntryIds: ['backup'] });
  });
});
