import { DataSource } from 'typeorm';
import { LearnerDirectory } from '@app/accounts';
import { CatalogLookup } from '@app/catalog';
import { RuleNames } from '@app/conversion';
import { AccountReader } from '@app/ledger';
import { UserNames } from '@app/users';
import { unnamedIds } from '../support/unnamed-ids';
import { createTestApp, TestApp } from '../support/test-app';
import {
  aCourse,
  apply,
  aSignedInLearner,
  bearer,
  decide,
  recordCertificate,
  recordCredit,
  recordDiploma,
  reverseEntry,
} from '../support/factories';
import { aConversionWorld, aHunanRuleSet, ConversionWorld } from '../support/conversion-world';

/* eslint-disable @typescript-eslint/no-explicit-any -- JSON bodies, probed field by field */
type Json = any;

describe('records that name things', () => {
  let t: TestApp;
  let w: ConversionWorld;
  let learner: { id: string; token: string };
  let web: string;
  let coreA: string;
  let coreB: string;
  let coreRule: string;
  let credit: string;
  let certificate: string;
  let diploma: string;
  let reversal: string;
  let approved: string;
  let waiting: string;
  let displayName: (token: string) => Promise<string>;
  let recordedBy: (entryId: string) => Promise<string>;

  beforeAll(async () => {
    t = await createTestApp('account names');
    w = await aConversionWorld(t);
    ({ coreA, coreB, coreRule } = await aHunanRuleSet(t, { world: w }));
    learner = await aSignedInLearner(t, { name: '李娜' });
    web = await aCourse(t, {
      institutionId: w.school,
      programId: w.program,
      name: '网页设计与制作',
      category: 'PROFESSIONAL_FOUNDATION',
    });
    credit = await recordCredit(t, { token: w.registrar, learnerId: learner.id, courseId: web });
    certificate = await recordCertificate(t, {
      token: w.examiner,
      learnerId: learner.id,
      schemeId: w.scheme,
      level: 'INTERMEDIATE',
      certificateNo: 'WEB-2025-000123',
    });
    diploma = await recordDiploma(t, {
      token: w.registrar,
      learnerId: learner.id,
      programId: w.program,
    });
    const first = await apply(t, {
      token: learner.token,
      learnerId: learner.id,
      ruleId: coreRule,
      target: { courseId: coreA },
    }).expect(201);
    approved = first.body.id;
    // Waiting before the approval: once coreA is exempted, the certificate's 6 recognised
    // credits leave too few for coreB, so the inbox shows it blocked, and why.
    const second = await apply(t, {
      token: learner.token,
      learnerId: learner.id,
      ruleId: coreRule,
      target: { courseId: coreB },
    }).expect(201);
    waiting = second.body.id;
    const decision = await decide(t, {
      token: w.registrar,
      applicationId: approved,
      decision: 'APPROVE',
      reason: '证书真实有效，同意免修',
    }).expect(200);
    expect(decision.body.exemption.kind).toBe('COURSE_EXEMPTION');
    reversal = await reverseEntry(t, {
      token: w.registrar,
      entryId: credit,
      reason: '成绩录入到了错误的课程',
    });
    const manager = t.app.get(DataSource).manager;
    recordedBy = async (entryId) =>
      (
        await t.superuser.query<{ id: string }[]>(
          'SELECT recorded_by::text AS id FROM ledger_entries WHERE id = $1',
          [entryId],
        )
      )[0].id;
    // The name the views must show is the one the users library gives: another part of the
    // product decides what a display name is.
    displayName = async (entryId) => {
      const id = await recordedBy(entryId);
      const name = (await t.app.get(UserNames).displayNames(manager, [id])).get(id);
      if (!name) throw new Error(`no display name for user ${id}`);
      return name;
    };
  }, 180_000);

  afterAll(async () => {
    await t?.close();
  }, 60_000);

  const get = (path: string, token: string) =>
    t.http().get(path).set(bearer(token)).expect(200) as unknown as Promise<{ body: Json }>;

  it('the walk finds a bare id, an id in a sentence, and accepts an id named beside it or above it', () => {
    const id = '0193a9f0-0000-7000-8000-000000000001';
    expect(unnamedIds({ courseId: id })).toEqual([`$.courseId = ${id}`]);
    expect(unnamedIds({ items: [{ note: `proven by entry ${id}` }] })).toEqual([
      `$.items[0].note says proven by entry ${id}`,
    ]);
    expect(unnamedIds({ evidenceEntryIds: [id], evidence: [{ id, label: '' }] })).toHaveLength(1);
    expect(unnamedIds({ courseId: id, course: { id, code: 'C', name: '课程' } })).toEqual([]);
    expect(unnamedIds({ learner: { id, name: '李娜' }, items: [{ learnerId: id }] })).toEqual([]);
    expect(unnamedIds({ id, limits: [{ programId: id }] })).toEqual([]);
  });

  it('the account names courses, schools, programs, schemes and levels, recorders, rules and versions', async () => {
    const { body } = await get(`/v1/learners/${learner.id}/account`, w.registrar);
    expect(unnamedIds(body)).toEqual([]);
    expect(body.learner).toMatchObject({ id: learner.id, name: '李娜' });

    const passed = body.courseCredits.find((entry: Json) => entry.id === credit);
    expect(passed).toMatchObject({
      courseId: web,
      course: {
        id: web,
        code: expect.stringMatching(/^C-/),
        name: '网页设计与制作',
        credits: '4.00',
        category: 'PROFESSIONAL_FOUNDATION',
      },
      institutionId: w.school,
      institution: { id: w.school, name: '湖南示范职业技术学院', code: expect.any(String) },
      recorder: { id: await recordedBy(credit), name: await displayName(credit) },
      status: 'REVERSED',
      cancelledBy: {
        entryId: reversal,
        kind: 'REVERSAL',
        reason: '成绩录入到了错误的课程',
        recorder: { name: await displayName(reversal) },
        cause: null,
      },
    });

    const held = body.certificates.find((entry: Json) => entry.id === certificate);
    expect(held).toMatchObject({
      scheme: { id: w.scheme, name: 'Web前端开发', code: expect.stringMatching(/^X-/) },
      level: 'INTERMEDIATE',
      levelName: '中级',
      certificationBody: { id: w.body, name: '工业和信息化部教育与考试中心' },
      recorder: { name: await displayName(certificate) },
    });

    expect(body.diplomas.find((entry: Json) => entry.id === diploma)).toMatchObject({
      program: { id: w.program, name: '计算机应用技术', code: expect.stringMatching(/^P-/) },
      institution: { name: '湖南示范职业技术学院' },
    });

    const [exemption] = body.exemptions;
    expect(exemption).toMatchObject({
      kind: 'COURSE_EXEMPTION',
      course: { id: coreA, name: 'Vue.js 应用开发' },
      ruleId: coreRule,
      rule: { id: coreRule, name: '中级证书免修专业核心课', kind: 'CERT_TO_COURSE', version: 1 },
      evidenceEntryIds: [certificate],
      evidence: [
        {
          id: certificate,
          kind: 'CERTIFICATE',
          label: expect.stringMatching(
            /^职业技能等级证书 · Web前端开发 \(X-\w+\) 中级 · WEB-2025-000123$/,
          ),
        },
      ],
      application: { id: approved, label: expect.stringContaining('Vue.js 应用开发') },
    });
    expect(exemption.rule.versionId).toBe(exemption.ruleVersionId);

    const decided = body.applications.find((application: Json) => application.id === approved);
    expect(decided).toMatchObject({
      status: 'APPROVED',
      decisionReason: '证书真实有效，同意免修',
      decider: { name: await displayName(exemption.id) },
      learner: { id: learner.id, name: '李娜' },
      rule: { name: '中级证书免修专业核心课', version: 1 },
      target: { courseId: coreA, course: { name: 'Vue.js 应用开发' } },
      ownerInstitution: { id: w.school, name: '湖南示范职业技术学院' },
      exemptionEntry: { id: exemption.id, label: expect.stringContaining('Vue.js 应用开发') },
    });
    expect(decided.evaluation.explanation.join(' ')).toContain(
      '“中级证书免修专业核心课” version 1',
    );
  });

  it('names a whole response with one look-up per kind of thing, however many rows cite it', async () => {
    const spies = {
      catalog: jest.spyOn(t.app.get(CatalogLookup), 'refs'),
      users: jest.spyOn(t.app.get(UserNames), 'displayNames'),
      learners: jest.spyOn(t.app.get(LearnerDirectory), 'names'),
      rules: jest.spyOn(t.app.get(RuleNames), 'versions'),
      entries: jest.spyOn(t.app.get(AccountReader), 'subjects'),
    };
    try {
      const { body } = await get(`/v1/learners/${learner.id}/account`, w.registrar);
      // Four entries and two applications cite courses, schools, a program, a scheme, a body,
      // three users, a rule version and a certificate.
      expect(body.courseCredits.length + body.exemptions.length + body.applications.length).toBe(4);
      const calls = Object.fromEntries(
        Object.entries(spies).map(([kind, spy]) => [kind, spy.mock.calls.length]),
      );
      // At most one call per kind (a kind nobody cites costs no statement).
      expect(calls).toEqual({ catalog: 1, users: 1, learners: 1, rules: 1, entries: 1 });
      // The account's own learner is named from the profile it was read with.
      expect(spies.learners.mock.calls[0][1]).toEqual([]);
      // Each kind's ids in its one call: every user the account cites.
      expect(new Set(spies.users.mock.calls[0][1]).size).toBeGreaterThanOrEqual(2);
    } finally {
      for (const spy of Object.values(spies)) spy.mockRestore();
    }
  });

  it('the entries page names what each correction cancels, and whose entries they are', async () => {
    const { body } = await get(`/v1/learners/${learner.id}/entries`, learner.token);
    expect(unnamedIds(body)).toEqual([]);
    expect(body.learner).toEqual({ id: learner.id, name: '李娜' });
    const correction = body.items.find((entry: Json) => entry.id === reversal);
    expect(correction).toMatchObject({
      kind: 'REVERSAL',
      cancelsEntryId: credit,
      cancels: {
        id: credit,
        kind: 'COURSE_CREDIT',
        label: expect.stringContaining('网页设计与制作'),
      },
      reason: '成绩录入到了错误的课程',
      recorder: { name: await displayName(reversal) },
    });
  });

  it('the inbox names the learner, the rule and its version, the target, and the evidence', async () => {
    const { body } = await get('/v1/exemption-applications', w.registrar);
    expect(unnamedIds(body)).toEqual([]);
    const item = body.items.find((application: Json) => application.id === waiting);
    expect(item).toMatchObject({
      learnerId: learner.id,
      learner: { id: learner.id, name: '李娜' },
      rule: { id: coreRule, name: '中级证书免修专业核心课', version: 1 },
      target: { courseId: coreB, course: { name: 'Node.js 后端开发', credits: '4.00' } },
      submitter: { name: expect.any(String) },
      decider: null,
      evidence: [{ id: certificate, label: expect.stringContaining('WEB-2025-000123') }],
      currentEvaluation: { rule: { version: 1 }, evidence: [{ id: certificate }] },
      approvable: false,
    });
    // The certificate's allowance is used up by coreA: the reason names it, not its id.
    expect(item.blockedBecause.join(' ')).toContain('“职业技能等级证书 · Web前端开发');

    const one = await get(`/v1/exemption-applications/${approved}`, learner.token);
    expect(unnamedIds(one.body)).toEqual([]);
    expect(one.body).toMatchObject({
      decisionReason: '证书真实有效，同意免修',
      rule: { version: 1 },
    });

    const mine = await get(`/v1/learners/${learner.id}/exemption-applications`, learner.token);
    expect(unnamedIds(mine.body)).toEqual([]);
  });

  it('eligibility names rules, targets and evidence, says each reason once, and stays small', async () => {
    const response = await get(`/v1/learners/${learner.id}/eligibility`, learner.token);
    const { body } = response;
    expect(unnamedIds(body)).toEqual([]);
    expect(body.learner).toEqual({ id: learner.id, name: '李娜' });
    const open = body.items.find((item: Json) => item.target.courseId === coreB);
    expect(open).toMatchObject({
      rule: { id: coreRule, name: '中级证书免修专业核心课', kind: 'CERT_TO_COURSE', version: 1 },
      target: { course: { name: 'Node.js 后端开发' } },
      openApplicationId: waiting,
      openApplication: { id: waiting, label: expect.stringContaining('Node.js 后端开发') },
    });
    const blocked = body.items.filter((item: Json) => !item.eligible);
    expect(blocked.length).toBeGreaterThan(0);
    for (const item of body.items) {
      const text = JSON.stringify(item);
      for (const reason of item.reasons as string[]) {
        expect(text.split(JSON.stringify(reason).slice(1, -1)).length - 1).toBe(1);
      }
      expect(item.explanation.filter((line: string) => item.reasons.includes(line))).toEqual([]);
    }
    // Proportionate: names added, yet well under the 6.2 KB an item this world's answer took when
    // every reason was said five times (3.4 KB now, half of it the engine's trace).
    const size = Buffer.byteLength(JSON.stringify(body));
    expect(size / body.items.length).toBeLessThan(4_000);
  });
});
