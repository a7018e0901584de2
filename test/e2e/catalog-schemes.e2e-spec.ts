import { Role } from '@app/core';
import {
  aCertificationBody,
  aLearner,
  anInstitution,
  bearer,
  schemeBody,
  uniqueCode,
} from '../support/factories';
import { CATALOG_TABLES, rowCounts } from '../support/table-counts';
import { createTestApp, TestApp } from '../support/test-app';

describe('certification bodies and certificate schemes over HTTP', () => {
  let t: TestApp;
  let admin: string;
  let bodyX: string;
  let bodyY: string;
  let registrarA: string;
  let examinerX: string;
  let examinerY: string;
  let learner: string;

  beforeAll(async () => {
    t = await createTestApp('catalog_schemes');
    admin = await t.tokenFor(Role.ADMIN);
    [bodyX, bodyY] = [await aCertificationBody(t), await aCertificationBody(t)];
    registrarA = await t.tokenFor(Role.REGISTRAR, {
      institutionId: await anInstitution(t),
    });
    examinerX = await t.tokenFor(Role.EXAMINER, { certificationBodyId: bodyX });
    examinerY = await t.tokenFor(Role.EXAMINER, { certificationBodyId: bodyY });
    learner = await t.tokenFor(Role.LEARNER, { learnerId: await aLearner(t) });
  }, 90_000);

  afterAll(async () => {
    await t?.close();
  }, 60_000);

  it('lets ADMIN create bodies; a body code in use is a 409; examiners cannot create bodies', async () => {
    const before = await rowCounts(t, ['certification_bodies']);
    const body = { code: uniqueCode('CFLP'), name: '北京中物联物流采购培训中心' };
    await t.http().post('/v1/certification-bodies').set(bearer(examinerX)).send(body).expect(403);
    await t.http().post('/v1/certification-bodies').set(bearer(admin)).send(body).expect(201);
    const taken = await t
      .http()
      .post('/v1/certification-bodies')
      .set(bearer(admin))
      .send(body)
      .expect(409);
    expect(taken.body.code).toBe('CATALOG.CERTIFICATION_BODY_CODE_TAKEN');
    const list = await t.http().get('/v1/certification-bodies').set(bearer(learner)).expect(200);
    expect(list.body.items.map((item: { code: string }) => item.code)).toContain(body.code);
    expect((await rowCounts(t, ['certification_bodies'])).certification_bodies).toBe(
      before.certification_bodies + 1,
    );
  });

  it("lets the body's examiner create a scheme with its levels and components in one go", async () => {
    const before = await rowCounts(t, CATALOG_TABLES);
    const request = schemeBody(bodyX);
    // Levels in any order come back JUNIOR, INTERMEDIATE, SENIOR.
    request.levels = [...(request.levels as unknown[])].reverse();
    const created = await t
      .http()
      .post('/v1/certificate-schemes')
      .set(bearer(examinerX))
      .send(request)
      .expect(201);
    expect(created.body).toMatchObject({ code: request.code, certificationBodyId: bodyX });
    expect(created.body.levels).toEqual(
      [
        ['JUNIOR', '4.00'],
        ['INTERMEDIATE', '6.00'],
        ['SENIOR', '8.00'],
      ].map(([level, recognisedCredits]) => ({
        level,
        recognisedCredits,
        components: [
          { code: 'PRACTICAL', name: '实操技能考核' },
          { code: 'THEORY', name: '理论知识考试' },
        ],
      })),
    );
    const after = await rowCounts(t, CATALOG_TABLES);
    expect(after.certificate_schemes - before.certificate_schemes).toBe(1);
    expect(after.scheme_levels - before.scheme_levels).toBe(3);
    expect(after.level_components - before.level_components).toBe(6);
    const one = await t
      .http()
      .get(`/v1/certificate-schemes/${created.body.id}`)
      .set(bearer(learner))
      .expect(200);
    expect(one.body).toEqual(created.body);
    const ofBody = await t
      .http()
      .get(`/v1/certificate-schemes?certificationBodyId=${bodyX}`)
      .set(bearer(registrarA))
      .expect(200);
    expect(
      ofBody.body.items.every(
        (s: { certificationBodyId: string }) => s.certificationBodyId === bodyX,
      ),
    ).toBe(true);
    expect(ofBody.body.items).toContainEqual(created.body);
  });

  it("answers 404 to another body's examiner, 409 to a code in use, and writes nothing", async () => {
    const existing = schemeBody(bodyY);
    await t.http().post('/v1/certificate-schemes').set(bearer(admin)).send(existing).expect(201);
    const before = await rowCounts(t, CATALOG_TABLES);
    const outOfScope = await t
      .http()
      .post('/v1/certificate-schemes')
      .set(bearer(examinerX))
      .send(schemeBody(bodyY));
    expect(outOfScope.status).toBe(404);
    expect(outOfScope.body.code).toBe('CATALOG.CERTIFICATION_BODY_NOT_FOUND');
    const unknownBody = schemeBody('0b0e7a4e-0000-4000-8000-000000000000');
    await t.http().post('/v1/certificate-schemes').set(bearer(admin)).send(unknownBody).expect(404);
    const taken = await t
      .http()
      .post('/v1/certificate-schemes')
      .set(bearer(examinerY))
      .send(existing)
      .expect(409);
    expect(taken.body.code).toBe('CATALOG.SCHEME_CODE_TAKEN');
    await t
      .http()
      .post('/v1/certificate-schemes')
      .set(bearer(registrarA))
      .send(schemeBody(bodyX))
      .expect(403);
    const missing = await t
      .http()
      .get('/v1/certificate-schemes/0b0e7a4e-0000-4000-8000-000000000000')
      .set(bearer(admin));
    expect(missing.status).toBe(404);
    expect(missing.body.code).toBe('CATALOG.SCHEME_NOT_FOUND');
    expect(await rowCounts(t, CATALOG_TABLES)).toEqual(before);
  });

  it('requires exactly the three levels, each with components whose codes are unique', async () => {
    const before = await rowCounts(t, CATALOG_TABLES);
    const base = schemeBody(bodyX);
    const levels = base.levels as { level: string; components: unknown[] }[];
    const cases: [string, unknown][] = [
      ['levels', [levels[0], levels[0], levels[2]]],
      ['levels', levels.slice(0, 2)],
      ['levels.1.components', levels.map((l, i) => (i === 1 ? { ...l, components: [] } : l))],
      [
        'levels.2.components',
        levels.map((l, i) =>
          i === 2
            ? {
                ...l,
                components: [
                  { code: 'THEORY', name: 'a' },
                  { code: 'THEORY', name: 'b' },
                ],
              }
            : l,
        ),
      ],
    ];
    for (const [field, value] of cases) {
      const response = await t
        .http()
        .post('/v1/certificate-schemes')
        .set(bearer(admin))
        .send({ ...base, levels: value });
      expect(response.status).toBe(422);
      expect(response.body.errors.map((e: { field: string }) => e.field)).toContain(field);
    }
    expect(await rowCounts(t, CATALOG_TABLES)).toEqual(before);
  });

  it('rolls the scheme and its levels back when a component cannot be written', async () => {
    // A trigger makes the last insert of the transaction fail; nothing before it may remain.
    await t.superuser
      .query(`CREATE FUNCTION test_refuse_boom() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN IF NEW.code = 'BOOM' THEN RAISE EXCEPTION 'refused'; END IF; RETURN NEW; END $$`);
    await t.superuser.query(
      `CREATE TRIGGER test_refuse_boom BEFORE INSERT ON level_components FOR EACH ROW EXECUTE FUNCTION test_refuse_boom()`,
    );
    try {
      const before = await rowCounts(t, CATALOG_TABLES);
      const body = schemeBody(bodyX);
      (body.levels as { components: unknown[] }[])[2].components.push({
        code: 'BOOM',
        name: '故障',
      });
      const response = await t.http().post('/v1/certificate-schemes').set(bearer(admin)).send(body);
      expect(response.status).toBe(500);
      expect(await rowCounts(t, CATALOG_TABLES)).toEqual(before);
    } finally {
      await t.superuser.query('DROP TRIGGER test_refuse_boom ON level_components');
      await t.superuser.query('DROP FUNCTION test_refuse_boom()');
    }
  });
});
