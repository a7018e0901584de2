import { randomUUID } from 'node:crypto';
import {
  aCourse,
  anActiveRule,
  apply,
  aSignedInLearner,
  bearer,
  decide,
  recordCertificate,
  recordCredit,
} from '../support/factories';
import { aConversionWorld, ConversionWorld } from '../support/conversion-world';
import { auditTuning } from '../support/audit-tuning';
import { waitForAuditCaughtUp } from '../support/audit-helpers';
import { changedTables, tableCounts } from '../support/table-counts';
import { createTestApp, TestApp } from '../support/test-app';

/* eslint-disable @typescript-eslint/no-explicit-any -- JSON bodies, probed field by field */
type Json = any;

/**
 * The previews of a revocation and a reversal: what the correction would cancel, cascade and
 * record again, computed by the correction itself and rolled back. Nothing of the dry run stays
 * (no table changes, the audit chain verifies), and the real correction afterwards does what the
 * preview said.
 */
describe('correction previews: what a revocation or reversal would do, without doing it', () => {
  let t: TestApp;
  let w: ConversionWorld;

  beforeAll(async () => {
    t = await createTestApp('correction preview', {
      withWorker: true,
      // No periodic tree heads: the row counts before and after a preview are the product's own.
      modules: [auditTuning({ treeHeadEveryMs: 3_600_000 })],
    });
    w = await aConversionWorld(t);
  }, 120_000);

  afterAll(async () => {
    await t?.close();
  }, 60_000);

  const approved = async (options: {
    learner: { id: string; token: string };
    ruleId: string;
    target: object;
    decider: string;
  }) => {
    const application = (
      await apply(t, {
        token: options.learner.token,
        learnerId: options.learner.id,
        ruleId: options.ruleId,
        target: options.target,
      }).expect(201)
    ).body;
    const decision = await decide(t, {
      token: options.decider,
      applicationId: application.id,
      decision: 'APPROVE',
    }).expect(200);
    return decision.body.exemption;
  };

  const get = (token: string, path: string) => t.http().get(path).set(bearer(token));

  /** Two course exemptions on a SENIOR certificate; a JUNIOR one can carry only the first. */
  const aCascade = async () => {
    const courses = [
      await aCourse(t, {
        institutionId: w.school,
        programId: w.program,
        credits: '3',
        name: '网页设计',
      }),
      await aCourse(t, {
        institutionId: w.school,
        programId: w.program,
        credits: '3',
        name: '前端框架',
      }),
    ];
    const rule = await anActiveRule(t, {
      token: w.registrar,
      rule: {
        kind: 'CERT_TO_COURSE',
        condition: { certificate: { schemeId: w.scheme, minLevel: 'JUNIOR' } },
        targets: courses.map((courseId) => ({ courseId })),
        maxCreditsPerEvidence: '8',
      },
    });
    const learner = await aSignedInLearner(t, { name: '周晓明' });
    const junior = await recordCertificate(t, {
      token: w.examiner,
      learnerId: learner.id,
      schemeId: w.scheme,
      level: 'JUNIOR',
    });
    const senior = await recordCertificate(t, {
      token: w.examiner,
      learnerId: learner.id,
      schemeId: w.scheme,
      level: 'SENIOR',
    });
    const first = await approved({
      learner,
      ruleId: rule.id,
      target: { courseId: courses[0] },
      decider: w.registrar,
    });
    const second = await approved({
      learner,
      ruleId: rule.id,
      target: { courseId: courses[1] },
      decider: w.registrar,
    });
    return { courses, rule, learner, junior, senior, first, second };
  };

  it('previews a revocation: the certificate, both exemptions it backs, the one re-pointed; then the revocation does exactly that', async () => {
    const { courses, rule, learner, junior, senior, first, second } = await aCascade();
    await waitForAuditCaughtUp(t.dataSource);
    const before = await tableCounts(t.superuser);
    const [{ maxSeq }]: { maxSeq: string }[] = await t.dataSource.query(
      'SELECT max(seq)::text AS "maxSeq" FROM ledger_entries',
    );

    const reason = '证书信息有误';
    const preview = (
      await get(
        w.examiner,
        `/v1/certificates/${senior}/revocation-preview?reason=${encodeURIComponent(reason)}`,
      ).expect(200)
    ).body;

    expect(changedTables(before, await tableCounts(t.superuser))).toEqual([]);
    expect(preview.learner).toEqual({ id: learner.id, name: '周晓明' });
    expect(preview.entry).toMatchObject({
      id: senior,
      kind: 'CERTIFICATE',
      status: 'ACTIVE',
      scheme: { id: w.scheme, name: 'Web前端开发' },
      levelName: '高级',
      certificationBody: { id: w.body },
    });
    expect(preview.cascaded).toEqual([
      expect.objectContaining({
        id: first.id,
        kind: 'COURSE_EXEMPTION',
        status: 'ACTIVE',
        course: expect.objectContaining({ id: courses[0], name: '网页设计' }),
        evidence: [expect.objectContaining({ id: senior, kind: 'CERTIFICATE' })],
      }),
      expect.objectContaining({
        id: second.id,
        status: 'ACTIVE',
        course: expect.objectContaining({ id: courses[1], name: '前端框架' }),
      }),
    ]);
    expect(preview.repointed).toHaveLength(1);
    const [{ reversed, replacement }] = preview.repointed;
    expect(reversed).toMatchObject({ id: first.id, status: 'ACTIVE' });
    expect(replacement).toMatchObject({
      kind: 'COURSE_EXEMPTION',
      status: 'ACTIVE',
      courseId: courses[0],
      course: expect.objectContaining({ name: '网页设计' }),
      credits: '3.00',
      ruleVersionId: first.ruleVersionId,
      rule: expect.objectContaining({ id: rule.id, versionId: first.ruleVersionId }),
      evidenceEntryIds: [junior],
      evidence: [expect.objectContaining({ id: junior, kind: 'CERTIFICATE' })],
      // The cascaded reversal of the dry run, named from the dry run itself.
      cause: {
        id: replacement.causeEntryId,
        kind: 'REVERSAL',
        label: expect.stringContaining('冲正'),
      },
    });
    const ghosts: { n: number }[] = await t.dataSource.query(
      'SELECT count(*)::int AS n FROM ledger_entries WHERE id = ANY($1::uuid[])',
      [[replacement.id, replacement.causeEntryId]],
    );
    expect(ghosts[0].n).toBe(0);

    const revocation = (
      await t
        .http()
        .post(`/v1/certificates/${senior}/revocation`)
        .set(bearer(w.examiner))
        .send({ reason })
        .expect(201)
    ).body;
    expect(revocation.cascaded.map((entry: Json) => entry.cancelsEntryId)).toEqual(
      preview.cascaded.map((entry: Json) => entry.id),
    );
    expect(revocation.repointed.map((each: Json) => each.replacesEntryId)).toEqual(
      preview.repointed.map((each: Json) => each.reversed.id),
    );
    const recorded = revocation.repointed[0].exemption;
    for (const field of [
      'kind',
      'courseId',
      'credits',
      'ruleVersionId',
      'evidenceEntryIds',
      'applicationId',
    ])
      expect({ field, value: recorded[field] }).toEqual({ field, value: replacement[field] });
    // The reason quotes the exemption, evidence and correction reason: the same words.
    expect(recorded.reason).toBe(replacement.reason);
    expect(recorded.id).not.toBe(replacement.id);
    // The dry run's inserts consumed identity values: the real entries start past a gap.
    expect(BigInt(revocation.correction.seq)).toBeGreaterThan(BigInt(maxSeq) + 1n);

    // Gaps in ledger seq and outbox ids are nothing the audit verifier minds.
    await waitForAuditCaughtUp(t.dataSource);
    const report = (await get(w.admin, '/v1/audit/verify').expect(200)).body;
    expect(report).toMatchObject({ valid: true, problems: [] });
    expect(report.tables).toContainEqual(
      expect.objectContaining({ code: 'LEDGER', pending: 0, problems: 0 }),
    );

    const again = await get(w.examiner, `/v1/certificates/${senior}/revocation-preview`).expect(
      409,
    );
    expect(again.body.code).toBe('LEDGER.ALREADY_CANCELLED');
    const ofCorrection = await get(
      w.admin,
      `/v1/entries/${revocation.correction.id}/reversal-preview`,
    ).expect(422);
    expect(ofCorrection.body.code).toBe('LEDGER.NOT_CANCELLABLE');
  });

  it('previews a reversal by the recording school: the 免试 its rule’s other alternative still proves is re-pointed', async () => {
    const java = await aCourse(t, { institutionId: w.school, name: 'Java 程序设计' });
    const python = await aCourse(t, { institutionId: w.school, name: 'Python 程序设计' });
    const exam = { schemeId: w.scheme, level: 'INTERMEDIATE', component: 'THEORY' };
    const rule = await anActiveRule(t, {
      token: w.examiner,
      rule: {
        kind: 'COURSE_TO_EXAM',
        condition: {
          any: [{ courseCredit: { courseId: java } }, { courseCredit: { courseId: python } }],
        },
        targets: [exam],
        creditsGranted: '2',
      },
    });
    const learner = await aSignedInLearner(t);
    const javaCredit = await recordCredit(t, {
      token: w.registrar,
      learnerId: learner.id,
      courseId: java,
    });
    const pythonCredit = await recordCredit(t, {
      token: w.registrar,
      learnerId: learner.id,
      courseId: python,
    });
    const exemption = await approved({
      learner,
      ruleId: rule.id,
      target: exam,
      decider: w.examiner,
    });
    await waitForAuditCaughtUp(t.dataSource);
    const before = await tableCounts(t.superuser);

    const preview = (
      await get(w.registrar, `/v1/entries/${javaCredit}/reversal-preview`).expect(200)
    ).body;
    expect(changedTables(before, await tableCounts(t.superuser))).toEqual([]);
    expect(preview.entry).toMatchObject({
      id: javaCredit,
      kind: 'COURSE_CREDIT',
      course: expect.objectContaining({ name: 'Java 程序设计' }),
    });
    expect(preview.cascaded).toEqual([
      expect.objectContaining({ id: exemption.id, kind: 'EXAM_EXEMPTION', levelName: '中级' }),
    ]);
    expect(preview.repointed).toEqual([
      {
        reversed: expect.objectContaining({ id: exemption.id }),
        replacement: expect.objectContaining({
          kind: 'EXAM_EXEMPTION',
          evidenceEntryIds: [pythonCredit],
          evidence: [expect.objectContaining({ id: pythonCredit, kind: 'COURSE_CREDIT' })],
          scheme: expect.objectContaining({ id: w.scheme }),
        }),
      },
    ]);

    // The python credit backs nothing: its preview cascades nothing.
    const plain = (await get(w.admin, `/v1/entries/${pythonCredit}/reversal-preview`).expect(200))
      .body;
    expect(plain).toMatchObject({ entry: { id: pythonCredit }, cascaded: [], repointed: [] });
    expect(changedTables(before, await tableCounts(t.superuser))).toEqual([]);
  });

  it('answers as the correction would: 404 for what the caller may not cancel, 422 for a bad reason', async () => {
    const learner = await aSignedInLearner(t);
    const certificate = await recordCertificate(t, {
      token: w.examiner,
      learnerId: learner.id,
      schemeId: w.scheme,
    });
    const credit = await recordCredit(t, {
      token: w.registrar,
      learnerId: learner.id,
      courseId: await aCourse(t, { institutionId: w.school }),
    });
    await waitForAuditCaughtUp(t.dataSource);
    const before = await tableCounts(t.superuser);
    const refusals = [
      [w.otherExaminer, `/v1/certificates/${certificate}/revocation-preview`, 404],
      [w.examiner, `/v1/certificates/${credit}/revocation-preview`, 404],
      [w.examiner, `/v1/certificates/${randomUUID()}/revocation-preview`, 404],
      [w.otherRegistrar, `/v1/entries/${credit}/reversal-preview`, 404],
      [w.registrar, `/v1/entries/${certificate}/reversal-preview`, 404],
      [learner.token, `/v1/entries/${credit}/reversal-preview`, 403],
      [w.registrar, `/v1/certificates/${certificate}/revocation-preview`, 403],
      [w.examiner, `/v1/certificates/${certificate}/revocation-preview?reason=%20%20`, 422],
      [w.examiner, `/v1/certificates/${certificate}/revocation-preview?extra=1`, 422],
    ] as const;
    const answers = [];
    for (const [token, path, status] of refusals) {
      const response = await get(token, path);
      answers.push({ path, status: response.status, code: response.body.code });
      expect({ path, status: response.status }).toEqual({ path, status });
    }
    expect(answers.filter((answer) => answer.status === 404).map((answer) => answer.code)).toEqual(
      Array(5).fill('LEDGER.ENTRY_NOT_FOUND'),
    );
    expect(changedTables(before, await tableCounts(t.superuser))).toEqual([]);
  });
});
