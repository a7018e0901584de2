import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { Role } from '@app/core';
import { createTestApp, TestApp } from '../support/test-app';
import {
  aCourse,
  aLearner,
  anEnrolment,
  anInstitution,
  aProgram,
  bearer,
} from '../support/factories';

/**
 * Problems are said in the caller's language: Chinese unless Accept-Language asks for
 * English, with Content-Language saying which. A missing field says it is missing, a decimal
 * with too many places says how many are allowed, an unknown field says it is not accepted.
 */
describe('messages a person understands, in their language', () => {
  let t: TestApp;
  let school: string;
  let course: string;
  let registrar: string;
  let learner: string;

  beforeAll(async () => {
    t = await createTestApp('messages i18n');
    school = await anInstitution(t);
    const program = await aProgram(t, { institutionId: school });
    course = await aCourse(t, { institutionId: school, programId: program });
    registrar = await t.tokenFor(Role.REGISTRAR, { institutionId: school });
    learner = await aLearner(t);
  }, 120_000);

  afterAll(async () => {
    await t?.close();
  }, 60_000);

  /** Without t.http()'s English default: what a browser or curl sends. */
  const raw = () => request(t.app.getHttpServer());

  const credit = (payload: object, language?: string) => {
    const call = raw().post(`/v1/learners/${learner}/course-credits`).set(bearer(registrar));
    return (language ? call.set('accept-language', language) : call).send(payload);
  };

  const complete = { courseId: '', term: '2025-2026-1', score: 88, completedAt: '2026-01-10' };
  const withCourse = (changes: object) => ({ ...complete, courseId: course, ...changes });
  const without = (field: string) =>
    Object.fromEntries(Object.entries(withCourse({})).filter(([name]) => name !== field));

  it('says in Chinese by default that a missing score is missing, and only that', async () => {
    const response = await credit(without('score'));
    expect(response.status).toBe(422);
    expect(response.headers['content-language']).toBe('zh-CN');
    expect(response.headers.vary).toMatch(/Accept-Language/i);
    expect(response.body).toMatchObject({ code: 'VALIDATION_FAILED', title: '提交的内容有误' });
    expect(response.body.errors).toEqual([
      { field: 'score', code: 'REQUIRED', message: '缺少 score，请填写' },
    ]);
  });

  it('says in English that a missing score is missing when asked for English', async () => {
    const response = await credit(without('score'), 'en-US,en;q=0.9,zh;q=0.5');
    expect(response.status).toBe(422);
    expect(response.headers['content-language']).toBe('en');
    expect(response.body.title).toBe('Validation failed');
    expect(response.body.errors).toEqual([
      { field: 'score', code: 'REQUIRED', message: 'score is required; send a value for it' },
    ]);
  });

  it('follows the q-values: Chinese preferred over English answers in Chinese', async () => {
    const response = await credit(without('score'), 'en;q=0.4, zh-Hans;q=0.8');
    expect(response.headers['content-language']).toBe('zh-CN');
    expect(response.body.errors[0].message).toBe('缺少 score，请填写');
  });

  it('says how many decimal places a score may have (80.25: one)', async () => {
    const zh = await credit(withCourse({ score: 80.25 }));
    expect(zh.status).toBe(422);
    expect(zh.body.errors).toEqual([
      { field: 'score', code: 'TOO_MANY_DECIMALS', message: 'score 最多保留 1 位小数' },
    ]);
    const en = await credit(withCourse({ score: 80.25 }), 'en');
    expect(en.body.errors).toEqual([
      {
        field: 'score',
        code: 'TOO_MANY_DECIMALS',
        message: 'score may have at most one decimal place',
      },
    ]);
  });

  it('says a credit amount may have two decimal places (80.255), and the bounds when out of range', async () => {
    const course = (credits: unknown, language = 'zh-CN') =>
      raw()
        .post(`/v1/institutions/${school}/courses`)
        .set(bearer(registrar))
        .set('accept-language', language)
        .send({
          code: `I18N-${randomUUID().slice(0, 8)}`,
          name: '网页设计',
          credits,
          hours: 64,
          category: 'PROFESSIONAL_CORE',
        });
    const places = await course('80.255');
    expect(places.status).toBe(422);
    expect(places.body.errors).toEqual([
      { field: 'credits', code: 'TOO_MANY_DECIMALS', message: 'credits 最多保留 2 位小数' },
    ]);
    const english = await course('80.255', 'en');
    expect(english.body.errors[0].message).toBe('credits may have at most 2 decimal places');
    const large = await course('1000', 'en');
    expect(large.body.errors).toEqual([
      {
        field: 'credits',
        code: 'OUT_OF_RANGE',
        message: 'credits must be above 0 and at most 999.99',
      },
    ]);
  });

  it('says a score of the wrong type must be a number, and nothing about its bounds', async () => {
    const response = await credit(withCourse({ score: 'eighty' }), 'en');
    expect(response.body.errors).toEqual([
      { field: 'score', code: 'WRONG_TYPE', message: 'score must be a number' },
    ]);
  });

  it('says a score out of range names the bound it breaks', async () => {
    const response = await credit(withCourse({ score: 101 }));
    expect(response.body.errors).toEqual([
      { field: 'score', code: 'TOO_LARGE', message: 'score 不能大于 100' },
    ]);
  });

  it('says an unknown field is not accepted, in both languages', async () => {
    const zh = await credit(withCourse({ grade: 'A' }));
    expect(zh.status).toBe(422);
    expect(zh.body.errors).toEqual([
      {
        field: 'grade',
        code: 'UNKNOWN_FIELD',
        message: '不接受字段 grade，请删除它（或检查拼写）',
      },
    ]);
    const en = await credit(withCourse({ grade: 'A' }), 'en');
    expect(en.body.errors).toEqual([
      {
        field: 'grade',
        code: 'UNKNOWN_FIELD',
        message: 'grade is not accepted here; remove it (check its spelling)',
      },
    ]);
  });

  it('says a domain error (an unknown learner) in Chinese by default and in English when asked', async () => {
    const path = `/v1/learners/${randomUUID()}/account`;
    const zh = await raw().get(path).set(bearer(registrar));
    expect(zh.status).toBe(404);
    expect(zh.headers['content-type']).toContain('application/problem+json');
    expect(zh.headers['content-language']).toBe('zh-CN');
    expect(zh.body).toMatchObject({
      code: 'ACCOUNTS.LEARNER_NOT_FOUND',
      title: '未找到学习者',
      detail: '未找到该学习者，或你无权查看其账户。',
    });
    const en = await raw().get(path).set(bearer(registrar)).set('accept-language', 'en');
    expect(en.headers['content-language']).toBe('en');
    expect(en.body).toMatchObject({
      code: 'ACCOUNTS.LEARNER_NOT_FOUND',
      title: 'Not found',
      detail: 'The learner was not found.',
    });
  });

  it('says that a learner was not enrolled on the day, in Chinese by default and in English when asked', async () => {
    // Enrolled at the school only from February: a January score has no enrolment behind it.
    const late = await aLearner(t);
    await anEnrolment(t, { learnerId: late, institutionId: school, startedAt: '2026-02-01' });
    const path = `/v1/learners/${late}/course-credits`;
    const body = { courseId: course, term: '2025-2026-1', score: 88, completedAt: '2026-01-10' };
    const zh = await raw().post(path).set(bearer(registrar)).send(body);
    expect(zh.status).toBe(422);
    expect(zh.headers['content-language']).toBe('zh-CN');
    expect(zh.body).toMatchObject({
      code: 'RELATIONSHIPS.NOT_ENROLLED',
      title: '无在读学籍',
      detail:
        '该学习者在 2026-01-10 没有本校有效的学籍，不能登记本校的成绩或毕业证书。请先为其办理入学登记（POST /v1/learners/<学习者 id>/enrolments），或核对日期。',
    });
    expect(zh.body.errors).toEqual([
      {
        field: 'completedAt',
        code: 'INVALID',
        message: '该学习者在 2026-01-10 没有本校的有效学籍',
      },
    ]);
    const en = await raw()
      .post(path)
      .set(bearer(registrar))
      .set('accept-language', 'en')
      .send(body);
    expect(en.status).toBe(422);
    expect(en.headers['content-language']).toBe('en');
    expect(en.body).toMatchObject({ code: 'RELATIONSHIPS.NOT_ENROLLED', title: 'Not enrolled' });
    expect(en.body.detail).toContain('no enrolment at your school in force on 2026-01-10');
    expect(en.body.errors).toEqual([
      {
        field: 'completedAt',
        code: 'INVALID',
        message: 'the learner was not enrolled at your school on 2026-01-10',
      },
    ]);
    const credits: unknown[] = await t.dataSource.query(
      `SELECT 1 FROM ledger_entries WHERE learner_id = $1`,
      [late],
    );
    expect(credits).toEqual([]);
  });

  it('answers an unknown or refused language in Chinese, and English when Chinese is refused', async () => {
    const path = `/v1/learners/${randomUUID()}/account`;
    const french = await raw().get(path).set(bearer(registrar)).set('accept-language', 'fr-FR');
    expect(french.headers['content-language']).toBe('zh-CN');
    const noChinese = await raw()
      .get(path)
      .set(bearer(registrar))
      .set('accept-language', 'zh;q=0, fr');
    expect(noChinese.headers['content-language']).toBe('en');
    expect(noChinese.body.detail).toBe('The learner was not found.');
  });

  it('says problems raised outside the controllers (no route, no token) in the language asked for', async () => {
    const noRoute = await raw().get('/v1/nowhere');
    expect(noRoute.status).toBe(404);
    expect(noRoute.body).toMatchObject({ code: 'ROUTE.NOT_FOUND' });
    expect(noRoute.body.detail).toBe('没有 GET /v1/nowhere 这个接口，请检查地址和请求方法。');
    const noToken = await raw().get(`/v1/learners/${learner}/account`).set('accept-language', 'en');
    expect(noToken.status).toBe(401);
    expect(noToken.body.detail).toBe('A valid bearer token is required.');
  });

  it("keeps the suites' default: t.http() asks for English", async () => {
    const response = await t
      .http()
      .get(`/v1/learners/${randomUUID()}/account`)
      .set(bearer(registrar));
    expect(response.headers['content-language']).toBe('en');
  });
});
