/**
 * Factories for the engine's specs (and for other libraries' tests that need engine inputs).
 * Defaults describe one ordinary learner; override only what a test is about.
 */
import type {
  CertificateFact,
  CourseCreditFact,
  CourseTargetContext,
  DiplomaFact,
  ExamTargetContext,
  ExemptionFact,
  LearnerFacts,
  RuleVersion,
} from './engine.types';

export const EVALUATED_AT = new Date('2025-03-01T00:00:00.000Z');

export function aCertificate(overrides: Partial<CertificateFact> = {}): CertificateFact {
  return {
    entryId: 'cert-1',
    schemeId: 'scheme-web',
    level: 'INTERMEDIATE',
    certificateNo: 'WEB-2024-0001',
    issuedAt: '2024-06-30',
    validUntil: null,
    recognisedCredits: '10',
    status: 'ACTIVE',
    ...overrides,
  };
}

export function aCourseCredit(overrides: Partial<CourseCreditFact> = {}): CourseCreditFact {
  return {
    entryId: 'credit-1',
    courseId: 'course-java',
    institutionId: 'school-a',
    score: 85,
    passed: true,
    credits: '4',
    completedAt: '2024-07-01',
    status: 'ACTIVE',
    ...overrides,
  };
}

export function aDiploma(overrides: Partial<DiplomaFact> = {}): DiplomaFact {
  return {
    entryId: 'diploma-1',
    programId: 'program-software',
    graduatedAt: '2024-07-01',
    status: 'ACTIVE',
    ...overrides,
  };
}

export function anExemption(overrides: Partial<ExemptionFact> = {}): ExemptionFact {
  return {
    entryId: 'exemption-1',
    kind: 'COURSE_EXEMPTION',
    target: { courseId: 'course-html' },
    credits: '4',
    ruleId: 'rule-foundation',
    ruleVersionId: 'rule-foundation-v1',
    evidenceEntryIds: ['cert-1'],
    programId: 'program-software',
    status: 'ACTIVE',
    ...overrides,
  };
}

export function factsOf(overrides: Partial<LearnerFacts> = {}): LearnerFacts {
  return { certificates: [], courseCredits: [], diplomas: [], exemptions: [], ...overrides };
}

export function aRule(overrides: Partial<RuleVersion> = {}): RuleVersion {
  return {
    ruleId: 'rule-core',
    versionId: 'rule-core-v1',
    version: 1,
    kind: 'CERT_TO_COURSE',
    condition: { certificate: { schemeId: 'scheme-web', minLevel: 'INTERMEDIATE' } },
    targets: [{ courseId: 'course-vue' }],
    creditsGranted: null,
    maxCreditsPerEvidence: null,
    effectiveFrom: '2024-09-01',
    effectiveTo: null,
    ...overrides,
  };
}

export function aCourseContext(overrides: Partial<CourseTargetContext> = {}): CourseTargetContext {
  return {
    courseId: 'course-vue',
    credits: '4',
    programId: 'program-software',
    programMaxExemptCredits: null,
    ...overrides,
  };
}

export function anExamContext(overrides: Partial<ExamTargetContext> = {}): ExamTargetContext {
  return {
    schemeId: 'scheme-web',
    level: 'INTERMEDIATE',
    component: 'THEORY',
    recognisedCredits: '6',
    ...overrides,
  };
}
