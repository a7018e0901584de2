import { Role } from '@app/core';
import {
  aCertificationBody,
  anInstitution,
  bearer,
  schemeBody,
  uniqueCode,
} from '../support/factories';
import { CATALOG_TABLES, rowCounts } from '../support/table-counts';
import { createTestApp, TestApp } from '../support/test-app';

/**
 * Bad input on every catalog endpoint answers 4xx problem+json naming the field, and writes
 * nothing: the catalog's row counts are compared before and after each table of cases.
 */
describe('catalog: bad input', () => {
  let t: TestApp;
  let admin: string;
  let school: string;
  let body: string;

  beforeAll(async () => {
    t = await createTestApp('catalog_bad_input');
    admin = await t.tokenFor(Role.ADMIN);
    school = await anInstitution(t);
    body = await aCertificationBody(t);
  }, 90_000);

  afterAll(async () => {
    await t?.close();
  }, 60_000);

  type Case = [
    description: string,
    method: 'get' | 'post',
    path: () => string,
    payload: unknown,
    field: string,
  ];

  const institution = { code: 'HN-1', name: '湖南示范信息职业技术学院', kind: 'HIGHER_VOCATIONAL' };
  const program = { code: '510203', name: '软件技术', totalCredits: '140', maxExemptCredits: '20' };
  const course = {
    code: 'WEB101',
    name: '网页设计与制作',
    credits: '4',
    hours: 64,
    category: 'PROFESSIONAL_FOUNDATION',
  };
  const certificationBody = { code: 'MIIT', name: '工业和信息化部教育与考试中心' };
  const programs = () => `/v1/institutions/${school}/programs`;
  const courses = () => `/v1/institutions/${school}/courses`;
  const scheme = () => schemeBody(body, uniqueCode('X'));
  const withLevel = (index: number, patch: Record<string, unknown>) => {
    const value = scheme();
    const levels = value.levels as Record<string, unknown>[];
    levels[index] = { ...levels[index], ...patch };
    return value;
  };

  const cases: Case[] = [
    ['institution: missing fields', 'post', () => '/v1/institutions', {}, 'code'],
    [
      'institution: code of the wrong type',
      'post',
      () => '/v1/institutions',
      { ...institution, code: 5 },
      'code',
    ],
    [
      'institution: unknown field',
      'post',
      () => '/v1/institutions',
      { ...institution, city: '长沙' },
      'city',
    ],
    [
      'institution: code too long',
      'post',
      () => '/v1/institutions',
      { ...institution, code: 'A'.repeat(33) },
      'code',
    ],
    [
      'institution: name too long',
      'post',
      () => '/v1/institutions',
      { ...institution, name: '学'.repeat(201) },
      'name',
    ],
    [
      'institution: blank name',
      'post',
      () => '/v1/institutions',
      { ...institution, name: '   ' },
      'name',
    ],
    [
      'institution: control character',
      'post',
      () => '/v1/institutions',
      { ...institution, name: 'a\u0000b' },
      'name',
    ],
    [
      'institution: unknown kind',
      'post',
      () => '/v1/institutions',
      { ...institution, kind: 'UNIVERSITY' },
      'kind',
    ],
    [
      'institution: id not a UUID',
      'get',
      () => '/v1/institutions/not-a-uuid',
      undefined,
      'institutionId',
    ],
    [
      'program: path id not a UUID',
      'post',
      () => '/v1/institutions/123/programs',
      program,
      'institutionId',
    ],
    [
      'program: three decimals',
      'post',
      programs,
      { ...program, totalCredits: '140.125' },
      'totalCredits',
    ],
    ['program: zero total', 'post', programs, { ...program, totalCredits: '0' }, 'totalCredits'],
    [
      'program: negative cap',
      'post',
      programs,
      { ...program, maxExemptCredits: -1 },
      'maxExemptCredits',
    ],
    [
      'program: credits not a number',
      'post',
      programs,
      { ...program, totalCredits: 'many' },
      'totalCredits',
    ],
    [
      'program: float noise',
      'post',
      programs,
      { ...program, totalCredits: 0.1 + 0.2 },
      'totalCredits',
    ],
    [
      'program: missing cap',
      'post',
      programs,
      { ...program, maxExemptCredits: undefined },
      'maxExemptCredits',
    ],
    ['program: unknown field', 'post', programs, { ...program, level: 'X' }, 'level'],
    [
      'programs list: id not a UUID',
      'get',
      () => '/v1/institutions/x/programs',
      undefined,
      'institutionId',
    ],
    ['course: three decimals', 'post', courses, { ...course, credits: '4.555' }, 'credits'],
    ['course: zero credits', 'post', courses, { ...course, credits: 0 }, 'credits'],
    ['course: negative hours', 'post', courses, { ...course, hours: -1 }, 'hours'],
    ['course: fractional hours', 'post', courses, { ...course, hours: 1.5 }, 'hours'],
    ['course: hours as a string', 'post', courses, { ...course, hours: '64' }, 'hours'],
    ['course: unknown category', 'post', courses, { ...course, category: 'CORE' }, 'category'],
    [
      'course: programId not a UUID',
      'post',
      courses,
      { ...course, programId: 'software' },
      'programId',
    ],
    [
      'course: unknown program',
      'post',
      courses,
      { ...course, programId: '0b0e7a4e-0000-4000-8000-000000000000' },
      'programId',
    ],
    ['course: unknown field', 'post', courses, { ...course, teacher: '王老师' }, 'teacher'],
    ['course: name too long', 'post', courses, { ...course, name: 'x'.repeat(201) }, 'name'],
    [
      'courses list: unknown category',
      'get',
      () => `${courses()}?category=CORE`,
      undefined,
      'category',
    ],
    ['courses list: unknown parameter', 'get', () => `${courses()}?page=2`, undefined, 'page'],
    ['body: missing name', 'post', () => '/v1/certification-bodies', { code: 'B1' }, 'name'],
    [
      'body: code with a space',
      'post',
      () => '/v1/certification-bodies',
      { ...certificationBody, code: 'A B' },
      'code',
    ],
    [
      'body: unknown field',
      'post',
      () => '/v1/certification-bodies',
      { ...certificationBody, id: 'x' },
      'id',
    ],
    [
      'scheme: levels not an array',
      'post',
      () => '/v1/certificate-schemes',
      { ...scheme(), levels: {} },
      'levels',
    ],
    [
      'scheme: unknown level',
      'post',
      () => '/v1/certificate-schemes',
      withLevel(0, { level: 'EXPERT' }),
      'levels.0.level',
    ],
    [
      'scheme: three decimals',
      'post',
      () => '/v1/certificate-schemes',
      withLevel(1, { recognisedCredits: '6.125' }),
      'levels.1.recognisedCredits',
    ],
    [
      'scheme: component without code',
      'post',
      () => '/v1/certificate-schemes',
      withLevel(2, { components: [{ name: '理论' }] }),
      'levels.2.components.0.code',
    ],
    [
      'scheme: unknown nested field',
      'post',
      () => '/v1/certificate-schemes',
      withLevel(0, { weight: 1 }),
      'levels.0.weight',
    ],
    [
      'scheme: body id not a UUID',
      'post',
      () => '/v1/certificate-schemes',
      { ...scheme(), certificationBodyId: 'miit' },
      'certificationBodyId',
    ],
    [
      'scheme: code too long',
      'post',
      () => '/v1/certificate-schemes',
      { ...scheme(), code: 'X'.repeat(33) },
      'code',
    ],
    ['scheme: id not a UUID', 'get', () => '/v1/certificate-schemes/12345', undefined, 'schemeId'],
    [
      'schemes list: body id not a UUID',
      'get',
      () => '/v1/certificate-schemes?certificationBodyId=1',
      undefined,
      'certificationBodyId',
    ],
  ];

  it.each(cases)(
    '%s answers 422 naming the field and writes nothing',
    async (_, method, path, payload, field) => {
      const before = await rowCounts(t, CATALOG_TABLES);
      const request =
        method === 'post'
          ? t
              .http()
              .post(path())
              .send(payload as object)
          : t.http().get(path());
      const response = await request.set(bearer(admin));
      expect(response.status).toBe(422);
      expect(response.headers['content-type']).toContain('application/problem+json');
      expect(response.body.code).toBe('VALIDATION_FAILED');
      expect(response.body.errors.map((error: { field: string }) => error.field)).toContain(field);
      expect(await rowCounts(t, CATALOG_TABLES)).toEqual(before);
    },
  );

  it('refuses a body that is not JSON (400/415) and writes nothing', async () => {
    const before = await rowCounts(t, CATALOG_TABLES);
    const malformed = await t
      .http()
      .post('/v1/institutions')
      .set(bearer(admin))
      .set('content-type', 'application/json')
      .send('{"code":');
    expect(malformed.status).toBe(400);
    const text = await t
      .http()
      .post('/v1/institutions')
      .set(bearer(admin))
      .set('content-type', 'text/plain')
      .send('code=1');
    expect(text.status).toBe(415);
    const array = await t
      .http()
      .post('/v1/certification-bodies')
      .set(bearer(admin))
      .send([certificationBody]);
    expect(array.status).toBe(422);
    expect(await rowCounts(t, CATALOG_TABLES)).toEqual(before);
  });
});
