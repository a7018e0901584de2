import { Role } from '@app/core';
import {
  anInstitution,
  aPassportNumber,
  aProgram,
  aScheme,
  aStudentNo,
  bearer,
  recordCertificate,
  recordCredit,
  uniqueCode,
} from '../support/factories';
import {
  aRelatedLearner,
  aSecurityWorld,
  marker,
  Relation,
  RelatedLearner,
  RELATIONS,
  SecurityWorld,
  WorldRole,
} from '../support/fuzz-world';
import { changedTables, tableCounts } from '../support/table-counts';
import { createTestApp, TestApp } from '../support/test-app';

/**
 * Authorization is default-deny and scoped: every route of the catalog, learners, accounts,
 * recording and users, called by every kind of caller, inside and outside its scope.
 *
 *   401  no token;  403  a role the route does not admit;  404  a resource of another scope
 *   (learner, course, program, scheme, entry), answered exactly like one that does not exist;
 *   422  a malformed id or body from a caller the route admits;  2xx  the owner.
 *
 * Catalog reads (institutions, programs, courses, bodies, schemes) are reference data that every
 * signed-in caller may read. Catalog writes stay scoped to ADMIN and the owning school or body.
 *
 * A learner is reached through a relationship (DESIGN §9), never through holding their id. The
 * learner-scoped routes are called for a learner with exactly one relationship (or none) to
 * school A or body X, by each kind of caller (R = the learner's account, entries, exemption
 * applications, eligibility, enrolments and exam registrations; A = an application on their
 * behalf; C / D = recording a course credit / diploma of school A; T = recording a certificate
 * of body X; E = enrolling at school A; G = registering for an exam of body X):
 *
 *   caller × relationship                       R    A    C    D    T    E    G
 *   no token                                   401  401  401  401  401  401  401
 *   ADMIN, no relationship                     200  201  403  403  403  201  201
 *   the learner themself                       200  201  403  403  403  403  403
 *   another LEARNER                            404  404  403  403  403  403  403
 *   REGISTRAR of A × none                      404  404  404  404  403  404  403
 *     × none, giving the right idNumber         ·    ·    ·    ·    ·   201   ·
 *     × none, giving a wrong idNumber           ·    ·    ·    ·    ·   404   ·
 *     × enrolment (学籍) at A                  200  201  201  201  403  201  403
 *     × enrolment at A, ended (2018)           200  201  422  422  403  201  403
 *     × share to A                             200  201  422  422  403  201  403
 *     × share to A, expired                    404  404  404  404  403  404  403
 *     × share to A, withdrawn                  404  404  404  404  403  404  403
 *     × application open with A                200  201  422  422  403  201  403
 *     × application A decided                  404  404  404  404  403  404  403
 *     × account opened by A                    200  201  422  422  403  201  403
 *     × outcome A recorded (no enrolment)      200  201  422  422  403  201  403
 *   REGISTRAR of another school × enrolment at A  404  404  404  404  403  404  403
 *   EXAMINER of X × none                       404  404  403  403  404  403  404
 *     × none, giving the right idNumber         ·    ·    ·    ·    ·    ·   201
 *     × none, giving a wrong idNumber           ·    ·    ·    ·    ·    ·   404
 *     × exam registration (考核报名) with X     200  201  403  403  201  403  201
 *     × certificate X issued (no registration) 200  201  403  403  422  403  201
 *     × share to X                             200  201  403  403  422  403  201
 *     × application open with X                200  201  403  403  422  403  201
 *   EXAMINER of another body × registration with X  404  404  403  403  404  403  404
 *
 * 422 is RELATIONSHIPS.NOT_ENROLLED (C, D: no enrolment at A in force on the completion or
 * graduation date) or RELATIONSHIPS.NOT_REGISTERED (T: no registration for that scheme and level).
 * A refused call writes nothing; a staff member's successful read writes its access-log event
 * (an outbox row); a learner's own read writes nothing. That a disabled user's token is refused
 * on its next request is shown in users-admin.e2e-spec.ts ("refuses a disabled login's token on
 * its next request and its sign-in, until enabled").
 *
 * Every refused call is checked to have written nothing (row counts of every table), every
 * accepted write to have written something. Each route's whole row (or column, above) of expected
 * statuses is compared at once, so a change in any one cell fails its route.
 */

type Caller = 'anonymous' | WorldRole;
const CALLERS: Caller[] = [
  'anonymous',
  'admin',
  'registrarA',
  'registrarB',
  'examinerX',
  'examinerY',
  'learner',
  'victim',
];

/** Who each caller is, relative to the resources the routes name (school A, body X, learner). */
const WHO: Record<Caller, string> = {
  anonymous: 'no token',
  admin: 'ADMIN',
  registrarA: 'REGISTRAR of the owning school',
  registrarB: 'REGISTRAR of another school',
  examinerX: 'EXAMINER of the owning body',
  examinerY: 'EXAMINER of another body',
  learner: 'LEARNER owning the account',
  victim: 'another LEARNER',
};

type Expectation = Record<Caller, number>;
type Ids = Record<string, string>;

interface Route {
  name: string;
  method: 'get' | 'post';
  /** Fresh resources for one call (an entry to reverse, say), so each cell stands alone. */
  prepare?: (w: SecurityWorld) => Promise<Ids>;
  path: (w: SecurityWorld, ids: Ids) => string;
  body?: (w: SecurityWorld, ids: Ids) => object;
  expect: Expectation;
  /** Set when the route takes an id in its path: used by the malformed-id table. */
  malformedPath?: (w: SecurityWorld) => string;
}

/** Shorthands for rows: everyone signed in gets `status`, or only the named callers do. */
const all = (status: number): Expectation => ({
  anonymous: 401,
  admin: status,
  registrarA: status,
  registrarB: status,
  examinerX: status,
  examinerY: status,
  learner: status,
  victim: status,
});
const only = (cells: Partial<Expectation>): Expectation => ({ ...all(403), ...cells });

let tokens: Record<WorldRole, string>;
let t: TestApp;
let world: SecurityWorld;

async function freshCredit(w: SecurityWorld): Promise<Ids> {
  // A failed attempt: recorded like any credit, and never in the way of another.
  const response = await t
    .http()
    .post(`/v1/learners/${w.learner.id}/course-credits`)
    .set(bearer(tokens.registrarA))
    .send({ courseId: w.courseA, term: '2023-2024-1', score: 41, completedAt: '2024-01-10' })
    .expect(201);
  return { entry: response.body.id as string };
}

// Of a scheme of its own: a learner holds one standing certificate per scheme and level.
async function freshCertificate(w: SecurityWorld): Promise<Ids> {
  return {
    entry: await recordCertificate(t, {
      token: tokens.examinerX,
      learnerId: w.learner.id,
      schemeId: await aScheme(t, { certificationBodyId: w.bodyX }),
    }),
  };
}

/** A new DRAFT version of rule A (its school's CERT_TO_COURSE rule), for the overlap preview. */
async function freshDraft(w: SecurityWorld): Promise<Ids> {
  const response = await t
    .http()
    .post(`/v1/conversion-rules/${w.ruleA}/versions`)
    .set(bearer(tokens.registrarA))
    .send({
      name: '中级证书免修专业核心课（修订）',
      condition: { certificate: { schemeId: w.schemeX, minLevel: 'INTERMEDIATE' } },
      targets: [{ courseId: w.courseA }],
      effectiveFrom: '2024-09-01',
    })
    .expect(201);
  return { version: String(response.body.version as number) };
}

const ROUTES: Route[] = [
  {
    name: 'POST /v1/institutions',
    method: 'post',
    path: () => '/v1/institutions',
    body: () => ({ code: uniqueCode('INST'), name: '株洲职业技术学院', kind: 'HIGHER_VOCATIONAL' }),
    expect: only({ admin: 201 }),
  },
  { name: 'GET /v1/institutions', method: 'get', path: () => '/v1/institutions', expect: all(200) },
  {
    name: 'GET /v1/institutions/{id}',
    method: 'get',
    path: (w) => `/v1/institutions/${w.schoolA}`,
    malformedPath: () => '/v1/institutions/not-a-uuid',
    expect: all(200),
  },
  {
    name: 'POST /v1/institutions/{id}/programs',
    method: 'post',
    path: (w) => `/v1/institutions/${w.schoolA}/programs`,
    malformedPath: () => '/v1/institutions/1%27%20OR%201=1/programs',
    body: () => ({
      code: uniqueCode('P'),
      name: '计算机网络技术',
      totalCredits: '140',
      maxExemptCredits: '20',
    }),
    expect: only({ admin: 201, registrarA: 201, registrarB: 404 }),
  },
  {
    name: 'GET /v1/institutions/{id}/programs',
    method: 'get',
    path: (w) => `/v1/institutions/${w.schoolA}/programs`,
    malformedPath: () => '/v1/institutions/123/programs',
    expect: all(200),
  },
  {
    name: 'POST /v1/institutions/{id}/courses',
    method: 'post',
    path: (w) => `/v1/institutions/${w.schoolA}/courses`,
    malformedPath: () => '/v1/institutions/00000000-0000-0000-0000-00000000000g/courses',
    body: () => ({
      code: uniqueCode('C'),
      name: 'Web前端框架开发',
      credits: '3.5',
      hours: 56,
      category: 'PROFESSIONAL_CORE',
    }),
    expect: only({ admin: 201, registrarA: 201, registrarB: 404 }),
  },
  {
    name: 'GET /v1/institutions/{id}/courses',
    method: 'get',
    path: (w) => `/v1/institutions/${w.schoolA}/courses`,
    malformedPath: () => '/v1/institutions/%20/courses',
    expect: all(200),
  },
  {
    name: 'POST /v1/certification-bodies',
    method: 'post',
    path: () => '/v1/certification-bodies',
    body: () => ({ code: uniqueCode('BODY'), name: '中国软件行业协会' }),
    expect: only({ admin: 201 }),
  },
  {
    name: 'GET /v1/certification-bodies',
    method: 'get',
    path: () => '/v1/certification-bodies',
    expect: all(200),
  },
  {
    name: 'POST /v1/certificate-schemes',
    method: 'post',
    path: () => '/v1/certificate-schemes',
    body: (w) => ({
      code: uniqueCode('X'),
      name: '云计算平台运维与开发',
      certificationBodyId: w.bodyX,
      levels: ['JUNIOR', 'INTERMEDIATE', 'SENIOR'].map((level, index) => ({
        level,
        recognisedCredits: String(4 + 2 * index),
        components: [{ code: 'THEORY', name: '理论知识考试' }],
      })),
    }),
    expect: only({ admin: 201, examinerX: 201, examinerY: 404 }),
  },
  {
    name: 'GET /v1/certificate-schemes',
    method: 'get',
    path: () => '/v1/certificate-schemes',
    expect: all(200),
  },
  {
    name: 'GET /v1/certificate-schemes/{id}',
    method: 'get',
    path: (w) => `/v1/certificate-schemes/${w.schemeX}`,
    malformedPath: () => '/v1/certificate-schemes/%3Cscript%3E',
    expect: all(200),
  },
  {
    name: 'POST /v1/learners',
    method: 'post',
    path: () => '/v1/learners',
    body: () => ({
      name: '王芳',
      idType: 'PASSPORT',
      idNumber: aPassportNumber(),
    }),
    expect: only({ admin: 201, registrarA: 201, registrarB: 201 }),
  },
  {
    name: 'GET /v1/learners?idType=&idNumber=',
    method: 'get',
    path: (w) => `/v1/learners?idType=PASSPORT&idNumber=${w.learner.idNumber}`,
    expect: only({ admin: 200, registrarA: 200, registrarB: 200 }),
  },
  {
    name: 'GET /v1/me/account',
    method: 'get',
    path: () => '/v1/me/account',
    expect: only({ learner: 200, victim: 200 }),
  },
  {
    name: 'POST /v1/entries/{id}/reversal (a course credit of school A)',
    method: 'post',
    prepare: freshCredit,
    path: (_, ids) => `/v1/entries/${ids.entry}/reversal`,
    malformedPath: () => '/v1/entries/1;DROP%20TABLE%20ledger_entries/reversal',
    body: () => ({ reason: '成绩录入错误' }),
    expect: only({ admin: 201, registrarA: 201, registrarB: 404, examinerX: 404, examinerY: 404 }),
  },
  {
    name: 'POST /v1/entries/{id}/reversal (a certificate of body X)',
    method: 'post',
    prepare: freshCertificate,
    path: (_, ids) => `/v1/entries/${ids.entry}/reversal`,
    body: () => ({ reason: '证书信息录入错误' }),
    expect: only({ admin: 201, registrarA: 404, registrarB: 404, examinerX: 201, examinerY: 404 }),
  },
  {
    name: 'POST /v1/certificates/{id}/revocation',
    method: 'post',
    prepare: freshCertificate,
    path: (_, ids) => `/v1/certificates/${ids.entry}/revocation`,
    malformedPath: () => '/v1/certificates/%00/revocation',
    body: () => ({ reason: '考试作弊，证书撤销' }),
    expect: only({ admin: 201, examinerX: 201, examinerY: 404 }),
  },
  {
    name: 'POST /v1/certificates/{id}/revocation (an entry that is not a certificate)',
    method: 'post',
    prepare: freshCredit,
    path: (_, ids) => `/v1/certificates/${ids.entry}/revocation`,
    body: () => ({ reason: '不是证书' }),
    expect: only({ admin: 404, examinerX: 404, examinerY: 404 }),
  },
  {
    name: 'GET /v1/entries/{id}/reversal-preview',
    method: 'get',
    prepare: freshCredit,
    path: (_, ids) => `/v1/entries/${ids.entry}/reversal-preview`,
    malformedPath: () => '/v1/entries/1%27%20OR%201=1/reversal-preview',
    expect: only({ admin: 200, registrarA: 200, registrarB: 404, examinerX: 404, examinerY: 404 }),
  },
  {
    name: 'GET /v1/certificates/{id}/revocation-preview',
    method: 'get',
    prepare: freshCertificate,
    path: (_, ids) => `/v1/certificates/${ids.entry}/revocation-preview`,
    malformedPath: () => '/v1/certificates/%00/revocation-preview',
    expect: only({ admin: 200, examinerX: 200, examinerY: 404 }),
  },
  {
    name: 'GET /v1/certification-bodies/{id}/learners',
    method: 'get',
    path: (w) => `/v1/certification-bodies/${w.bodyX}/learners`,
    malformedPath: () => '/v1/certification-bodies/123/learners',
    expect: only({ admin: 200, examinerX: 200, examinerY: 404 }),
  },
  {
    name: 'POST /v1/users',
    method: 'post',
    path: () => '/v1/users',
    body: () => ({
      username: uniqueCode('ops').toLowerCase(),
      password: 'correct-horse-battery-staple',
      role: 'ADMIN',
    }),
    expect: only({ admin: 201 }),
  },
  { name: 'GET /v1/auth/me', method: 'get', path: () => '/v1/auth/me', expect: all(200) },
  {
    name: 'GET /v1/conversion-rules/{id}/overlaps',
    method: 'get',
    prepare: freshDraft,
    path: (w, ids) => `/v1/conversion-rules/${w.ruleA}/overlaps?version=${ids.version}`,
    malformedPath: () => '/v1/conversion-rules/%27--/overlaps',
    // As for activating: the owning school's registrar and ADMIN; staff of other scopes are told
    // the rule does not exist.
    expect: only({
      admin: 200,
      registrarA: 200,
      registrarB: 404,
      examinerX: 404,
      examinerY: 404,
    }),
  },
];

/** Who calls a learner-scoped route, about a learner with one relationship (or none). */
type LearnerCaller =
  | 'anonymous'
  | 'admin'
  | 'self'
  | 'otherLearner'
  | 'registrarA'
  | 'registrarC'
  | 'examinerX'
  | 'examinerY';

interface Cell {
  caller: LearnerCaller;
  relation: Relation;
  /** The learner's identity number in the body (enrolling, registering): right, or someone else's. */
  idNumber?: 'right' | 'wrong';
}

const CALLER_NAMES: Record<LearnerCaller, string> = {
  anonymous: 'no token',
  admin: 'ADMIN',
  self: 'the learner themself',
  otherLearner: 'another LEARNER',
  registrarA: 'REGISTRAR of A',
  registrarC: 'REGISTRAR of another school',
  examinerX: 'EXAMINER of X',
  examinerY: 'EXAMINER of another body',
};

const RELATION_NAMES: Record<Relation, string> = {
  none: 'none',
  enrolment: 'enrolment at A',
  endedEnrolment: 'enrolment at A, ended',
  shareToSchool: 'share to A',
  expiredShare: 'share to A, expired',
  withdrawnShare: 'share to A, withdrawn',
  applicationToSchool: 'application open with A',
  decidedApplication: 'application to A, decided',
  openedBySchool: 'account opened by A',
  outcomeOfSchool: 'outcome A recorded, no enrolment',
  examRegistration: 'exam registration with X',
  certificateOfBody: 'certificate X issued, no registration',
  shareToBody: 'share to X',
  applicationToBody: 'application open with X',
};

function labelOf(cell: Cell): string {
  const idNumber = cell.idNumber
    ? `, giving ${cell.idNumber === 'right' ? 'the right' : 'a wrong'} idNumber`
    : '';
  return `${CALLER_NAMES[cell.caller]} × ${RELATION_NAMES[cell.relation]}${idNumber}`;
}

/** The relationships to school A that give its registrar access, and to body X its examiner. */
const SCHOOL_REACH: Relation[] = [
  'enrolment',
  'endedEnrolment',
  'shareToSchool',
  'applicationToSchool',
  'openedBySchool',
  'outcomeOfSchool',
];
const BODY_REACH: Relation[] = [
  'examRegistration',
  'certificateOfBody',
  'shareToBody',
  'applicationToBody',
];

const CELLS: Cell[] = [
  { caller: 'anonymous', relation: 'enrolment' },
  { caller: 'admin', relation: 'none' },
  { caller: 'self', relation: 'none' },
  { caller: 'otherLearner', relation: 'enrolment' },
  ...RELATIONS.filter((relation) => !BODY_REACH.includes(relation)).map((relation): Cell => ({
    caller: 'registrarA',
    relation,
  })),
  { caller: 'registrarC', relation: 'enrolment' },
  { caller: 'examinerX', relation: 'none' },
  ...BODY_REACH.map((relation): Cell => ({ caller: 'examinerX', relation })),
  { caller: 'examinerY', relation: 'examRegistration' },
];

/** One caller of each kind, for the bad-input tables (the reach does not matter there). */
const MALFORMED_CELLS: Cell[] = [
  { caller: 'anonymous', relation: 'enrolment' },
  { caller: 'admin', relation: 'none' },
  { caller: 'self', relation: 'none' },
  { caller: 'registrarA', relation: 'enrolment' },
  { caller: 'examinerX', relation: 'examRegistration' },
];

/** Whether the caller reaches the learner (DESIGN §9). */
function reaches(cell: Cell): boolean {
  switch (cell.caller) {
    case 'admin':
    case 'self':
      return true;
    case 'registrarA':
      return SCHOOL_REACH.includes(cell.relation) || cell.idNumber === 'right';
    case 'examinerX':
      return BODY_REACH.includes(cell.relation) || cell.idNumber === 'right';
    default:
      return false;
  }
}

/** A 404 that must be the learner's (not a course's or scheme's of another scope). */
function isReachRefusal(cell: Cell): boolean {
  return cell.caller !== 'registrarC' && cell.caller !== 'examinerY';
}

/** 401 without a token, 403 for a role the route does not admit, else as `admitted` says. */
function byRole(roles: LearnerCaller[], admitted: (cell: Cell) => number) {
  return (cell: Cell): number => {
    if (cell.caller === 'anonymous') return 401;
    const role =
      cell.caller === 'registrarC'
        ? 'registrarA'
        : cell.caller === 'examinerY'
          ? 'examinerX'
          : cell.caller;
    const asRole = cell.caller === 'otherLearner' ? 'self' : role;
    if (!roles.includes(asRole)) return 403;
    return admitted(cell);
  };
}

const EVERYONE: LearnerCaller[] = ['admin', 'self', 'registrarA', 'examinerX'];

interface LearnerRoute {
  name: string;
  method: 'get' | 'post';
  path: (learnerId: string) => string;
  /** A learner id that is not a UUID. */
  malformed: string;
  /** Writes change relationships (an application opens one): a fresh learner for each call. */
  fresh: boolean;
  prepare?: (subject: RelatedLearner, cell: Cell) => Promise<Ids>;
  body?: (ids: Ids) => object;
  idNumberCells?: Cell[];
  /** The code of the route's 422 for a learner reached but not enrolled or registered. */
  relationshipCode?: string;
  expect: (cell: Cell) => number;
}

const read = (name: string, path: (id: string) => string, malformed: string): LearnerRoute => ({
  name,
  method: 'get',
  path,
  malformed,
  fresh: false,
  expect: byRole(EVERYONE, (cell) => (reaches(cell) ? 200 : 404)),
});

/** Recording for school A: 201 with an enrolment in force, 422 when reached without one. */
const enrolledAtA = (cell: Cell): number => {
  if (!reaches(cell)) return 404;
  return cell.relation === 'enrolment' ? 201 : 422;
};

const LEARNER_ROUTES: LearnerRoute[] = [
  read('GET /v1/learners/{id}/account', (id) => `/v1/learners/${id}/account`, '..%2F..%2Fetc'),
  read('GET /v1/learners/{id}/entries', (id) => `/v1/learners/${id}/entries`, '-1'),
  read(
    'GET /v1/learners/{id}/exemption-applications',
    (id) => `/v1/learners/${id}/exemption-applications`,
    'undefined',
  ),
  read('GET /v1/learners/{id}/eligibility', (id) => `/v1/learners/${id}/eligibility`, '%20'),
  read(
    'GET /v1/learners/{id}/enrolments',
    (id) => `/v1/learners/${id}/enrolments`,
    '1%27%20OR%201=1',
  ),
  read(
    'GET /v1/learners/{id}/exam-registrations',
    (id) => `/v1/learners/${id}/exam-registrations`,
    '00000000-0000-0000-0000-00000000000g',
  ),
  {
    name: 'POST /v1/learners/{id}/exemption-applications (on the learner’s behalf)',
    method: 'post',
    path: (id) => `/v1/learners/${id}/exemption-applications`,
    malformed: 'NaN',
    fresh: true,
    // The evidence, a credit of school B, relates the learner to B only (the learner applying
    // to X already holds it).
    prepare: async (subject, cell) => {
      if (cell.relation !== 'applicationToBody')
        await recordCredit(t, {
          token: tokens.registrarB,
          learnerId: subject.id,
          courseId: world.courseB,
          score: 81,
        });
      return {};
    },
    body: () => ({
      ruleId: world.ruleX,
      target: { schemeId: world.schemeX, level: 'SENIOR', component: 'THEORY' },
    }),
    expect: byRole(EVERYONE, (cell) => (reaches(cell) ? 201 : 404)),
  },
  {
    name: 'POST /v1/learners/{id}/course-credits',
    method: 'post',
    path: (id) => `/v1/learners/${id}/course-credits`,
    malformed: 'null',
    fresh: true,
    body: () => ({
      courseId: world.courseA,
      term: '2024-2025-1',
      score: 76,
      completedAt: '2025-01-15',
    }),
    relationshipCode: 'RELATIONSHIPS.NOT_ENROLLED',
    expect: byRole(['registrarA'], enrolledAtA),
  },
  {
    name: 'POST /v1/learners/{id}/diplomas',
    method: 'post',
    path: (id) => `/v1/learners/${id}/diplomas`,
    malformed: '%E5%AD%A6%E7%94%9F',
    fresh: true,
    body: () => ({
      programId: world.programA,
      diplomaNo: marker('DIP'),
      graduatedAt: '2025-06-30',
    }),
    relationshipCode: 'RELATIONSHIPS.NOT_ENROLLED',
    expect: byRole(['registrarA'], enrolledAtA),
  },
  {
    name: 'POST /v1/learners/{id}/certificates',
    method: 'post',
    path: (id) => `/v1/learners/${id}/certificates`,
    malformed: '%00',
    fresh: true,
    body: () => ({
      schemeId: world.schemeX,
      level: 'INTERMEDIATE',
      certificateNo: marker('CERT'),
      issuedAt: '2025-03-01',
    }),
    relationshipCode: 'RELATIONSHIPS.NOT_REGISTERED',
    expect: byRole(['examinerX'], (cell) => {
      if (!reaches(cell)) return 404;
      return cell.relation === 'examRegistration' ? 201 : 422;
    }),
  },
  {
    name: 'POST /v1/learners/{id}/enrolments',
    method: 'post',
    path: (id) => `/v1/learners/${id}/enrolments`,
    malformed: '1;DROP%20TABLE%20enrolments',
    fresh: true,
    // A program of its own: a learner holds one active enrolment per program.
    prepare: async () => ({ program: await aProgram(t, { institutionId: world.schoolA }) }),
    body: (ids) => ({
      programId: ids.program,
      studentNo: aStudentNo(),
      category: 'SOCIAL_LEARNER',
      startedAt: '2024-09-01',
    }),
    idNumberCells: [
      { caller: 'registrarA', relation: 'none', idNumber: 'right' },
      { caller: 'registrarA', relation: 'none', idNumber: 'wrong' },
    ],
    expect: byRole(['admin', 'registrarA'], (cell) => (reaches(cell) ? 201 : 404)),
  },
  {
    name: 'POST /v1/learners/{id}/exam-registrations',
    method: 'post',
    path: (id) => `/v1/learners/${id}/exam-registrations`,
    malformed: '%3Cscript%3E',
    fresh: true,
    body: () => ({ schemeId: world.schemeX, level: 'SENIOR', session: marker('2025') }),
    idNumberCells: [
      { caller: 'examinerX', relation: 'none', idNumber: 'right' },
      { caller: 'examinerX', relation: 'none', idNumber: 'wrong' },
    ],
    expect: byRole(['admin', 'examinerX'], (cell) => (reaches(cell) ? 201 : 404)),
  },
];

interface Outcome {
  status: number;
  body: unknown;
  contentType: string;
  written: string[];
}

async function call(
  route: Route,
  w: SecurityWorld,
  caller: Caller,
  path?: string,
  body?: object,
): Promise<Outcome> {
  const ids = route.prepare ? await route.prepare(w) : {};
  const target = path ?? route.path(w, ids);
  const before = await tableCounts(t.superuser);
  let request = route.method === 'get' ? t.http().get(target) : t.http().post(target);
  if (caller !== 'anonymous') request = request.set(bearer(tokens[caller]));
  const response = await (route.method === 'post'
    ? request.send(body ?? route.body?.(w, ids) ?? {})
    : request);
  return {
    status: response.status,
    body: response.body as unknown,
    contentType: String(response.headers['content-type'] ?? ''),
    written: changedTables(before, await tableCounts(t.superuser)),
  };
}

describe('authorization matrix', () => {
  let w: SecurityWorld;

  beforeAll(async () => {
    t = await createTestApp('authorization matrix');
    w = await aSecurityWorld(t);
    world = w;
    tokens = w.tokens;
  }, 180_000);

  afterAll(async () => {
    await t?.close();
  }, 60_000);

  describe.each(ROUTES.map((route) => [route.name, route] as const))('%s', (_, route) => {
    it('answers each caller as designed, and a refused call writes nothing', async () => {
      const actual: Partial<Record<Caller, number>> = {};
      const problems: string[] = [];
      for (const caller of CALLERS) {
        const outcome = await call(route, w, caller);
        actual[caller] = outcome.status;
        if (outcome.status >= 400) {
          if (!outcome.contentType.includes('application/problem+json'))
            problems.push(`${caller}: ${outcome.status} is not problem+json`);
          if (outcome.written.length)
            problems.push(
              `${caller}: refused with ${outcome.status} but wrote ${outcome.written.join(', ')}`,
            );
        } else if (route.method === 'post' && outcome.written.length === 0) {
          problems.push(`${caller}: ${outcome.status} but nothing was written`);
        }
      }
      const table = (cells: Partial<Record<Caller, number>>) =>
        Object.fromEntries(CALLERS.map((caller) => [`${caller} (${WHO[caller]})`, cells[caller]]));
      expect(table(actual)).toEqual(table(route.expect));
      expect(problems).toEqual([]);
    });

    if (route.malformedPath) {
      const malformed = route.malformedPath;
      it('answers a malformed id with 422 to callers it admits, before any lookup; 401/403 to the others', async () => {
        const expected = Object.fromEntries(
          CALLERS.map((caller) => [
            caller,
            [401, 403].includes(route.expect[caller]) ? route.expect[caller] : 422,
          ]),
        );
        const actual: Record<string, number> = {};
        for (const caller of CALLERS) {
          const outcome = await call(route, w, caller, malformed(w));
          actual[caller] = outcome.status;
          expect(outcome.written).toEqual([]);
        }
        expect(actual).toEqual(expected);
      });
    }

    if (route.method === 'post') {
      it('answers a body of one unknown field with 422 to callers it admits (validation before scope); 401/403 to the others', async () => {
        const expected = Object.fromEntries(
          CALLERS.map((caller) => [
            caller,
            [401, 403].includes(route.expect[caller]) ? route.expect[caller] : 422,
          ]),
        );
        const actual: Record<string, number> = {};
        for (const caller of CALLERS) {
          const outcome = await call(route, w, caller, undefined, { unexpected: true });
          actual[caller] = outcome.status;
          expect(outcome.written).toEqual([]);
        }
        expect(actual).toEqual(expected);
      });
    }
  });

  describe('learner-scoped routes, by relationship (DESIGN §9; the table above)', () => {
    let registrarC: string;
    /** One learner per relationship for the reads, which change no relationship. */
    const readSubjects = new Map<Relation, RelatedLearner>();

    beforeAll(async () => {
      // A school that takes part in nothing, not even as evidence (school B records some).
      const schoolC = await anInstitution(t, { name: '湘潭职业技术学院' });
      registrarC = await t.tokenFor(Role.REGISTRAR, { institutionId: schoolC });
      for (const relation of RELATIONS)
        readSubjects.set(relation, await aRelatedLearner(t, w, relation));
    }, 300_000);

    const tokenOf = (cell: Cell, subject: RelatedLearner): string | null => {
      if (cell.caller === 'anonymous') return null;
      if (cell.caller === 'self') return subject.token;
      if (cell.caller === 'otherLearner') return tokens.victim;
      if (cell.caller === 'registrarC') return registrarC;
      return tokens[cell.caller];
    };

    async function callCell(
      route: LearnerRoute,
      cell: Cell,
      override?: { path?: string; body?: object },
    ): Promise<Outcome & { subject: RelatedLearner }> {
      const subject = route.fresh
        ? await aRelatedLearner(t, w, cell.relation)
        : (readSubjects.get(cell.relation) as RelatedLearner);
      const ids = route.prepare ? await route.prepare(subject, cell) : {};
      const target = override?.path ?? route.path(subject.id);
      let body = override?.body ?? route.body?.(ids) ?? {};
      if (cell.idNumber && !override?.body)
        body = {
          ...body,
          idNumber: cell.idNumber === 'right' ? subject.idNumber : aPassportNumber(),
        };
      const before = await tableCounts(t.superuser);
      let request = route.method === 'get' ? t.http().get(target) : t.http().post(target);
      const token = tokenOf(cell, subject);
      if (token !== null) request = request.set(bearer(token));
      const response = await (route.method === 'post' ? request.send(body) : request);
      return {
        subject,
        status: response.status,
        body: response.body as unknown,
        contentType: String(response.headers['content-type'] ?? ''),
        written: changedTables(before, await tableCounts(t.superuser)),
      };
    }

    it.each([
      ['entries', '?kind=..%2F..%2Fetc%2Fpasswd'],
      ['entries', '?cursor=false'],
      ['exemption-applications', '?cursor=false'],
    ])(
      'a staff read refused for its query (%s%s) writes nothing, not even the access log',
      async (view, query) => {
        const subject = readSubjects.get('enrolment') as RelatedLearner;
        const before = await tableCounts(t.superuser);
        const response = await t
          .http()
          .get(`/v1/learners/${subject.id}/${view}${query}`)
          .set(bearer(tokens.registrarA));
        expect(response.status).toBe(422);
        expect(changedTables(before, await tableCounts(t.superuser))).toEqual([]);
      },
    );

    it('answers an access-log cursor it did not issue with 422, not 500', async () => {
      const subject = readSubjects.get('none') as RelatedLearner;
      for (const [token, path] of [
        [subject.token, '/v1/me/access-log?cursor=false'],
        [tokens.admin, `/v1/learners/${subject.id}/access-log?cursor=1e9`],
      ]) {
        const response = await t.http().get(path).set(bearer(token));
        expect({ path, status: response.status, code: response.body.code }).toEqual({
          path,
          status: 422,
          code: 'VALIDATION_FAILED',
        });
      }
    });

    describe.each(LEARNER_ROUTES.map((route) => [route.name, route] as const))('%s', (_, route) => {
      const cells = [...CELLS, ...(route.idNumberCells ?? [])];

      it('answers each caller, with and without each relationship, as §9 says; a refused call writes nothing', async () => {
        const actual: Record<string, number> = {};
        const expected: Record<string, number> = {};
        const problems: string[] = [];
        for (const cell of cells) {
          const label = labelOf(cell);
          expected[label] = route.expect(cell);
          const outcome = await callCell(route, cell);
          actual[label] = outcome.status;
          const body = outcome.body as { code?: string };
          if (outcome.status >= 400) {
            if (!outcome.contentType.includes('application/problem+json'))
              problems.push(`${label}: ${outcome.status} is not problem+json`);
            if (outcome.written.length)
              problems.push(`${label}: refused but wrote ${outcome.written.join(', ')}`);
            if (
              outcome.status === 404 &&
              body.code !== 'ACCOUNTS.LEARNER_NOT_FOUND' &&
              isReachRefusal(cell)
            )
              problems.push(`${label}: 404 with ${body.code}, not ACCOUNTS.LEARNER_NOT_FOUND`);
            if (
              outcome.status === 422 &&
              route.relationshipCode &&
              body.code !== route.relationshipCode
            )
              problems.push(`${label}: 422 with ${body.code}, not ${route.relationshipCode}`);
          } else if (route.method === 'post') {
            if (outcome.written.length === 0)
              problems.push(`${label}: ${outcome.status} but wrote nothing`);
          } else if (cell.caller === 'self') {
            if (outcome.written.length)
              problems.push(`${label}: own read wrote ${outcome.written.join(', ')}`);
          } else if (!outcome.written.some((table) => table.startsWith('outbox'))) {
            problems.push(`${label}: a staff read left no access-log event`);
          }
        }
        expect(actual).toEqual(expected);
        expect(problems).toEqual([]);
      }, 240_000);

      it('answers a malformed learner id with 422 to callers the route admits, 401/403 to the others', async () => {
        const expected: Record<string, number> = {};
        const actual: Record<string, number> = {};
        const written: string[] = [];
        for (const cell of MALFORMED_CELLS) {
          const label = labelOf(cell);
          const status = route.expect(cell);
          expected[label] = [401, 403].includes(status) ? status : 422;
          const outcome = await callCell(route, cell, { path: route.path(route.malformed) });
          actual[label] = outcome.status;
          written.push(...outcome.written.map((table) => `${label}: ${table}`));
        }
        expect(actual).toEqual(expected);
        expect(written).toEqual([]);
      }, 120_000);

      if (route.method === 'post') {
        it('answers a body of one unknown field with 422 to callers it admits (validation before reach); 401/403 to the others', async () => {
          const expected: Record<string, number> = {};
          const actual: Record<string, number> = {};
          const written: string[] = [];
          for (const cell of MALFORMED_CELLS) {
            const label = labelOf(cell);
            const status = route.expect(cell);
            expected[label] = [401, 403].includes(status) ? status : 422;
            const outcome = await callCell(route, cell, { body: { unexpected: true } });
            actual[label] = outcome.status;
            written.push(...outcome.written.map((table) => `${label}: ${table}`));
          }
          expect(actual).toEqual(expected);
          expect(written).toEqual([]);
        }, 120_000);
      }
    });
  });

  describe('another scope answers exactly like nothing at all (no existence oracle)', () => {
    const missing = '7b0c3a52-1d1e-4c4f-9a55-000000000000';
    const comparable = (body: Record<string, unknown>) => ({
      status: body.status,
      code: body.code,
      detail: body.detail,
      title: body.title,
    });

    it.each([
      [
        "a learner reading another learner's account",
        'victim',
        (_: SecurityWorld, id: string) => `/v1/learners/${id}/account`,
        'learner',
      ],
      [
        "a learner reading another learner's entries",
        'victim',
        (_: SecurityWorld, id: string) => `/v1/learners/${id}/entries`,
        'learner',
      ],
      [
        "a learner reading another learner's exemption applications",
        'victim',
        (_: SecurityWorld, id: string) => `/v1/learners/${id}/exemption-applications`,
        'learner',
      ],
    ] as const)('%s', async (_, caller, path, owner) => {
      const real = await t.http().get(path(w, w[owner].id)).set(bearer(tokens[caller]));
      const absent = await t.http().get(path(w, missing)).set(bearer(tokens[caller]));
      expect(real.status).toBe(404);
      expect(comparable(real.body as Record<string, unknown>)).toEqual(
        comparable(absent.body as Record<string, unknown>),
      );
    });

    it.each([
      [
        "a registrar recording a credit for another school's course",
        'registrarB',
        'course-credits',
        (_: SecurityWorld, id: string) => ({
          courseId: id,
          term: '2024-2025-1',
          score: 90,
          completedAt: '2025-01-15',
        }),
        'courseA',
      ],
      [
        "a registrar recording a diploma of another school's program",
        'registrarB',
        'diplomas',
        (_: SecurityWorld, id: string) => ({
          programId: id,
          diplomaNo: marker('DIP'),
          graduatedAt: '2025-06-30',
        }),
        'programA',
      ],
      [
        "an examiner recording a certificate of another body's scheme",
        'examinerY',
        'certificates',
        (_: SecurityWorld, id: string) => ({
          schemeId: id,
          level: 'SENIOR',
          certificateNo: marker('CERT'),
          issuedAt: '2025-03-01',
        }),
        'schemeX',
      ],
    ] as const)('%s', async (_, caller, kind, body, resource) => {
      const path = `/v1/learners/${w.learner.id}/${kind}`;
      const real = await t.http().post(path).set(bearer(tokens[caller])).send(body(w, w[resource]));
      const absent = await t.http().post(path).set(bearer(tokens[caller])).send(body(w, missing));
      expect(real.status).toBe(404);
      expect(comparable(real.body as Record<string, unknown>)).toEqual(
        comparable(absent.body as Record<string, unknown>),
      );
    });

    it('an examiner of another body revoking a certificate, and revoking nothing', async () => {
      const real = await t
        .http()
        .post(`/v1/certificates/${w.learner.certificateEntry}/revocation`)
        .set(bearer(tokens.examinerY))
        .send({ reason: '猜测' });
      const absent = await t
        .http()
        .post(`/v1/certificates/${missing}/revocation`)
        .set(bearer(tokens.examinerY))
        .send({ reason: '猜测' });
      expect(real.status).toBe(404);
      expect(comparable(real.body as Record<string, unknown>)).toEqual(
        comparable(absent.body as Record<string, unknown>),
      );
    });
  });

  it('shows the identity number in full to ADMIN and masked to registrars', async () => {
    const path = `/v1/learners?idType=PASSPORT&idNumber=${w.learner.idNumber}`;
    const admin = await t.http().get(path).set(bearer(tokens.admin)).expect(200);
    expect(admin.body.items[0].idNumber).toBe(w.learner.idNumber);
    for (const caller of ['registrarA', 'registrarB'] as const) {
      const staff = await t.http().get(path).set(bearer(tokens[caller])).expect(200);
      expect(staff.body.items[0].id).toBe(w.learner.id);
      expect(staff.body.items[0].idNumber).not.toBe(w.learner.idNumber);
      expect(JSON.stringify(staff.body)).not.toContain(w.learner.idNumber);
    }
  });
});
