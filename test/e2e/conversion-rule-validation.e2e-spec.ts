import { createTestApp, TestApp } from '../support/test-app';
import { aCourse, aSignedInLearner, certificateRuleBody, createRule } from '../support/factories';
import { aConversionWorld, ConversionWorld } from '../support/conversion-world';

describe('conversion rules: validation with a path to each fault', () => {
  let t: TestApp;
  let w: ConversionWorld;
  let core: string;

  beforeAll(async () => {
    t = await createTestApp('conversion rule validation');
    w = await aConversionWorld(t);
    core = await aCourse(t, { institutionId: w.school, programId: w.program });
  }, 120_000);

  afterAll(async () => {
    await t?.close();
  }, 60_000);

  const certificateRule = (overrides: object = {}) =>
    certificateRuleBody(w.scheme, core, overrides);
  const create = (token: string, body: object) => createRule(t, { token, rule: body });
  const fieldsOf = (body: { errors?: { field: string; message: string }[] }) =>
    (body.errors ?? []).map((e) => e.field);

  it.each([
    ['an unknown leaf type', { all: [{ badge: { id: 'x' } }] }, 'condition.all[0].badge'],
    ['an empty group', { any: [] }, 'condition.any'],
    [
      'atLeast.n above the number of conditions',
      { atLeast: { n: 2, of: [{ certificate: { schemeId: 'S', minLevel: 'JUNIOR' } }] } },
      'condition.atLeast.n',
    ],
    [
      'a maxLevel below minLevel',
      { certificate: { schemeId: 'S', minLevel: 'SENIOR', maxLevel: 'JUNIOR' } },
      'condition.certificate.maxLevel',
    ],
  ])('refuses %s with 422 naming the path', async (_, condition, path) => {
    const response = await create(w.registrar, certificateRule({ condition }));
    expect(response.status).toBe(422);
    expect(fieldsOf(response.body)).toContain(path);
  });

  it('refuses conditions nested deeper than 8 levels', async () => {
    let condition: object = { certificate: { schemeId: w.scheme, minLevel: 'JUNIOR' } };
    for (let depth = 1; depth < 9; depth += 1) condition = { all: [condition] };
    const response = await create(w.registrar, certificateRule({ condition }));
    expect(response.status).toBe(422);
    expect(response.body.errors[0].message).toBe('nested deeper than 8 levels');
  });

  it('refuses references to courses, schemes, levels and programs that do not exist, by path', async () => {
    const missing = '00000000-0000-4000-8000-000000000000';
    const response = await create(
      w.registrar,
      certificateRule({
        condition: {
          all: [
            { certificate: { schemeId: w.scheme, minLevel: 'INTERMEDIATE' } },
            { certificate: { schemeId: missing, minLevel: 'JUNIOR' } },
            { courseCredit: { courseId: missing } },
            { diploma: { programId: missing } },
            { courseCredit: { courseId: 'not-a-uuid' } },
          ],
        },
      }),
    );
    expect(response.status).toBe(422);
    expect(fieldsOf(response.body)).toEqual(['condition.all[4].courseCredit.courseId']);
    const second = await create(
      w.registrar,
      certificateRule({
        condition: {
          all: [
            { certificate: { schemeId: missing, minLevel: 'JUNIOR' } },
            { courseCredit: { courseId: missing } },
            { diploma: { programId: missing } },
          ],
        },
      }),
    );
    expect(second.status).toBe(422);
    expect(fieldsOf(second.body).sort()).toEqual([
      'condition.all[0].certificate.schemeId',
      'condition.all[1].courseCredit.courseId',
      'condition.all[2].diploma.programId',
    ]);
  });

  it('refuses targets that do not exist, do not fit the kind, or lie outside the author’s scope (422, worded alike)', async () => {
    const missing = '00000000-0000-4000-8000-000000000000';
    const notThere = await create(
      w.registrar,
      certificateRule({ targets: [{ courseId: missing }] }),
    );
    expect(notThere.status).toBe(422);
    const foreign = await create(w.otherRegistrar, certificateRule());
    expect(foreign.status).toBe(422);
    expect(foreign.body.errors).toMatchObject([
      { field: 'targets[0].courseId', message: 'no such course in your institution' },
    ]);
    expect(notThere.body.errors).toEqual(foreign.body.errors);
    const examShaped = await create(
      w.registrar,
      certificateRule({ targets: [{ schemeId: w.scheme, level: 'SENIOR', component: 'THEORY' }] }),
    );
    expect(fieldsOf(examShaped.body)).toEqual(
      expect.arrayContaining(['targets[0].schemeId', 'targets[0].courseId']),
    );
    const examiner = await create(w.examiner, certificateRule());
    expect(examiner.status).toBe(422);
    const badComponent = await create(w.examiner, {
      kind: 'COURSE_TO_EXAM',
      name: '免试',
      condition: { courseCredit: { courseId: core, minScore: 70 } },
      targets: [{ schemeId: w.scheme, level: 'SENIOR', component: 'ORAL' }],
      effectiveFrom: '2024-09-01',
    });
    expect(badComponent.status).toBe(422);
    expect(badComponent.body.errors).toMatchObject([
      { field: 'targets[0].component', message: 'SENIOR has no exam component ORAL' },
    ]);
    const learner = await aSignedInLearner(t);
    await create(learner.token, certificateRule()).expect(403);
  });

  it('requires the kind’s evidence and one owner for all targets', async () => {
    const noCertificate = await create(
      w.registrar,
      certificateRule({ condition: { diploma: { programId: w.program } } }),
    );
    expect(noCertificate.body.errors).toMatchObject([
      { field: 'condition', message: 'a CERT_TO_COURSE rule must name a certificate' },
    ]);
    const otherCourse = await aCourse(t, { institutionId: w.otherSchool });
    const mixed = await create(
      w.admin,
      certificateRule({ targets: [{ courseId: core }, { courseId: otherCourse }] }),
    );
    expect(mixed.status).toBe(422);
    expect(fieldsOf(mixed.body)).toEqual(['targets']);
    const duplicate = await create(
      w.registrar,
      certificateRule({ targets: [{ courseId: core }, { courseId: core.toUpperCase() }] }),
    );
    expect(duplicate.body.errors).toMatchObject([
      { field: 'targets[1]', message: 'duplicate target' },
    ]);
  });
});
