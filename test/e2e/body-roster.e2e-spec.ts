import { randomUUID } from 'node:crypto';
import { Role } from '@app/core';
import {
  aCertificationBody,
  aLearner,
  anExamRegistration,
  anInstitution,
  aScheme,
  bearer,
} from '../support/factories';
import { changedTables, tableCounts } from '../support/table-counts';
import { createTestApp, TestApp } from '../support/test-app';

/* eslint-disable @typescript-eslint/no-explicit-any -- JSON bodies, probed field by field */
type Json = any;

/**
 * A body's roster: the learners registered for its exams, by name, each with their
 * registrations named (scheme, level, session); searched by part of a name, filtered by scheme,
 * paged by cursor. Its EXAMINER and ADMIN read it; another body's examiner is told it does not exist.
 */
describe('GET /v1/certification-bodies/{bodyId}/learners: the body’s roster', () => {
  let t: TestApp;
  let body: string;
  let web: string;
  let cloud: string;
  let examiner: string;
  const learners: Record<string, string> = {};

  beforeAll(async () => {
    t = await createTestApp('body roster');
    body = await aCertificationBody(t);
    web = await aScheme(t, { certificationBodyId: body, name: 'Web前端开发' });
    cloud = await aScheme(t, { certificationBodyId: body, name: '云计算平台运维' });
    const elsewhere = await aScheme(t, { certificationBodyId: await aCertificationBody(t) });
    examiner = await t.tokenFor(Role.EXAMINER, { certificationBodyId: body });
    for (const name of ['李娜', '李雷', '王芳', '张伟', '100%_达标']) {
      learners[name] = await aLearner(t, { name });
    }
    const register = (name: string, schemeId: string, level: string, session: string) =>
      anExamRegistration(t, { learnerId: learners[name], schemeId, level, session });
    await register('李娜', web, 'INTERMEDIATE', '2025-06');
    await register('李娜', cloud, 'JUNIOR', '2025-12');
    await register('李雷', web, 'SENIOR', '2025-06');
    await register('王芳', cloud, 'INTERMEDIATE', '2025-06');
    await register('100%_达标', web, 'JUNIOR', '2025-06');
    // Registered with another body only: not on this roster.
    await register('张伟', elsewhere, 'JUNIOR', '2025-06');
  }, 120_000);

  afterAll(async () => {
    await t?.close();
  }, 60_000);

  const roster = (token: string, query = '', id = body) =>
    t.http().get(`/v1/certification-bodies/${id}/learners${query}`).set(bearer(token));

  it('lists the body’s registered learners by name, each with every registration named', async () => {
    const before = await tableCounts(t.superuser);
    const { body: page } = (await roster(examiner).expect(200)) as { body: Json };
    expect(page.nextCursor).toBeNull();
    const names = page.items.map((item: Json) => item.learner.name);
    expect([...names].sort()).toEqual(['100%_达标', '李娜', '李雷', '王芳'].sort());
    const lina = page.items.find((item: Json) => item.learner.name === '李娜');
    expect(lina.learner).toEqual({ id: learners['李娜'], name: '李娜' });
    expect(lina.registrations).toEqual(
      expect.arrayContaining([
        {
          id: expect.any(String),
          scheme: { id: web, code: expect.stringMatching(/^X/), name: 'Web前端开发' },
          level: 'INTERMEDIATE',
          levelName: '中级',
          session: '2025-06',
        },
        {
          id: expect.any(String),
          scheme: { id: cloud, code: expect.stringMatching(/^X/), name: '云计算平台运维' },
          level: 'JUNIOR',
          levelName: '初级',
          session: '2025-12',
        },
      ]),
    );
    expect(lina.registrations).toHaveLength(2);
    // Reading the roster writes nothing.
    expect(changedTables(before, await tableCounts(t.superuser))).toEqual([]);
  });

  it('pages by cursor: every learner once, in the same order as one page', async () => {
    const whole = (await roster(examiner).expect(200)).body;
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const query: string = `?limit=1${cursor ? `&cursor=${cursor}` : ''}`;
      const page = (await roster(examiner, query).expect(200)).body;
      expect(page.items).toHaveLength(1);
      seen.push(page.items[0].learner.id);
      cursor = page.nextCursor;
      pages += 1;
    } while (cursor && pages < 10);
    expect(cursor).toBeNull();
    expect(seen).toEqual(whole.items.map((item: Json) => item.learner.id));
  });

  it('searches part of a name (a literal: % and _ match only themselves) and filters by scheme', async () => {
    const named = async (query: string) =>
      (await roster(examiner, query).expect(200)).body.items.map(
        (item: Json) => item.learner.name as string,
      );
    expect((await named(`?q=${encodeURIComponent('李')}`)).sort()).toEqual(['李娜', '李雷'].sort());
    expect(await named(`?q=${encodeURIComponent('%_')}`)).toEqual(['100%_达标']);
    expect(await named(`?q=${encodeURIComponent('张')}`)).toEqual([]);
    const cloudOnly = (await roster(examiner, `?schemeId=${cloud}`).expect(200)).body;
    expect(
      cloudOnly.items.map((item: Json) => ({
        name: item.learner.name,
        schemes: item.registrations.map((registration: Json) => registration.scheme.id),
      })),
    ).toEqual(
      expect.arrayContaining([
        { name: '李娜', schemes: [cloud] },
        { name: '王芳', schemes: [cloud] },
      ]),
    );
    expect(cloudOnly.items).toHaveLength(2);
  });

  it('is read by ADMIN too; another body’s examiner and an unknown body get 404; others 403; bad input 422', async () => {
    const admin = await t.tokenFor(Role.ADMIN);
    const asAdmin = (await roster(admin).expect(200)).body;
    expect(asAdmin.items).toHaveLength(4);
    const otherExaminer = await t.tokenFor(Role.EXAMINER, {
      certificationBodyId: await aCertificationBody(t),
    });
    const registrar = await t.tokenFor(Role.REGISTRAR, { institutionId: await anInstitution(t) });
    const answers = {
      otherExaminer: await roster(otherExaminer),
      unknownBody: await roster(admin, '', randomUUID()),
      registrar: await roster(registrar),
      badCursor: await roster(examiner, '?cursor=bm90LWEtY3Vyc29y'),
      badScheme: await roster(examiner, '?schemeId=not-a-uuid'),
    };
    expect(
      Object.fromEntries(
        Object.entries(answers).map(([who, response]) => [
          who,
          { status: response.status, code: response.body.code },
        ]),
      ),
    ).toEqual({
      otherExaminer: { status: 404, code: 'CATALOG.CERTIFICATION_BODY_NOT_FOUND' },
      unknownBody: { status: 404, code: 'CATALOG.CERTIFICATION_BODY_NOT_FOUND' },
      registrar: { status: 403, code: 'AUTH.FORBIDDEN' },
      badCursor: { status: 422, code: 'VALIDATION_FAILED' },
      badScheme: { status: 422, code: 'VALIDATION_FAILED' },
    });
    // Another body's examiner learns nothing of the roster: the same answer as no body at all.
    expect(answers.otherExaminer.body.detail).toBe(answers.unknownBody.body.detail);
  });
});
