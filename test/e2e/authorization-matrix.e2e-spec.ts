import {
  aPassportNumber,
  aProgram,
  aScheme,
  bearer,
  recordCertificate,
  uniqueCode,
} from '../support/factories';
import { aSecurityWorld, marker, SecurityWorld, WorldRole } from '../support/fuzz-world';
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
 * signed-in caller may read: learners see course and scheme names on their account and
 * eligibility, examiners' 免试 rules cite schools' courses, registrars' 免修 rules cite schemes.
 * Catalog writes stay scoped to ADMIN and the owning school or body.
 *
 * Every refused call is checked to have written nothing (row counts of every table), every
 * accepted write to have written something. Each route's whole row of expected statuses is
 * compared at once, so a change in any one cell fails its route.
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

// The learner already holds a diploma of programA, and holds one standing diploma per program.
async function freshProgram(w: SecurityWorld): Promise<Ids> {
  return { program: await aProgram(t, { institutionId: w.schoolA }) };
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
    expect: only({
      anonymous: 401,
      admin: 200,
      registrarA: 200,
      registrarB: 200,
      examinerX: 200,
      examinerY: 200,
    }),
  },
  {
    name: 'GET /v1/learners/{id}/account',
    method: 'get',
    path: (w) => `/v1/learners/${w.learner.id}/account`,
    malformedPath: () => '/v1/learners/..%2F..%2Fetc/account',
    expect: { ...all(200), victim: 404 },
  },
  {
    name: 'GET /v1/me/account',
    method: 'get',
    path: () => '/v1/me/account',
    expect: only({ learner: 200, victim: 200 }),
  },
  {
    name: 'GET /v1/learners/{id}/entries',
    method: 'get',
    path: (w) => `/v1/learners/${w.learner.id}/entries`,
    malformedPath: () => '/v1/learners/-1/entries',
    expect: { ...all(200), victim: 404 },
  },
  {
    name: 'GET /v1/learners/{id}/exemption-applications',
    method: 'get',
    path: (w) => `/v1/learners/${w.learner.id}/exemption-applications`,
    malformedPath: () => '/v1/learners/undefined/exemption-applications',
    expect: { ...all(200), victim: 404 },
  },
  {
    name: 'POST /v1/learners/{id}/course-credits',
    method: 'post',
    path: (w) => `/v1/learners/${w.learner.id}/course-credits`,
    malformedPath: () => '/v1/learners/NaN/course-credits',
    body: (w) => ({
      courseId: w.courseA,
      term: '2024-2025-1',
      score: 45,
      completedAt: '2025-01-15',
    }),
    expect: only({ registrarA: 201, registrarB: 404 }),
  },
  {
    name: 'POST /v1/learners/{id}/certificates',
    method: 'post',
    path: (w) => `/v1/learners/${w.learner.id}/certificates`,
    malformedPath: () => '/v1/learners/null/certificates',
    body: (w) => ({
      schemeId: w.schemeX,
      level: 'JUNIOR',
      certificateNo: marker('CERT'),
      issuedAt: '2025-03-01',
    }),
    expect: only({ examinerX: 201, examinerY: 404 }),
  },
  {
    name: 'POST /v1/learners/{id}/diplomas',
    method: 'post',
    path: (w) => `/v1/learners/${w.learner.id}/diplomas`,
    malformedPath: () => '/v1/learners/%E5%AD%A6%E7%94%9F/diplomas',
    prepare: freshProgram,
    body: (_, ids) => ({
      programId: ids.program,
      diplomaNo: marker('DIP'),
      graduatedAt: '2025-06-30',
    }),
    expect: only({ registrarA: 201, registrarB: 404 }),
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

  it('shows the identity number in full to ADMIN and masked to other staff', async () => {
    const path = `/v1/learners?idType=PASSPORT&idNumber=${w.learner.idNumber}`;
    const admin = await t.http().get(path).set(bearer(tokens.admin)).expect(200);
    expect(admin.body.items[0].idNumber).toBe(w.learner.idNumber);
    for (const caller of ['registrarA', 'registrarB', 'examinerX'] as const) {
      const staff = await t.http().get(path).set(bearer(tokens[caller])).expect(200);
      expect(staff.body.items[0].id).toBe(w.learner.id);
      expect(staff.body.items[0].idNumber).not.toBe(w.learner.idNumber);
      expect(JSON.stringify(staff.body)).not.toContain(w.learner.idNumber);
    }
  });
});
