import { createTestApp, TestApp } from '../support/test-app';
import {
  aCertificationBody,
  aCourse,
  anActiveRule,
  aScheme,
  bearer,
  createRule,
} from '../support/factories';
import { aConversionWorld, ConversionWorld } from '../support/conversion-world';
import { tableCounts, changedTables } from '../support/table-counts';

/**
 * GET /v1/conversion-rules/{id}/overlaps: the report an activation would give, before it. It is
 * computed by the activation's own code, so the preview and the activation's `overlaps` agree;
 * asking writes nothing and leaves the DRAFT a DRAFT.
 */
describe('conversion rules: the overlap report before activating', () => {
  let t: TestApp;
  let w: ConversionWorld;
  let foundation: string;
  let core: string;
  let firstRule: string;

  beforeAll(async () => {
    t = await createTestApp('rule overlap preview');
    w = await aConversionWorld(t);
    foundation = await aCourse(t, {
      institutionId: w.school,
      programId: w.program,
      category: 'PROFESSIONAL_FOUNDATION',
    });
    core = await aCourse(t, { institutionId: w.school, programId: w.program });
    firstRule = (
      await anActiveRule(t, {
        token: w.registrar,
        rule: {
          kind: 'CERT_TO_COURSE',
          condition: { certificate: { schemeId: w.scheme, minLevel: 'JUNIOR' } },
          targets: [{ courseId: foundation }],
        },
      })
    ).id;
  }, 120_000);

  afterAll(async () => {
    await t?.close();
  }, 60_000);

  const preview = (token: string, ruleId: string, query: Record<string, string> = {}) =>
    t.http().get(`/v1/conversion-rules/${ruleId}/overlaps`).query(query).set(bearer(token));

  async function aDraft(): Promise<string> {
    const created = await createRule(t, {
      token: w.registrar,
      rule: {
        kind: 'CERT_TO_COURSE',
        name: '高级证书免修基础课与核心课',
        condition: {
          all: [
            { certificate: { schemeId: w.scheme, minLevel: 'SENIOR' } },
            { diploma: { programId: w.program } },
          ],
        },
        targets: [{ courseId: core }, { courseId: foundation }],
        effectiveFrom: '2024-09-01',
      },
    }).expect(201);
    return created.body.id as string;
  }

  it('reports the overlapping ACTIVE rule, writes nothing, and the activation then reports the same', async () => {
    const ruleId = await aDraft();
    const before = await tableCounts(t.superuser);
    const report = await preview(w.registrar, ruleId).expect(200);
    expect(changedTables(before, await tableCounts(t.superuser))).toEqual([]);
    expect(report.body).toEqual({
      ruleId,
      ruleVersionId: expect.any(String),
      version: 1,
      overlaps: [
        {
          type: 'OVERLAPPING_RULE',
          ruleId: firstRule,
          ruleVersionId: expect.any(String),
          version: 1,
          name: '证书换课程学分',
          kind: 'CERT_TO_COURSE',
          sharedTargets: [{ courseId: foundation }],
          sharedEvidenceIds: [w.scheme],
        },
      ],
    });
    const still = await t.http().get(`/v1/conversion-rules/${ruleId}`).set(bearer(w.registrar));
    expect(still.body.status).toBe('DRAFT');
    expect(still.body.versions[0].status).toBe('DRAFT');
    expect(still.body.versions[0].id).toBe(report.body.ruleVersionId);
    const activated = await t
      .http()
      .post(`/v1/conversion-rules/${ruleId}/activate`)
      .set(bearer(w.registrar))
      .send({})
      .expect(200);
    expect(activated.body.overlaps).toEqual(report.body.overlaps);
  });

  it('refuses what the activation refuses: an ACTIVE version 409, a version that does not exist 404', async () => {
    const ruleId = await aDraft();
    await t
      .http()
      .post(`/v1/conversion-rules/${ruleId}/activate`)
      .set(bearer(w.registrar))
      .send({})
      .expect(200);
    const noDraft = await preview(w.registrar, ruleId).expect(409);
    expect(noDraft.body.code).toBe('CONVERSION.NOTHING_TO_ACTIVATE');
    const active = await preview(w.registrar, ruleId, { version: '1' }).expect(409);
    expect(active.body.code).toBe('CONVERSION.NOTHING_TO_ACTIVATE');
    const missing = await preview(w.registrar, ruleId, { version: '7' }).expect(404);
    expect(missing.body.code).toBe('CONVERSION.RULE_VERSION_NOT_FOUND');
    const malformed = await preview(w.registrar, ruleId, { version: 'two' }).expect(422);
    expect(malformed.body.errors.map((e: { field: string }) => e.field)).toEqual(['version']);
  });

  it('is the owner’s: another school’s registrar and the examiners are told the rule does not exist', async () => {
    const ruleId = await aDraft();
    for (const token of [w.otherRegistrar, w.examiner]) {
      const answer = await preview(token, ruleId).expect(404);
      expect(answer.body.code).toBe('CONVERSION.RULE_NOT_FOUND');
    }
    await preview(w.admin, ruleId).expect(200);
  });

  it('names, for a 免试 rule, the other body’s certificate its condition accepts', async () => {
    const otherBody = await aCertificationBody(t, { name: '中国电子学会' });
    const otherScheme = await aScheme(t, {
      certificationBodyId: otherBody,
      name: '物联网安装调试',
    });
    const created = await createRule(t, {
      token: w.examiner,
      rule: {
        kind: 'COURSE_TO_EXAM',
        name: '核心课或物联网证书免试理论',
        condition: {
          any: [
            { courseCredit: { courseId: core, minScore: 80 } },
            { certificate: { schemeId: otherScheme, minLevel: 'INTERMEDIATE' } },
          ],
        },
        targets: [{ schemeId: w.scheme, level: 'SENIOR', component: 'THEORY' }],
        effectiveFrom: '2024-09-01',
      },
    }).expect(201);
    const report = await preview(w.examiner, created.body.id as string).expect(200);
    expect(report.body.overlaps).toEqual([
      {
        type: 'OTHER_BODY_CERTIFICATE',
        certificationBodyId: otherBody,
        certificationBodyName: '中国电子学会',
        schemeId: otherScheme,
        schemeCode: expect.stringMatching(/^X-/),
        schemeName: '物联网安装调试',
        paths: ['condition.any[1].certificate'],
      },
    ]);
  });
});
