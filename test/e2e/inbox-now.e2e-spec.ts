import request from 'supertest';
import { Role } from '@app/core';
import { PostgresQueryRunner } from 'typeorm/driver/postgres/PostgresQueryRunner';
import { createTestApp, TestApp } from '../support/test-app';
import {
  aCourse,
  anActiveRule,
  anEnrolment,
  anInstitution,
  apply,
  aProgram,
  bearer,
  decide,
  recordCertificate,
} from '../support/factories';
import { aConversionWorld, aStudent, ConversionWorld } from '../support/conversion-world';
import { changedTables, tableCounts } from '../support/table-counts';

interface InboxItem {
  id: string;
  status: string;
  evaluation: { eligible: boolean };
  currentEvaluation: {
    evaluatedAt: string;
    ruleVersionId: string;
    version: number;
    eligible: boolean;
    creditsGranted: string;
    evidenceEntryIds: string[];
    reasons: string[];
    explanation: string[];
  } | null;
  approvable: boolean;
  blockedBecause: string[];
}

/**
 * The decider's inbox shows each waiting application as the rule's active version judges it
 * today, beside the evaluation stored when it was submitted, and says plainly which ones an
 * approval would refuse, with the same reasons the decision would give.
 */
describe('the inbox shows the evaluation as it stands now', () => {
  let t: TestApp;
  let w: ConversionWorld;

  beforeAll(async () => {
    t = await createTestApp('inbox now');
    w = await aConversionWorld(t);
  }, 120_000);

  afterAll(async () => {
    await t?.close();
  }, 60_000);

  /** `chinese`: as a browser asks, without Accept-Language (t.http() asks for English). */
  async function inbox(
    token: string,
    query: Record<string, string | number> = {},
    chinese = false,
  ) {
    const items: InboxItem[] = [];
    let cursor: string | null = null;
    do {
      const page = await (chinese ? request(t.app.getHttpServer()) : t.http())
        .get('/v1/exemption-applications')
        .query(cursor ? { ...query, cursor } : query)
        .set(bearer(token))
        .expect(200);
      items.push(...(page.body.items as InboxItem[]));
      cursor = page.body.nextCursor as string | null;
    } while (cursor);
    return items;
  }

  const itemOf = async (
    token: string,
    id: string,
    query: Record<string, string> = {},
    chinese = false,
  ) => {
    const found = (await inbox(token, query, chinese)).find((item) => item.id === id);
    if (!found) throw new Error(`application ${id} is not in the inbox`);
    return found;
  };

  /** Two 4-credit courses of a program capped at 6 exempt credits, and a SENIOR rule for both. */
  async function aCappedProgram() {
    const program = await aProgram(t, { institutionId: w.school, maxExemptCredits: '6' });
    const courseX = await aCourse(t, { institutionId: w.school, programId: program, credits: '4' });
    const courseY = await aCourse(t, { institutionId: w.school, programId: program, credits: '4' });
    const rule = await anActiveRule(t, {
      token: w.registrar,
      rule: {
        kind: 'CERT_TO_COURSE',
        condition: { certificate: { schemeId: w.scheme, minLevel: 'SENIOR' } },
        targets: [{ courseId: courseX }, { courseId: courseY }],
        maxCreditsPerEvidence: '8',
      },
    });
    return { courseX, courseY, rule: rule.id };
  }

  async function aSeniorHolder(): Promise<string> {
    const learner = await aStudent(t, w);
    await recordCertificate(t, {
      token: w.examiner,
      learnerId: learner,
      schemeId: w.scheme,
      level: 'SENIOR',
    });
    return learner;
  }

  async function submitted(learnerId: string, ruleId: string, courseId: string): Promise<string> {
    const answer = await apply(t, {
      token: w.registrar,
      learnerId,
      ruleId,
      target: { courseId },
    }).expect(201);
    return answer.body.id as string;
  }

  it('marks an application the program cap has since blocked as not approvable, and why, keeping the submitted evaluation', async () => {
    const { courseX, courseY, rule } = await aCappedProgram();
    const learner = await aSeniorHolder();
    const x = await submitted(learner, rule, courseX);
    const y = await submitted(learner, rule, courseY);
    const other = await submitted(await aSeniorHolder(), rule, courseY);

    const before = await itemOf(w.registrar, y);
    expect(before).toMatchObject({ approvable: true, blockedBecause: [] });
    expect(before.currentEvaluation).toMatchObject({ eligible: true, reasons: [] });

    await decide(t, { token: w.registrar, applicationId: x, decision: 'APPROVE' }).expect(200);

    const blocked = await itemOf(w.registrar, y);
    expect(blocked.status).toBe('SUBMITTED');
    // What the learner was told at submission stays readable.
    expect(blocked.evaluation.eligible).toBe(true);
    expect(blocked.currentEvaluation).toMatchObject({
      eligible: false,
      creditsGranted: '4',
      version: 1,
      evaluatedAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T00:00:00\.000Z$/),
    });
    const capSentence = expect.stringMatching(
      /^Program 计算机应用技术 \(P-[0-9A-F]+\) has 4 credits exempted so far; 4 more would make 8, over its cap of 6 credits\.$/,
    );
    expect(blocked.currentEvaluation?.reasons).toEqual([capSentence]);
    // Said once: among the reasons, not again in the explanation.
    expect(blocked.currentEvaluation?.explanation).not.toEqual(
      expect.arrayContaining([capSentence]),
    );
    expect(blocked.currentEvaluation?.explanation[0]).toMatch(/^Not eligible: /);
    expect(blocked.approvable).toBe(false);
    expect(blocked.blockedBecause).toEqual(blocked.currentEvaluation?.reasons);
    // A registrar's browser reads the same in Chinese, the program by its name.
    const inChinese = await itemOf(w.registrar, y, {}, true);
    expect(inChinese.blockedBecause).toEqual([
      expect.stringMatching(
        /^专业“计算机应用技术（P-[0-9A-F]+）”已免修 4 学分；再计 4 学分将共 8 学分，超过该专业 6 学分的免修上限。$/,
      ),
    ]);
    expect(inChinese.currentEvaluation?.explanation[0]).toMatch(
      /^不符合条件：按规则「.+」第 1 版，不能免修课程“.+（C-[0-9A-F]+）”（1 项原因）。$/,
    );

    // Another learner's application under the same cap is untouched by this learner's grant.
    expect(await itemOf(w.registrar, other)).toMatchObject({
      approvable: true,
      blockedBecause: [],
      currentEvaluation: { eligible: true, reasons: [] },
    });

    // The decision agrees with the inbox: refused with the very same reasons, nothing written.
    const counts = await tableCounts(t.superuser);
    const refused = await decide(t, { token: w.registrar, applicationId: y, decision: 'APPROVE' });
    expect(refused.status).toBe(422);
    expect(refused.body.reasons).toEqual(blocked.blockedBecause);
    expect(changedTables(counts, await tableCounts(t.superuser))).toEqual([]);
    await decide(t, { token: w.registrar, applicationId: other, decision: 'APPROVE' }).expect(200);

    // A decided application is no longer approvable, and says so as the decision would.
    const approved = await itemOf(w.registrar, x, { status: 'APPROVED' });
    expect(approved).toMatchObject({
      approvable: false,
      blockedBecause: ['The application is already APPROVED.'],
      currentEvaluation: null,
    });
    expect(await itemOf(w.registrar, x, { status: 'APPROVED' }, true)).toMatchObject({
      blockedBecause: ['该申请已批准，无需再次审批。'],
    });
    const again = await decide(t, { token: w.registrar, applicationId: x, decision: 'APPROVE' });
    expect(again.status).toBe(409);
    expect(again.body.detail).toBe(approved.blockedBecause[0]);
  });

  it("says an application cannot be approved when the rule's active version no longer lists its target", async () => {
    const { courseX, courseY, rule } = await aCappedProgram();
    const application = await submitted(await aSeniorHolder(), rule, courseY);
    const version = await t
      .http()
      .post(`/v1/conversion-rules/${rule}/versions`)
      .set(bearer(w.registrar))
      .send({
        name: '只免修一门课',
        condition: { certificate: { schemeId: w.scheme, minLevel: 'SENIOR' } },
        targets: [{ courseId: courseX }],
        maxCreditsPerEvidence: '8',
        effectiveFrom: '2024-09-01',
      })
      .expect(201);
    await t
      .http()
      .post(`/v1/conversion-rules/${rule}/activate`)
      .set(bearer(w.registrar))
      .send({ version: version.body.version })
      .expect(200);

    const item = await itemOf(w.registrar, application);
    expect(item).toMatchObject({
      status: 'SUBMITTED',
      approvable: false,
      blockedBecause: ["The rule's active version no longer lists this target."],
      currentEvaluation: null,
    });
    const refused = await decide(t, {
      token: w.registrar,
      applicationId: application,
      decision: 'APPROVE',
    });
    expect(refused.status).toBe(422);
    expect(refused.body.reasons).toEqual(item.blockedBecause);
  });

  it('re-evaluates a page with as many queries for eight learners as for two', async () => {
    const school = await anInstitution(t, { name: '株洲职业技术学院' });
    const registrar = await t.tokenFor(Role.REGISTRAR, { institutionId: school });
    const program = await aProgram(t, { institutionId: school });
    const course = await aCourse(t, { institutionId: school, programId: program });
    const rule = await anActiveRule(t, {
      token: registrar,
      rule: {
        kind: 'CERT_TO_COURSE',
        condition: { certificate: { schemeId: w.scheme, minLevel: 'SENIOR' } },
        targets: [{ courseId: course }],
        maxCreditsPerEvidence: '8',
      },
    });
    for (let index = 0; index < 8; index += 1) {
      const learner = await aSeniorHolder();
      await anEnrolment(t, { learnerId: learner, institutionId: school, programId: program });
      await apply(t, {
        token: registrar,
        learnerId: learner,
        ruleId: rule.id,
        target: { courseId: course },
      }).expect(201);
    }
    const queriesFor = async (limit: number) => {
      const spy = jest.spyOn(PostgresQueryRunner.prototype, 'query');
      try {
        const page = await t
          .http()
          .get('/v1/exemption-applications')
          .query({ limit })
          .set(bearer(registrar))
          .expect(200);
        expect(page.body.items).toHaveLength(limit);
        expect(
          (page.body.items as InboxItem[]).every((item) => item.currentEvaluation?.eligible),
        ).toBe(true);
        return spy.mock.calls.length;
      } finally {
        spy.mockRestore();
      }
    };
    const two = await queriesFor(2);
    expect(two).toBeGreaterThan(0);
    expect(await queriesFor(8)).toBe(two);
  });

  it('refuses an inbox cursor holding an impossible date (2025-02-29 or year 0) with 422 naming the cursor', async () => {
    const id = '5d2f8a1e-9c3b-4e7d-8f6a-2b1c0d9e8f7a';
    for (const instant of ['2025-02-29T00:00:00.000Z', '0000-01-01T00:00:00.000Z']) {
      const cursor = Buffer.from(`${instant}|${id}`).toString('base64url');
      const answer = await t
        .http()
        .get('/v1/exemption-applications')
        .query({ cursor })
        .set(bearer(w.registrar));
      expect({ instant, status: answer.status }).toEqual({ instant, status: 422 });
      expect(answer.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(answer.body.errors).toMatchObject([
        { field: 'cursor', message: 'cursor is not one this API issued' },
      ]);
    }
    // A cursor the API issued still pages.
    const { courseX, courseY, rule } = await aCappedProgram();
    await submitted(await aSeniorHolder(), rule, courseX);
    await submitted(await aSeniorHolder(), rule, courseY);
    const page = await t
      .http()
      .get('/v1/exemption-applications')
      .query({ limit: 1 })
      .set(bearer(w.registrar))
      .expect(200);
    await t
      .http()
      .get('/v1/exemption-applications')
      .query({ limit: 1, cursor: page.body.nextCursor as string })
      .set(bearer(w.registrar))
      .expect(200);
  });
});
