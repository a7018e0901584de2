import { randomBytes } from 'node:crypto';
import { Role, todayInChina } from '@app/core';
import {
  aCertificationBody,
  aCourse,
  aLearner,
  anActiveRule,
  anInstitution,
  aPassportNumber,
  aProgram,
  aScheme,
  anEnrolment,
  anExamRegistration,
  bearer,
  postExpecting,
  recordCertificate,
  recordCredit,
  recordDiploma,
} from './factories';
import { TestApp } from './test-app';

/**
 * One small world for the security suites (authorization matrix, fuzzing, abuse): two schools,
 * two bodies, two learners, staff of each scope, and outcomes on both learners' accounts.
 * Catalog rows and learners go in by SQL (their endpoints are tested elsewhere); outcomes,
 * rules and applications go through HTTP, as a client would record them.
 *
 * The "victim" learner carries unique markers (name, numbers) so that a suite can check that
 * no response given to someone else contains any of them.
 */
export interface SecurityWorld {
  schoolA: string;
  schoolB: string;
  programA: string;
  programB: string;
  /** PROFESSIONAL_CORE course of school A in programA, target of ruleA. */
  courseA: string;
  courseB: string;
  bodyX: string;
  bodyY: string;
  schemeX: string;
  schemeY: string;
  /** The learner whose account the scoped callers own or target. */
  learner: LearnerFixture;
  /** Another learner: what nobody but staff may see of them. */
  victim: LearnerFixture;
  /**
   * The self-service callers sign out or change their password, which ends their own tokens:
   * no other request uses them.
   */
  tokens: Record<WorldRole | SelfServiceCaller, string>;
  /** A REGISTRAR of school A for the admin's user operations to change, disable and reset. */
  managedUserId: string;
  /** CERT_TO_COURSE rule of school A: an INTERMEDIATE certificate of schemeX exempts courseA. */
  ruleA: string;
  /**
   * COURSE_TO_EXAM rule of body X: a passed credit of courseB exempts THEORY of schemeX at
   * INTERMEDIATE or SENIOR.
   */
  ruleX: string;
}

export interface LearnerFixture {
  id: string;
  name: string;
  idType: 'PASSPORT';
  idNumber: string;
  creditEntry: string;
  certificateEntry: string;
  certificateNo: string;
  diplomaEntry: string;
  diplomaNo: string;
  applicationId: string;
}

export type WorldRole =
  'admin' | 'registrarA' | 'registrarB' | 'examinerX' | 'examinerY' | 'learner' | 'victim';

export type SelfServiceCaller = 'signingOut' | 'changingPassword';

export function marker(prefix: string): string {
  return `${prefix}-${randomBytes(4).toString('hex').toUpperCase()}`;
}

async function aSchool(
  t: TestApp,
  name: string,
): Promise<{ school: string; program: string; course: string }> {
  const school = await anInstitution(t, { name });
  const program = await aProgram(t, { institutionId: school, name: '软件技术' });
  const course = await aCourse(t, {
    institutionId: school,
    programId: program,
    name: 'Vue.js 应用开发',
  });
  return { school, program, course };
}

async function aBodyWithScheme(t: TestApp): Promise<{ body: string; scheme: string }> {
  const body = await aCertificationBody(t);
  return { body, scheme: await aScheme(t, { certificationBodyId: body }) };
}

export async function aSecurityWorld(t: TestApp): Promise<SecurityWorld> {
  const a = await aSchool(t, '湖南示范信息职业技术学院');
  const b = await aSchool(t, '长沙中等职业学校');
  const x = await aBodyWithScheme(t);
  const y = await aBodyWithScheme(t);
  const learnerRow = { name: '李明', idNumber: aPassportNumber() };
  const victimRow = { name: marker('VICTIM'), idNumber: aPassportNumber() };
  const learnerId = await aLearner(t, learnerRow);
  const victimId = await aLearner(t, victimRow);
  const tokens: Record<WorldRole | SelfServiceCaller, string> = {
    admin: await t.tokenFor(Role.ADMIN),
    registrarA: await t.tokenFor(Role.REGISTRAR, { institutionId: a.school }),
    registrarB: await t.tokenFor(Role.REGISTRAR, { institutionId: b.school }),
    examinerX: await t.tokenFor(Role.EXAMINER, { certificationBodyId: x.body }),
    examinerY: await t.tokenFor(Role.EXAMINER, { certificationBodyId: y.body }),
    learner: await t.tokenFor(Role.LEARNER, { learnerId }),
    victim: await t.tokenFor(Role.LEARNER, { learnerId: victimId }),
    signingOut: await t.tokenFor(Role.REGISTRAR, { institutionId: b.school }),
    changingPassword: await t.tokenFor(Role.EXAMINER, { certificationBodyId: y.body }),
  };
  const managed = await t
    .http()
    .get('/v1/auth/me')
    .set('authorization', `Bearer ${await t.tokenFor(Role.REGISTRAR, { institutionId: a.school })}`)
    .expect(200);
  const rule = await anActiveRule(t, {
    token: tokens.registrarA,
    rule: {
      kind: 'CERT_TO_COURSE',
      name: '中级证书免修专业核心课',
      condition: { certificate: { schemeId: x.scheme, minLevel: 'INTERMEDIATE' } },
      targets: [{ courseId: a.course }],
      maxCreditsPerEvidence: '8',
    },
  });
  const ruleX = await anActiveRule(t, {
    token: tokens.examinerX,
    rule: {
      kind: 'COURSE_TO_EXAM',
      name: '软件技术课程免试理论',
      condition: { courseCredit: { courseId: b.course, minScore: 60 } },
      targets: ['INTERMEDIATE', 'SENIOR'].map((level) => ({
        schemeId: x.scheme,
        level,
        component: 'THEORY',
      })),
    },
  });

  const outcomes = async (
    id: string,
    row: { name: string; idNumber: string },
    token: string,
  ): Promise<LearnerFixture> => {
    const certificateNo = marker('CERTNO');
    const diplomaNo = marker('DIPNO');
    const certificateEntry = await recordCertificate(t, {
      token: tokens.examinerX,
      learnerId: id,
      schemeId: x.scheme,
      certificateNo,
    });
    const application = await postExpecting(t, {
      token,
      path: `/v1/learners/${id}/exemption-applications`,
      body: { ruleId: rule.id, target: { courseId: a.course } },
    });
    return {
      id,
      name: row.name,
      idType: 'PASSPORT',
      idNumber: row.idNumber,
      creditEntry: await recordCredit(t, {
        token: tokens.registrarA,
        learnerId: id,
        courseId: a.course,
        score: 88,
      }),
      certificateEntry,
      certificateNo,
      diplomaEntry: await recordDiploma(t, {
        token: tokens.registrarA,
        learnerId: id,
        programId: a.program,
        diplomaNo,
      }),
      diplomaNo,
      applicationId: application.id as string,
    };
  };
  return {
    schoolA: a.school,
    schoolB: b.school,
    programA: a.program,
    programB: b.program,
    courseA: a.course,
    courseB: b.course,
    bodyX: x.body,
    bodyY: y.body,
    schemeX: x.scheme,
    schemeY: y.scheme,
    learner: await outcomes(learnerId, learnerRow, tokens.learner),
    victim: await outcomes(victimId, victimRow, tokens.victim),
    tokens,
    managedUserId: (managed.body as { userId: string }).userId,
    ruleA: rule.id,
    ruleX: ruleX.id,
  };
}

/**
 * What a learner may have to do with school A (the first ten) or body X (the last four): one
 * relationship each, so that a suite can tell which of them gives a registrar of A or an
 * examiner of X access (DESIGN §9).
 */
export const RELATIONS = [
  'none',
  'enrolment',
  'endedEnrolment',
  'shareToSchool',
  'expiredShare',
  'withdrawnShare',
  'applicationToSchool',
  'decidedApplication',
  'openedBySchool',
  'outcomeOfSchool',
  'examRegistration',
  'certificateOfBody',
  'shareToBody',
  'applicationToBody',
] as const;
export type Relation = (typeof RELATIONS)[number];

export interface RelatedLearner {
  id: string;
  idNumber: string;
  /** A LEARNER token of their own. */
  token: string;
}

/** The day before today in China, the calendar shares' `until` is compared in. */
function yesterdayInChina(): string {
  const today = new Date(`${todayInChina()}T00:00:00Z`);
  today.setUTCDate(today.getUTCDate() - 1);
  return today.toISOString().slice(0, 10);
}

/**
 * A new learner with exactly one relationship to school A or body X (and, where the relationship
 * needs evidence, evidence from school B or body Y, which gives A and X nothing). Made through
 * HTTP as the parties would, except: an expired share is a share whose last day is moved to
 * yesterday, and an outcome (or certificate) standing alone is one whose enrolment (or exam
 * registration) is removed after recording, since recording needs it.
 */
export async function aRelatedLearner(
  t: TestApp,
  w: SecurityWorld,
  relation: Relation,
): Promise<RelatedLearner> {
  const idNumber = aPassportNumber();
  let id: string;
  if (relation === 'openedBySchool') {
    const opened = await postExpecting(t, {
      token: w.tokens.registrarA,
      path: '/v1/learners',
      body: { name: '赵磊', idType: 'PASSPORT', idNumber },
    });
    id = opened.id as string;
  } else {
    id = await aLearner(t, { name: '赵磊', idNumber });
  }
  const token = await t.tokenFor(Role.LEARNER, { learnerId: id });
  const share = async (grantee: object, until = todayInChina()): Promise<string> =>
    (await postExpecting(t, { token, path: '/v1/me/shares', body: { ...grantee, until } }))
      .id as string;
  const applyForRuleA = async (): Promise<string> => {
    await recordCertificate(t, { token: w.tokens.examinerX, learnerId: id, schemeId: w.schemeX });
    const application = await postExpecting(t, {
      token,
      path: `/v1/learners/${id}/exemption-applications`,
      body: { ruleId: w.ruleA, target: { courseId: w.courseA } },
    });
    return application.id as string;
  };
  switch (relation) {
    case 'none':
    case 'openedBySchool':
      break;
    case 'enrolment':
      await anEnrolment(t, { learnerId: id, institutionId: w.schoolA, programId: w.programA });
      break;
    case 'endedEnrolment': {
      const enrolment = await anEnrolment(t, {
        learnerId: id,
        institutionId: w.schoolA,
        programId: w.programA,
        startedAt: '2015-09-01',
      });
      await postExpecting(t, {
        token: w.tokens.registrarA,
        path: `/v1/enrolments/${enrolment}/end`,
        body: { status: 'WITHDRAWN', endedAt: '2018-07-01' },
        status: 200,
      });
      break;
    }
    case 'shareToSchool':
      await share({ institutionId: w.schoolA });
      break;
    case 'expiredShare': {
      const shareId = await share({ institutionId: w.schoolA });
      await t.superuser.query('UPDATE learner_shares SET until = $2 WHERE id = $1', [
        shareId,
        yesterdayInChina(),
      ]);
      break;
    }
    case 'withdrawnShare': {
      const shareId = await share({ institutionId: w.schoolA });
      await t.http().delete(`/v1/me/shares/${shareId}`).set(bearer(token)).expect(200);
      break;
    }
    case 'applicationToSchool':
      await applyForRuleA();
      break;
    case 'decidedApplication':
      await postExpecting(t, {
        token: w.tokens.registrarA,
        path: `/v1/exemption-applications/${await applyForRuleA()}/decision`,
        body: { decision: 'REJECT', reason: '证书与课程内容不符' },
        status: 200,
      });
      break;
    case 'outcomeOfSchool':
      await recordCredit(t, { token: w.tokens.registrarA, learnerId: id, courseId: w.courseA });
      await t.superuser.query('DELETE FROM enrolments WHERE learner_id = $1', [id]);
      break;
    case 'examRegistration':
      await anExamRegistration(t, { learnerId: id, schemeId: w.schemeX });
      break;
    case 'certificateOfBody':
      await recordCertificate(t, { token: w.tokens.examinerX, learnerId: id, schemeId: w.schemeX });
      await t.superuser.query('DELETE FROM exam_registrations WHERE learner_id = $1', [id]);
      break;
    case 'shareToBody':
      await share({ certificationBodyId: w.bodyX });
      break;
    case 'applicationToBody':
      await recordCredit(t, { token: w.tokens.registrarB, learnerId: id, courseId: w.courseB });
      await postExpecting(t, {
        token,
        path: `/v1/learners/${id}/exemption-applications`,
        body: {
          ruleId: w.ruleX,
          target: { schemeId: w.schemeX, level: 'INTERMEDIATE', component: 'THEORY' },
        },
      });
      break;
  }
  return { id, idNumber, token };
}
