import { TestApp } from '../test-app';
import { uniqueCode } from './catalog';
import { postExpecting } from './http';
import { anExamRegistration, enrolForCourse, enrolForProgram } from './relationships';

/**
 * Outcomes, recorded over HTTP as the scoped staff would; each returns the new entry's id. The
 * relationship the recording needs (an enrolment at the school, a registration for the exam) is
 * made first when the learner has none.
 */

export async function recordCredit(
  t: TestApp,
  options: {
    token: string;
    learnerId: string;
    courseId: string;
    score?: number;
    term?: string;
    completedAt?: string;
  },
): Promise<string> {
  await enrolForCourse(t, options);
  const body = await postExpecting(t, {
    token: options.token,
    path: `/v1/learners/${options.learnerId}/course-credits`,
    body: {
      courseId: options.courseId,
      term: options.term ?? '2024-2025-2',
      score: options.score ?? 85,
      completedAt: options.completedAt ?? '2025-07-01',
    },
  });
  return body.id as string;
}

export async function recordCertificate(
  t: TestApp,
  options: {
    token: string;
    learnerId: string;
    schemeId: string;
    level?: string;
    certificateNo?: string;
    issuedAt?: string;
    validUntil?: string;
  },
): Promise<string> {
  await anExamRegistration(t, options);
  const body = await postExpecting(t, {
    token: options.token,
    path: `/v1/learners/${options.learnerId}/certificates`,
    body: {
      schemeId: options.schemeId,
      level: options.level ?? 'INTERMEDIATE',
      certificateNo: options.certificateNo ?? uniqueCode('CERT'),
      issuedAt: options.issuedAt ?? '2025-06-30',
      ...(options.validUntil === undefined ? {} : { validUntil: options.validUntil }),
    },
  });
  return body.id as string;
}

export async function recordDiploma(
  t: TestApp,
  options: {
    token: string;
    learnerId: string;
    programId: string;
    diplomaNo?: string;
    graduatedAt?: string;
  },
): Promise<string> {
  await enrolForProgram(t, options);
  const body = await postExpecting(t, {
    token: options.token,
    path: `/v1/learners/${options.learnerId}/diplomas`,
    body: {
      programId: options.programId,
      diplomaNo: options.diplomaNo ?? uniqueCode('DIP'),
      graduatedAt: options.graduatedAt ?? '2025-07-01',
    },
  });
  return body.id as string;
}

/** Reverses an entry (POST /v1/entries/{id}/reversal); returns the REVERSAL's id. */
export async function reverseEntry(
  t: TestApp,
  options: { token: string; entryId: string; reason?: string },
): Promise<string> {
  const body = await postExpecting(t, {
    token: options.token,
    path: `/v1/entries/${options.entryId}/reversal`,
    body: { reason: options.reason ?? '成绩录入有误' },
  });
  return (body.correction as { id: string }).id;
}
