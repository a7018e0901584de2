import { createTestApp, TestApp } from '../support/test-app';
import {
  aCourse,
  anActiveRule,
  bearer,
  certificateRuleBody,
  createRule,
} from '../support/factories';
import { aConversionWorld, ConversionWorld } from '../support/conversion-world';

describe('conversion rules: scope and lifecycle', () => {
  let t: TestApp;
  let w: ConversionWorld;
  let core: string;

  beforeAll(async () => {
    t = await createTestApp('conversion rules');
    w = await aConversionWorld(t);
    core = await aCourse(t, { institutionId: w.school, programId: w.program });
  }, 120_000);

  afterAll(async () => {
    await t?.close();
  }, 60_000);

  const certificateRule = (overrides: object = {}) =>
    certificateRuleBody(w.scheme, core, overrides);
  const create = (token: string, body: object) => createRule(t, { token, rule: body });
  it('creates a DRAFT version 1 owned by the target course’s institution, and shows it', async () => {
    const created = await create(w.registrar, certificateRule());
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      kind: 'CERT_TO_COURSE',
      status: 'DRAFT',
      ownerInstitutionId: w.school,
      ownerCertificationBodyId: null,
      activeVersion: null,
    });
    expect(created.body.versions).toEqual([
      expect.objectContaining({
        version: 1,
        status: 'DRAFT',
        maxCreditsPerEvidence: '8',
        targets: [{ courseId: core }],
      }),
    ]);
    const shown = await t
      .http()
      .get(`/v1/conversion-rules/${created.body.id}`)
      .set(bearer(w.examiner))
      .expect(200);
    expect(shown.body.versions).toHaveLength(1);
    const listed = await t
      .http()
      .get('/v1/conversion-rules')
      .query({ kind: 'CERT_TO_COURSE', status: 'DRAFT', ownerInstitutionId: w.school })
      .set(bearer(w.admin))
      .expect(200);
    expect(listed.body.items.map((rule: { id: string }) => rule.id)).toContain(created.body.id);
    const elsewhere = await t
      .http()
      .get('/v1/conversion-rules')
      .query({ ownerInstitutionId: w.otherSchool })
      .set(bearer(w.admin))
      .expect(200);
    expect(elsewhere.body.items).toEqual([]);
  });

  it('moves DRAFT → ACTIVE → SUPERSEDED by a new version, then RETIRED; each transition only once', async () => {
    const created = await create(w.registrar, certificateRule()).expect(201);
    const ruleId = created.body.id as string;
    const first = await t
      .http()
      .post(`/v1/conversion-rules/${ruleId}/activate`)
      .set(bearer(w.registrar))
      .send({})
      .expect(200);
    expect(first.body).toMatchObject({
      status: 'ACTIVE',
      supersededVersionId: null,
      activeVersion: { version: 1, status: 'ACTIVE' },
    });
    await t
      .http()
      .post(`/v1/conversion-rules/${ruleId}/activate`)
      .set(bearer(w.registrar))
      .send({})
      .expect(409);

    const draft = await t
      .http()
      .post(`/v1/conversion-rules/${ruleId}/versions`)
      .set(bearer(w.registrar))
      .send({
        ...certificateRule(),
        kind: undefined,
        name: 'v2: 6 学分上限',
        maxCreditsPerEvidence: '6',
      });
    expect(draft.status).toBe(201);
    expect(draft.body).toMatchObject({ version: 2, status: 'DRAFT', maxCreditsPerEvidence: '6' });
    const stillV1 = await t
      .http()
      .get(`/v1/conversion-rules/${ruleId}`)
      .set(bearer(w.registrar))
      .expect(200);
    expect(stillV1.body.activeVersion.version).toBe(1);

    const second = await t
      .http()
      .post(`/v1/conversion-rules/${ruleId}/activate`)
      .set(bearer(w.registrar))
      .send({})
      .expect(200);
    expect(second.body.supersededVersionId).toBe(first.body.activeVersion.id);
    expect(
      second.body.versions.map((v: { version: number; status: string }) => [v.version, v.status]),
    ).toEqual([
      [2, 'ACTIVE'],
      [1, 'SUPERSEDED'],
    ]);
    expect(second.body.versions[1].endedAt).toEqual(expect.any(String));

    const retired = await t
      .http()
      .post(`/v1/conversion-rules/${ruleId}/retire`)
      .set(bearer(w.registrar))
      .expect(200);
    expect(retired.body).toMatchObject({
      status: 'RETIRED',
      activeVersion: null,
      closedApplicationIds: [],
    });
    await t
      .http()
      .post(`/v1/conversion-rules/${ruleId}/retire`)
      .set(bearer(w.registrar))
      .expect(409);
    const listed = await t
      .http()
      .get('/v1/conversion-rules')
      .query({ status: 'RETIRED' })
      .set(bearer(w.admin))
      .expect(200);
    expect(listed.body.items.map((rule: { id: string }) => rule.id)).toContain(ruleId);
  });

  it('answers 404 to another side for versions, activation, retirement and scans; ADMIN may act', async () => {
    const ruleId = (await create(w.registrar, certificateRule()).expect(201)).body.id as string;
    const content = { ...certificateRule(), kind: undefined };
    for (const token of [w.otherRegistrar, w.examiner]) {
      await t
        .http()
        .post(`/v1/conversion-rules/${ruleId}/versions`)
        .set(bearer(token))
        .send(content)
        .expect(404);
      await t
        .http()
        .post(`/v1/conversion-rules/${ruleId}/activate`)
        .set(bearer(token))
        .send({})
        .expect(404);
      await t.http().post(`/v1/conversion-rules/${ruleId}/retire`).set(bearer(token)).expect(404);
      await t
        .http()
        .post(`/v1/conversion-rules/${ruleId}/eligibility-scan`)
        .set(bearer(token))
        .expect(404);
    }
    // No body at all is fine: the newest DRAFT is activated.
    await t.http().post(`/v1/conversion-rules/${ruleId}/activate`).set(bearer(w.admin)).expect(200);
    const foreignVersion = await aCourse(t, { institutionId: w.otherSchool });
    const moved = await t
      .http()
      .post(`/v1/conversion-rules/${ruleId}/versions`)
      .set(bearer(w.admin))
      .send({ ...content, targets: [{ courseId: foreignVersion }] });
    expect(moved.status).toBe(422);
    expect(moved.body.errors[0].message).toContain("keep the rule's owner");
  });

  it('reports other ACTIVE rules exempting the same course from overlapping evidence', async () => {
    // Fresh courses: earlier tests left rules active on `core`.
    const foundation = await aCourse(t, {
      institutionId: w.school,
      programId: w.program,
      category: 'PROFESSIONAL_FOUNDATION',
    });
    const core = await aCourse(t, { institutionId: w.school, programId: w.program });
    const first = await anActiveRule(t, {
      token: w.registrar,
      rule: {
        kind: 'CERT_TO_COURSE',
        condition: { certificate: { schemeId: w.scheme, minLevel: 'JUNIOR', maxLevel: 'JUNIOR' } },
        targets: [{ courseId: foundation }],
      },
    });
    const unrelated = await anActiveRule(t, {
      token: w.registrar,
      rule: {
        kind: 'COURSE_TO_COURSE',
        condition: { courseCredit: { courseId: core } },
        targets: [{ courseId: foundation }],
      },
    });
    expect(unrelated.overlaps).toEqual([]);
    const second = await anActiveRule(t, {
      token: w.registrar,
      rule: {
        kind: 'CERT_TO_COURSE',
        condition: {
          any: [
            { certificate: { schemeId: w.scheme, minLevel: 'SENIOR' } },
            { diploma: { programId: w.program } },
          ],
        },
        targets: [{ courseId: core }, { courseId: foundation }],
      },
    });
    expect(second.overlaps).toEqual([
      expect.objectContaining({
        ruleId: first.id,
        sharedTargets: [{ courseId: foundation }],
        sharedEvidenceIds: [w.scheme],
      }),
    ]);
  });
});
