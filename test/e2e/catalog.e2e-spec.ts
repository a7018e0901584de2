import { Role } from '@app/core';
import {
  aCertificationBody,
  aLearner,
  anInstitution,
  bearer,
  uniqueCode,
} from '../support/factories';
import { rowCounts } from '../support/table-counts';
import { createTestApp, TestApp } from '../support/test-app';

describe('catalog over HTTP', () => {
  let t: TestApp;
  let admin: string;
  let schoolA: string;
  let schoolB: string;
  let registrarA: string;
  let registrarB: string;
  let examinerX: string;
  let examinerY: string;
  let learner: string;

  beforeAll(async () => {
    t = await createTestApp('catalog');
    admin = await t.tokenFor(Role.ADMIN);
    [schoolA, schoolB] = [
      await anInstitution(t),
      await anInstitution(t, { kind: 'SECONDARY_VOCATIONAL' }),
    ];
    registrarA = await t.tokenFor(Role.REGISTRAR, { institutionId: schoolA });
    registrarB = await t.tokenFor(Role.REGISTRAR, { institutionId: schoolB });
    examinerX = await t.tokenFor(Role.EXAMINER, {
      certificationBodyId: await aCertificationBody(t),
    });
    examinerY = await t.tokenFor(Role.EXAMINER, {
      certificationBodyId: await aCertificationBody(t),
    });
    learner = await t.tokenFor(Role.LEARNER, { learnerId: await aLearner(t) });
  }, 90_000);

  afterAll(async () => {
    await t?.close();
  }, 60_000);

  describe('institutions', () => {
    it('lets ADMIN create one, and any signed-in caller list and read it', async () => {
      const code = uniqueCode('HN');
      const created = await t
        .http()
        .post('/v1/institutions')
        .set(bearer(admin))
        .send({ code, name: '长沙市示范中等职业学校', kind: 'SECONDARY_VOCATIONAL' })
        .expect(201);
      expect(created.body).toEqual({
        id: expect.any(String),
        code,
        name: '长沙市示范中等职业学校',
        kind: 'SECONDARY_VOCATIONAL',
        createdAt: expect.any(String),
      });
      const list = await t.http().get('/v1/institutions').set(bearer(learner)).expect(200);
      expect(list.body.total).toBe(list.body.items.length);
      expect(list.body.items.map((item: { id: string }) => item.id)).toEqual(
        expect.arrayContaining([schoolA, schoolB, created.body.id]),
      );
      const one = await t
        .http()
        .get(`/v1/institutions/${created.body.id}`)
        .set(bearer(examinerX))
        .expect(200);
      expect(one.body).toEqual(created.body);
    });

    it('refuses other roles, a code already in use (409) and unknown ids (404)', async () => {
      const before = await rowCounts(t, ['institutions']);
      const body = { code: uniqueCode('NEW'), name: '新学校', kind: 'UNDERGRADUATE' };
      await t.http().post('/v1/institutions').set(bearer(registrarA)).send(body).expect(403);
      const { code } = (
        await t.http().get(`/v1/institutions/${schoolA}`).set(bearer(admin)).expect(200)
      ).body;
      const taken = await t
        .http()
        .post('/v1/institutions')
        .set(bearer(admin))
        .send({ ...body, code })
        .expect(409);
      expect(taken.body.code).toBe('CATALOG.INSTITUTION_CODE_TAKEN');
      expect(taken.headers['content-type']).toContain('application/problem+json');
      const missing = await t
        .http()
        .get('/v1/institutions/0b0e7a4e-0000-4000-8000-000000000000')
        .set(bearer(admin));
      expect(missing.status).toBe(404);
      expect(missing.body.code).toBe('CATALOG.INSTITUTION_NOT_FOUND');
      await t.http().post('/v1/institutions').send(body).expect(401);
      expect(await rowCounts(t, ['institutions'])).toEqual(before);
    });
  });

  describe('programs', () => {
    it("lets a school's registrar add a program, with credits as exact decimals", async () => {
      const code = uniqueCode('510203');
      const response = await t
        .http()
        .post(`/v1/institutions/${schoolA}/programs`)
        .set(bearer(registrarA))
        .send({ code, name: '软件技术', totalCredits: '140.5', maxExemptCredits: 20 })
        .expect(201);
      expect(response.body).toMatchObject({
        institutionId: schoolA,
        code,
        totalCredits: '140.50',
        maxExemptCredits: '20.00',
      });
      const list = await t
        .http()
        .get(`/v1/institutions/${schoolA}/programs`)
        .set(bearer(examinerX))
        .expect(200);
      expect(list.body.items).toContainEqual(response.body);
      expect(list.body.total).toBe(list.body.items.length);
    });

    it("answers 404 to another school's registrar, and writes nothing", async () => {
      const before = await rowCounts(t, ['programs']);
      const response = await t
        .http()
        .post(`/v1/institutions/${schoolA}/programs`)
        .set(bearer(registrarB))
        .send({
          code: uniqueCode('P'),
          name: '软件技术',
          totalCredits: '140',
          maxExemptCredits: '20',
        })
        .expect(404);
      expect(response.body.code).toBe('CATALOG.INSTITUTION_NOT_FOUND');
      expect(await rowCounts(t, ['programs'])).toEqual(before);
    });

    it('refuses a cap above the total (422) and a code in use at the school (409)', async () => {
      const code = uniqueCode('P');
      const body = { code, name: '电子商务', totalCredits: '130', maxExemptCredits: '16' };
      await t
        .http()
        .post(`/v1/institutions/${schoolB}/programs`)
        .set(bearer(admin))
        .send(body)
        .expect(201);
      const before = await rowCounts(t, ['programs']);
      const capped = await t
        .http()
        .post(`/v1/institutions/${schoolB}/programs`)
        .set(bearer(admin))
        .send({ ...body, code: uniqueCode('P'), maxExemptCredits: '130.01' })
        .expect(422);
      expect(capped.body.errors).toMatchObject([
        { field: 'maxExemptCredits', message: expect.any(String) },
      ]);
      const taken = await t
        .http()
        .post(`/v1/institutions/${schoolB}/programs`)
        .set(bearer(registrarB))
        .send(body);
      expect(taken.status).toBe(409);
      expect(taken.body.code).toBe('CATALOG.PROGRAM_CODE_TAKEN');
      // The same code at another school is a different program.
      await t
        .http()
        .post(`/v1/institutions/${schoolA}/programs`)
        .set(bearer(registrarA))
        .send(body)
        .expect(201);
      expect((await rowCounts(t, ['programs'])).programs).toBe(before.programs + 1);
    });
  });

  describe('courses', () => {
    let programA: string;
    let programB: string;

    beforeAll(async () => {
      const create = async (school: string, token: string) =>
        (
          await t
            .http()
            .post(`/v1/institutions/${school}/programs`)
            .set(bearer(token))
            .send({
              code: uniqueCode('P'),
              name: '计算机应用技术',
              totalCredits: '140',
              maxExemptCredits: '20',
            })
            .expect(201)
        ).body.id as string;
      programA = await create(schoolA, registrarA);
      programB = await create(schoolB, registrarB);
    });

    it('lets the registrar add courses in a program or outside any, readable by every role', async () => {
      const inProgram = await t
        .http()
        .post(`/v1/institutions/${schoolA}/courses`)
        .set(bearer(registrarA))
        .send({
          code: uniqueCode('WEB'),
          name: 'Web前端框架开发',
          credits: '3.5',
          hours: 56,
          category: 'PROFESSIONAL_CORE',
          programId: programA,
        })
        .expect(201);
      expect(inProgram.body).toMatchObject({
        institutionId: schoolA,
        programId: programA,
        credits: '3.50',
        hours: 56,
      });
      const outside = await t
        .http()
        .post(`/v1/institutions/${schoolA}/courses`)
        .set(bearer(admin))
        .send({
          code: uniqueCode('GE'),
          name: '思想道德与法治',
          credits: 3,
          hours: 48,
          category: 'PUBLIC_BASIC',
        })
        .expect(201);
      expect(outside.body.programId).toBeNull();
      for (const token of [examinerY, learner, registrarB]) {
        const list = await t
          .http()
          .get(`/v1/institutions/${schoolA}/courses`)
          .set(bearer(token))
          .expect(200);
        expect(list.body.items).toEqual(expect.arrayContaining([inProgram.body, outside.body]));
      }
      const filtered = await t
        .http()
        .get(`/v1/institutions/${schoolA}/courses?programId=${programA}&category=PROFESSIONAL_CORE`)
        .set(bearer(examinerX))
        .expect(200);
      expect(
        filtered.body.items.every((c: { programId: string }) => c.programId === programA),
      ).toBe(true);
      expect(filtered.body.items).toContainEqual(inProgram.body);
    });

    it("refuses a program of another school (422), another school's registrar (404) and a code in use (409)", async () => {
      const before = await rowCounts(t, ['courses']);
      const body = {
        code: uniqueCode('C'),
        name: '网页设计与制作',
        credits: '4',
        hours: 64,
        category: 'PROFESSIONAL_FOUNDATION',
      };
      const foreign = await t
        .http()
        .post(`/v1/institutions/${schoolA}/courses`)
        .set(bearer(registrarA))
        .send({ ...body, programId: programB })
        .expect(422);
      expect(foreign.body.errors).toMatchObject([
        { field: 'programId', message: expect.any(String) },
      ]);
      const outOfScope = await t
        .http()
        .post(`/v1/institutions/${schoolA}/courses`)
        .set(bearer(registrarB))
        .send(body);
      expect(outOfScope.status).toBe(404);
      expect(outOfScope.body.code).toBe('CATALOG.INSTITUTION_NOT_FOUND');
      await t
        .http()
        .post(`/v1/institutions/${schoolA}/courses`)
        .set(bearer(examinerX))
        .send(body)
        .expect(403);
      expect(await rowCounts(t, ['courses'])).toEqual(before);
      await t
        .http()
        .post(`/v1/institutions/${schoolA}/courses`)
        .set(bearer(registrarA))
        .send(body)
        .expect(201);
      const taken = await t
        .http()
        .post(`/v1/institutions/${schoolA}/courses`)
        .set(bearer(admin))
        .send(body)
        .expect(409);
      expect(taken.body.code).toBe('CATALOG.COURSE_CODE_TAKEN');
      expect((await rowCounts(t, ['courses'])).courses).toBe(before.courses + 1);
    });
  });
});
