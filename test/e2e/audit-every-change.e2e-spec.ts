import { Role } from '@app/core';
import {
  anExamRegistration,
  aPassportNumber,
  bearer,
  postExpecting,
  schemeBody,
  uniqueCode,
} from '../support/factories';
import { waitForAuditCaughtUp } from '../support/audit-helpers';
import { auditTuning } from '../support/audit-tuning';
import { createTestApp, TestApp } from '../support/test-app';

/**
 * Every write of the catalog and of conversion leaves, in its own transaction, exactly one
 * outbox event per change, naming who did it and carrying each changed row as stored; a refused
 * write leaves none. Each row is compared with what the API then answers for it. The world is
 * made over HTTP only, so that every row in it has its event, and the worker appends them: the
 * verifier then finds every table equal to the log, and names each row edited behind its back.
 */

interface OutboxPayload {
  type: string;
  learnerId: string | null;
  actor: Record<string, unknown>;
  changes: { kind: string; id: string; state: Record<string, unknown> }[];
  details: Record<string, unknown>;
  occurredAt: string;
}

interface Written<T> {
  result: T;
  events: OutboxPayload[];
}

type Body = Record<string, unknown>;

const INSTITUTION_FIELDS = ['id', 'code', 'name', 'kind', 'createdAt'];
const PROGRAM_FIELDS = ['id', 'institutionId', 'code', 'name', 'totalCredits', 'maxExemptCredits'];
const COURSE_FIELDS = ['id', 'institutionId', 'programId', 'code', 'name', 'credits', 'hours'];
const BODY_FIELDS = ['id', 'code', 'name', 'createdAt'];
const SCHEME_FIELDS = ['id', 'code', 'name', 'certificationBodyId', 'levels', 'createdAt'];
const RULE_FIELDS = ['id', 'kind', 'ownerInstitutionId', 'ownerCertificationBodyId', 'createdBy'];
const VERSION_MAPPED = [
  ...['id', 'ruleId', 'version', 'status', 'name', 'condition', 'targets', 'creditsGranted'],
  ...['maxCreditsPerEvidence', 'effectiveFrom', 'effectiveTo', 'createdBy', 'createdAt'],
  ...['activatedAt', 'endedAt'],
];
const APPLICATION_FIELDS = [
  ...['id', 'learnerId', 'ruleId', 'ruleVersionId', 'target', 'targetKey', 'status'],
  ...['ownerInstitutionId', 'ownerCertificationBodyId', 'evaluation', 'submittedBy'],
  ...['submittedAt', 'decidedBy', 'decidedAt', 'decisionReason', 'exemptionEntryId'],
];

/**
 * The views show an application's stored fields, except two on purpose: `target` gains the
 * names of what it cites, and `evaluation` says each reason once (see expectApplication).
 */
const APPLICATION_MAPPED = APPLICATION_FIELDS.filter(
  (field) => field !== 'target' && field !== 'evaluation',
);

/**
 * The state holds exactly `fields`; each of `mapped` equals the API's field: times to the
 * millisecond (the state keeps PostgreSQL's microseconds), decimals by value ("8.00" and "8").
 */
function expectRow(state: Body, api: Body, fields: string[], mapped: string[] = fields): void {
  expect(Object.keys(state).sort()).toEqual([...fields].sort());
  for (const field of mapped) {
    const [ours, theirs] = [state[field], api[field]];
    const why = `${field}: state ${JSON.stringify(ours)}, API ${JSON.stringify(theirs)}`;
    if (typeof ours === 'string' && /^\d{4}-\d\d-\d\dT/.test(ours)) {
      expect(ours).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$/);
      expect({ why, value: `${ours.slice(0, 23)}Z` }).toEqual({ why, value: theirs });
    } else if (typeof ours === 'string' && /^\d+\.\d\d$/.test(ours)) {
      expect({ why, value: Number(ours) }).toEqual({ why, value: Number(theirs) });
    } else {
      expect({ why, value: ours }).toEqual({ why, value: theirs });
    }
  }
}

/** An application's audited state against its view: every stored fact, shown as the view shows it. */
function expectApplication(state: Body, api: Body): void {
  expectRow(state, api, APPLICATION_FIELDS, APPLICATION_MAPPED);
  expect(api.target).toMatchObject(state.target as object);
  const stored = state.evaluation as Body;
  expect(api.evaluation).toMatchObject({
    eligible: stored.eligible,
    evidenceEntryIds: stored.evidenceEntryIds,
    groups: stored.groups,
    limits: stored.limits,
  });
}

describe('every catalog and conversion change is audited with its rows', () => {
  let t: TestApp;
  let admin: string;
  let registrar: string;
  let otherRegistrar: string;
  let examiner: string;
  let otherExaminer: string;
  /** The world's writes, each with the events it left. */
  const made = {} as Record<
    | 'school'
    | 'program'
    | 'courseA'
    | 'courseB'
    | 'body'
    | 'scheme'
    | 'rule'
    | 'activated'
    | 'versioned'
    | 'reactivated',
    Written<Body>
  >;
  const id = (write: keyof typeof made) => made[write].result.id as string;
  /** The rule as GET /v1/conversion-rules/{id} answered right after each of its writes. */
  const ruleAfter = {} as Record<'rule' | 'activated' | 'versioned' | 'reactivated', Body>;

  const lastOutboxId = async (): Promise<string> => {
    const rows: { id: string }[] = await t.dataSource.query(
      'SELECT coalesce(max(id), 0)::text AS id FROM outbox_events',
    );
    return rows[0].id;
  };

  /** Runs the write and answers it with the outbox events it left, oldest first. */
  const written = async <T>(write: () => Promise<T>): Promise<Written<T>> => {
    const before = await lastOutboxId();
    const result = await write();
    const rows: { payload: OutboxPayload }[] = await t.dataSource.query(
      'SELECT payload FROM outbox_events WHERE id > $1 ORDER BY id',
      [before],
    );
    return { result, events: rows.map((row) => row.payload) };
  };

  const post = (token: string, path: string, body: object, status = 201) =>
    written(() => postExpecting(t, { token, path, body, status }));

  const get = async (token: string, path: string): Promise<Body> =>
    (await t.http().get(path).set(bearer(token)).expect(200)).body as Body;

  const listed = async (path: string, itemId: string): Promise<Body> =>
    ((await get(admin, path)).items as Body[]).find((item) => item.id === itemId)!;

  /** The actor an event must name for this token: the principal GET /v1/auth/me answers. */
  const actorOf = async (token: string): Promise<Body> => {
    const me = await get(token, '/v1/auth/me');
    return {
      userId: me.userId,
      username: me.username,
      role: me.role,
      institutionId: me.institutionId ?? null,
      certificationBodyId: me.certificationBodyId ?? null,
    };
  };

  beforeAll(async () => {
    t = await createTestApp('audit every change', {
      withWorker: true,
      // Periodic checkpoints out of the way: verification here is about the tables' contents.
      modules: [auditTuning({ treeHeadEveryMs: 3_600_000 })],
    });
    admin = await t.tokenFor(Role.ADMIN);
    made.school = await post(admin, '/v1/institutions', {
      code: uniqueCode('HN'),
      name: '湖南示范职业技术学院',
      kind: 'HIGHER_VOCATIONAL',
    });
    const otherSchool = await postExpecting(t, {
      token: admin,
      path: '/v1/institutions',
      body: { code: uniqueCode('CS'), name: '长沙中等职业学校', kind: 'SECONDARY_VOCATIONAL' },
    });
    registrar = await t.tokenFor(Role.REGISTRAR, { institutionId: id('school') });
    otherRegistrar = await t.tokenFor(Role.REGISTRAR, { institutionId: otherSchool.id as string });
    made.program = await post(registrar, `/v1/institutions/${id('school')}/programs`, {
      code: uniqueCode('P'),
      name: '软件技术',
      totalCredits: '140',
      maxExemptCredits: '20.5',
    });
    // The request names the program in upper case; the row (and so the event) holds it as stored.
    for (const course of ['courseA', 'courseB'] as const) {
      made[course] = await post(registrar, `/v1/institutions/${id('school')}/courses`, {
        code: uniqueCode('C'),
        name: 'Vue.js 应用开发',
        credits: '3',
        hours: 48,
        category: 'PROFESSIONAL_CORE',
        programId: id('program').toUpperCase(),
      });
    }
    made.body = await post(admin, '/v1/certification-bodies', {
      code: uniqueCode('BODY'),
      name: '工业和信息化部教育与考试中心',
    });
    examiner = await t.tokenFor(Role.EXAMINER, { certificationBodyId: id('body') });
    const otherBody = await postExpecting(t, {
      token: admin,
      path: '/v1/certification-bodies',
      body: { code: uniqueCode('BODY'), name: '另一个培训评价组织' },
    });
    otherExaminer = await t.tokenFor(Role.EXAMINER, {
      certificationBodyId: otherBody.id as string,
    });
    made.scheme = await post(examiner, '/v1/certificate-schemes', schemeBody(id('body')));

    const content = {
      condition: {
        certificate: { schemeId: id('scheme').toUpperCase(), minLevel: 'INTERMEDIATE' },
      },
      targets: [{ courseId: id('courseA') }, { courseId: id('courseB') }],
    };
    made.rule = await post(registrar, '/v1/conversion-rules', {
      ...content,
      kind: 'CERT_TO_COURSE',
      name: 'Web前端开发中级证书免修核心课',
      maxCreditsPerEvidence: '8',
      effectiveFrom: '2024-09-01',
    });
    const rulePath = `/v1/conversion-rules/${id('rule')}`;
    ruleAfter.rule = await get(admin, rulePath);
    made.activated = await post(registrar, `${rulePath}/activate`, {}, 200);
    ruleAfter.activated = await get(admin, rulePath);
    made.versioned = await post(registrar, `${rulePath}/versions`, {
      ...content,
      name: 'Web前端开发中级证书免修核心课（2025 修订）',
      maxCreditsPerEvidence: '6',
      effectiveFrom: '2025-01-01',
      effectiveTo: '2030-12-31',
    });
    ruleAfter.versioned = await get(admin, rulePath);
    made.reactivated = await post(registrar, `${rulePath}/activate`, {}, 200);
    ruleAfter.reactivated = await get(admin, rulePath);
  }, 120_000);

  afterAll(async () => {
    await t?.close();
  }, 60_000);

  /** The one event of a write, of this type, as this token's holder, with no learner. */
  const theEvent = async (write: Written<Body>, type: string, token: string) => {
    expect(write.events.map((event) => event.type)).toEqual([type]);
    const [event] = write.events;
    expect(event).toEqual({
      type,
      learnerId: null,
      actor: await actorOf(token),
      changes: expect.any(Array),
      details: expect.any(Object),
      occurredAt: expect.any(String),
    });
    return event;
  };

  describe('catalog', () => {
    it('an institution is audited as the ADMIN who created it, with the row', async () => {
      const event = await theEvent(made.school, 'catalog.institution.created', admin);
      expect(event).toMatchObject({
        details: {},
        changes: [{ kind: 'institution', id: id('school') }],
      });
      expectRow(
        event.changes[0].state,
        await get(admin, `/v1/institutions/${id('school')}`),
        INSTITUTION_FIELDS,
      );
    });

    it('a program and its courses are audited as their school’s REGISTRAR, ids and decimals as stored', async () => {
      const program = await theEvent(made.program, 'catalog.program.created', registrar);
      expect(program).toMatchObject({
        details: {},
        changes: [{ kind: 'program', id: id('program') }],
      });
      expectRow(
        program.changes[0].state,
        await listed(`/v1/institutions/${id('school')}/programs`, id('program')),
        [...PROGRAM_FIELDS, 'createdAt'],
      );
      expect(program.changes[0].state).toMatchObject({
        totalCredits: '140.00',
        maxExemptCredits: '20.50',
      });
      for (const course of ['courseA', 'courseB'] as const) {
        const event = await theEvent(made[course], 'catalog.course.created', registrar);
        expect(event).toMatchObject({ details: {}, changes: [{ kind: 'course', id: id(course) }] });
        const state = event.changes[0].state;
        expect(state).toMatchObject({ programId: id('program'), credits: '3.00', hours: 48 });
        expectRow(state, await listed(`/v1/institutions/${id('school')}/courses`, id(course)), [
          ...COURSE_FIELDS,
          'category',
          'createdAt',
        ]);
      }
    });

    it('a certification body (by the ADMIN) and its scheme (by its EXAMINER) are audited, the scheme with levels and components', async () => {
      const body = await theEvent(made.body, 'catalog.certification_body.created', admin);
      expect(body).toMatchObject({
        details: {},
        changes: [{ kind: 'certification_body', id: id('body') }],
      });
      expectRow(
        body.changes[0].state,
        await listed('/v1/certification-bodies', id('body')),
        BODY_FIELDS,
      );
      const scheme = await theEvent(made.scheme, 'catalog.certificate_scheme.created', examiner);
      expect(scheme).toMatchObject({
        details: {},
        changes: [{ kind: 'certificate_scheme', id: id('scheme') }],
      });
      const state = scheme.changes[0].state;
      expectRow(state, await get(admin, `/v1/certificate-schemes/${id('scheme')}`), SCHEME_FIELDS);
      expect(state.levels).toEqual([
        {
          level: 'JUNIOR',
          recognisedCredits: '4.00',
          components: [
            { code: 'PRACTICAL', name: '实操技能考核' },
            { code: 'THEORY', name: '理论知识考试' },
          ],
        },
        expect.objectContaining({ level: 'INTERMEDIATE', recognisedCredits: '6.00' }),
        expect.objectContaining({ level: 'SENIOR', recognisedCredits: '8.00' }),
      ]);
    });
  });

  /** Each change is a version; its state is the version as the rule read after the write lists it. */
  const expectVersions = (
    changes: OutboxPayload['changes'],
    expected: { version: number; status: string }[],
    rule: Body,
  ) => {
    const versions = rule.versions as Body[];
    expect(
      changes.map((change) => [change.kind, change.state.version, change.state.status]),
    ).toEqual(expected.map(({ version, status }) => ['conversion_rule_version', version, status]));
    for (const change of changes) {
      const stored = versions.find((version) => version.id === change.id)!;
      expectRow(
        change.state,
        stored,
        [...VERSION_MAPPED, 'referencedIds', 'targetKeys'],
        VERSION_MAPPED,
      );
      expect(change.state.referencedIds).toEqual([id('scheme')]);
      expect(change.state.targetKeys).toHaveLength(2);
    }
  };

  describe('conversion rules', () => {
    it('a new rule is audited with the rule and version 1, its whole content and limits', async () => {
      const event = await theEvent(made.rule, 'conversion.rule.created', registrar);
      expect(event.details).toEqual({});
      const [rule, ...versions] = event.changes;
      expect(rule).toMatchObject({ kind: 'conversion_rule', id: id('rule') });
      expectRow(rule.state, ruleAfter.rule, [...RULE_FIELDS, 'createdAt']);
      expectVersions(versions, [{ version: 1, status: 'DRAFT' }], ruleAfter.rule);
      expect(versions[0].state).toMatchObject({
        maxCreditsPerEvidence: '8.00',
        creditsGranted: null,
        effectiveTo: null,
        activatedAt: null,
      });
    });

    it('activating, versioning and activating again are audited; the second activation lists the version it superseded', async () => {
      const first = await theEvent(made.activated, 'conversion.rule.activated', registrar);
      expect(first.details).toEqual({ version: 1, superseded: null });
      expectVersions(first.changes, [{ version: 1, status: 'ACTIVE' }], ruleAfter.activated);

      const versioned = await theEvent(made.versioned, 'conversion.rule.versioned', registrar);
      expect(versioned.details).toEqual({ version: 2 });
      expectVersions(versioned.changes, [{ version: 2, status: 'DRAFT' }], ruleAfter.versioned);

      const second = await theEvent(made.reactivated, 'conversion.rule.activated', registrar);
      expect(second.details).toEqual({ version: 2, superseded: 1 });
      expectVersions(
        second.changes,
        [
          { version: 1, status: 'SUPERSEDED' },
          { version: 2, status: 'ACTIVE' },
        ],
        ruleAfter.reactivated,
      );
      expect(second.changes[0].state.endedAt).toEqual(expect.any(String));
    });
  });

  /** Opens a learner over HTTP (audited by its own area) and signs them in. */
  const aLearnerWithLogin = async () => {
    const opened = await postExpecting(t, {
      token: registrar,
      path: '/v1/learners',
      body: { name: '王芳', idType: 'PASSPORT', idNumber: aPassportNumber() },
    });
    const learnerId = opened.id as string;
    return { id: learnerId, token: await t.tokenFor(Role.LEARNER, { learnerId }) };
  };
  const certificate = async (learnerId: string, level: string) => {
    await anExamRegistration(t, { learnerId, schemeId: id('scheme'), level });
    return (
      await postExpecting(t, {
        token: examiner,
        path: `/v1/learners/${learnerId}/certificates`,
        body: {
          schemeId: id('scheme'),
          level,
          certificateNo: uniqueCode('CERT'),
          issuedAt: '2025-06-30',
        },
      })
    ).id as string;
  };
  const application = (applicationId: string) =>
    get(admin, `/v1/exemption-applications/${applicationId}`);
  const applyFor = (learner: { id: string; token: string }, course: 'courseA' | 'courseB') =>
    post(learner.token, `/v1/learners/${learner.id}/exemption-applications`, {
      ruleId: id('rule'),
      target: { courseId: id(course) },
    });
  const decideOn = (applicationId: string, decision: 'APPROVE' | 'REJECT', reason: string) =>
    post(
      registrar,
      `/v1/exemption-applications/${applicationId}/decision`,
      { decision, reason },
      200,
    );

  describe('exemption applications', () => {
    it('submitting is audited as the learner, for the learner, with the stored evaluation', async () => {
      const learner = await aLearnerWithLogin();
      await certificate(learner.id, 'INTERMEDIATE');
      const { result, events } = await applyFor(learner, 'courseA');
      expect(events).toEqual([
        {
          type: 'conversion.application.submitted',
          learnerId: learner.id,
          actor: await actorOf(learner.token),
          changes: [{ kind: 'exemption_application', id: result.id, state: expect.any(Object) }],
          details: {},
          occurredAt: expect.any(String),
        },
      ]);
      const state = events[0].changes[0].state;
      expect(state).toMatchObject({ status: 'SUBMITTED', decidedAt: null, exemptionEntryId: null });
      expectApplication(state, await application(result.id as string));
    });

    it('a rejection and an approval are each one conversion.application.decided with the decision and the stored reason; the approval’s entry has its own event', async () => {
      const learner = await aLearnerWithLogin();
      await certificate(learner.id, 'INTERMEDIATE');
      const first = (await applyFor(learner, 'courseA')).result.id as string;
      const rejected = await decideOn(first, 'REJECT', '  材料不全  ');
      expect(rejected.events).toEqual([
        expect.objectContaining({
          type: 'conversion.application.decided',
          learnerId: learner.id,
          actor: await actorOf(registrar),
          details: { decision: 'REJECT', reason: '材料不全' },
        }),
      ]);
      expectApplication(rejected.events[0].changes[0].state, await application(first));

      const second = (await applyFor(learner, 'courseA')).result.id as string;
      const approved = await decideOn(second, 'APPROVE', '材料齐全，同意');
      expect(approved.events.map((event) => event.type)).toEqual([
        'ledger.entry.recorded',
        'conversion.application.decided',
      ]);
      const [entry, decided] = approved.events;
      expect(decided).toMatchObject({
        learnerId: learner.id,
        actor: await actorOf(registrar),
        details: { decision: 'APPROVE', reason: '材料齐全，同意' },
        changes: [{ kind: 'exemption_application', id: second }],
      });
      expect(decided.changes[0].state).toMatchObject({
        status: 'APPROVED',
        exemptionEntryId: entry.changes[0].id,
      });
      expectApplication(decided.changes[0].state, await application(second));
    });

    it('a revocation re-points the approved application and re-evaluates the waiting one, each event naming its cause', async () => {
      const learner = await aLearnerWithLogin();
      const intermediate = await certificate(learner.id, 'INTERMEDIATE');
      const senior = await certificate(learner.id, 'SENIOR');
      const approvedId = (await applyFor(learner, 'courseA')).result.id as string;
      const exemption = (await decideOn(approvedId, 'APPROVE', '材料齐全，同意')).result
        .exemption as Body;
      expect(exemption.evidenceEntryIds).toEqual([senior]);
      const waitingId = (await applyFor(learner, 'courseB')).result.id as string;

      const { result, events } = await post(examiner, `/v1/certificates/${senior}/revocation`, {
        reason: '证书信息有误',
      });
      const revocation = result.correction as Body;
      const [cascaded] = result.cascaded as Body[];
      const [repointed] = result.repointed as { exemption: Body }[];
      expect(events.map((event) => [event.type, event.changes[0].id])).toEqual([
        ['ledger.entry.recorded', revocation.id],
        ['ledger.entry.recorded', cascaded.id],
        ['ledger.entry.recorded', repointed.exemption.id],
        ['conversion.application.repointed', approvedId],
        ['conversion.application.reevaluated', waitingId],
      ]);
      const actor = await actorOf(examiner);
      const [repointing, reevaluation] = events.slice(3);
      expect(repointing).toMatchObject({
        learnerId: learner.id,
        actor,
        details: { replacedEntryId: exemption.id, causeEntryId: cascaded.id },
      });
      expect(repointing.changes[0].state).toMatchObject({
        status: 'APPROVED',
        exemptionEntryId: repointed.exemption.id,
      });
      expectApplication(repointing.changes[0].state, await application(approvedId));
      expect(reevaluation).toMatchObject({
        learnerId: learner.id,
        actor,
        details: { cause: 'EVIDENCE_REVOKED', causeEntryId: revocation.id },
      });
      expect(reevaluation.changes[0].state).toMatchObject({
        status: 'SUBMITTED',
        evaluation: expect.objectContaining({ evidenceEntryIds: [intermediate] }),
      });
      expectApplication(reevaluation.changes[0].state, await application(waitingId));
    });

    it('a reversal that leaves nothing to stand on closes the waiting application, naming the reversal', async () => {
      const learner = await aLearnerWithLogin();
      const senior = await certificate(learner.id, 'SENIOR');
      const approvedId = (await applyFor(learner, 'courseA')).result.id as string;
      await decideOn(approvedId, 'APPROVE', '材料齐全，同意');
      const waitingId = (await applyFor(learner, 'courseB')).result.id as string;

      const { result, events } = await post(examiner, `/v1/entries/${senior}/reversal`, {
        reason: '登记错误',
      });
      const reversal = result.correction as Body;
      expect(events.map((event) => event.type)).toEqual([
        'ledger.entry.recorded',
        'ledger.entry.recorded',
        'conversion.application.closed',
      ]);
      const actor = await actorOf(examiner);
      expect(events[2]).toMatchObject({
        learnerId: learner.id,
        actor,
        changes: [{ kind: 'exemption_application', id: waitingId }],
        details: { cause: 'EVIDENCE_REVERSED', causeEntryId: reversal.id },
      });
      const state = events[2].changes[0].state;
      expect(state).toMatchObject({ status: 'CLOSED', decidedBy: actor.userId });
      expectApplication(state, await application(waitingId));
    });

    it('retiring the rule is audited with the version it retired, then each waiting application it closed as its learner’s event', async () => {
      const learner = await aLearnerWithLogin();
      await certificate(learner.id, 'INTERMEDIATE');
      await applyFor(learner, 'courseA');
      const inbox = (await get(registrar, '/v1/exemption-applications?status=SUBMITTED&limit=100'))
        .items as Body[];
      const waiting = inbox.filter((item) => item.ruleId === id('rule'));
      expect(waiting.length).toBeGreaterThan(0);

      const { events } = await post(
        registrar,
        `/v1/conversion-rules/${id('rule')}/retire`,
        {},
        200,
      );
      const actor = await actorOf(registrar);
      expect(events[0]).toMatchObject({
        type: 'conversion.rule.retired',
        learnerId: null,
        actor,
        details: { reason: null },
      });
      expectVersions(
        events[0].changes,
        [{ version: 2, status: 'RETIRED' }],
        await get(admin, `/v1/conversion-rules/${id('rule')}`),
      );
      const closures = events.slice(1);
      expect(closures.map((event) => event.changes[0].id)).toEqual(
        waiting.map((item) => item.id as string).sort(),
      );
      for (const closure of closures) {
        const stored = await application(closure.changes[0].id);
        expect(closure).toMatchObject({
          type: 'conversion.application.closed',
          learnerId: stored.learnerId,
          actor,
          details: { cause: 'RULE_RETIRED', causeEntryId: null },
        });
        expect(closure.changes).toHaveLength(1);
        expect(closure.changes[0].state.status).toBe('CLOSED');
        expectApplication(closure.changes[0].state, stored);
      }
    });
  });

  describe('refused writes', () => {
    const refused = async (token: string, path: string, body: object, status: number) => {
      const { events } = await written(() =>
        t.http().post(path).set(bearer(token)).send(body).expect(status),
      );
      expect({ path, status, events }).toEqual({ path, status, events: [] });
    };

    it('a catalog write answered 409, 404 or 422 leaves no outbox row', async () => {
      const school = id('school');
      const { code } = made.school.result;
      await refused(
        admin,
        '/v1/institutions',
        { code, name: '重名学校', kind: 'UNDERGRADUATE' },
        409,
      );
      const program = { code: uniqueCode('P'), name: '软件技术', totalCredits: '140' };
      const programs = `/v1/institutions/${school}/programs`;
      await refused(otherRegistrar, programs, { ...program, maxExemptCredits: '20' }, 404);
      await refused(registrar, programs, { ...program, maxExemptCredits: '141' }, 422);
      await refused(
        registrar,
        `/v1/institutions/${school}/courses`,
        {
          code: uniqueCode('C'),
          name: '不存在的专业的课程',
          credits: '2',
          hours: 32,
          category: 'ELECTIVE',
          programId: '00000000-0000-4000-8000-000000000000',
        },
        422,
      );
      await refused(
        admin,
        '/v1/certification-bodies',
        { code: made.body.result.code, name: '重名' },
        409,
      );
      const schemes = '/v1/certificate-schemes';
      await refused(
        examiner,
        schemes,
        schemeBody(id('body'), made.scheme.result.code as string),
        409,
      );
      await refused(otherExaminer, schemes, schemeBody(id('body')), 404);
    });

    it('a rule, application or decision answered 409, 404 or 422 leaves no outbox row', async () => {
      const content = {
        name: '免修规则',
        condition: { certificate: { schemeId: id('scheme'), minLevel: 'INTERMEDIATE' } },
        targets: [{ courseId: id('courseA') }],
        effectiveFrom: '2024-09-01',
      };
      const unknownCourse = { ...content, targets: [{ courseId: id('program') }] };
      await refused(
        registrar,
        '/v1/conversion-rules',
        { ...unknownCourse, kind: 'CERT_TO_COURSE' },
        422,
      );
      const draft = (
        await postExpecting(t, {
          token: registrar,
          path: '/v1/conversion-rules',
          body: { ...content, kind: 'CERT_TO_COURSE' },
        })
      ).id as string;
      await refused(otherRegistrar, `/v1/conversion-rules/${draft}/versions`, content, 404);
      await refused(registrar, `/v1/conversion-rules/${draft}/retire`, {}, 409);
      await refused(otherRegistrar, `/v1/conversion-rules/${draft}/activate`, {}, 404);
      await postExpecting(t, {
        token: registrar,
        path: `/v1/conversion-rules/${draft}/activate`,
        body: {},
        status: 200,
      });
      await refused(registrar, `/v1/conversion-rules/${draft}/activate`, {}, 409);

      const learner = await aLearnerWithLogin();
      const applications = `/v1/learners/${learner.id}/exemption-applications`;
      const target = { ruleId: draft, target: { courseId: id('courseA') } };
      await refused(learner.token, applications, target, 422);
      await certificate(learner.id, 'INTERMEDIATE');
      const applied = (
        await postExpecting(t, { token: learner.token, path: applications, body: target })
      ).id as string;
      await refused(learner.token, applications, target, 409);
      const decision = `/v1/exemption-applications/${applied}/decision`;
      const reject = { decision: 'REJECT', reason: '不同意' };
      await refused(otherRegistrar, decision, reject, 404);
      await postExpecting(t, { token: registrar, path: decision, body: reject, status: 200 });
      await refused(registrar, decision, { decision: 'APPROVE', reason: '同意' }, 409);
    });

    it('a decision replayed with its Idempotency-Key answers the same and writes no second event', async () => {
      const rule = await postExpecting(t, {
        token: registrar,
        path: '/v1/conversion-rules',
        body: {
          kind: 'CERT_TO_COURSE',
          name: '中级证书免修',
          condition: { certificate: { schemeId: id('scheme'), minLevel: 'INTERMEDIATE' } },
          targets: [{ courseId: id('courseB') }],
          effectiveFrom: '2024-09-01',
        },
      });
      await postExpecting(t, {
        token: registrar,
        path: `/v1/conversion-rules/${String(rule.id)}/activate`,
        body: {},
        status: 200,
      });
      const learner = await aLearnerWithLogin();
      await certificate(learner.id, 'INTERMEDIATE');
      const applied = await postExpecting(t, {
        token: learner.token,
        path: `/v1/learners/${learner.id}/exemption-applications`,
        body: { ruleId: rule.id, target: { courseId: id('courseB') } },
      });
      const key = uniqueCode('KEY');
      const decide = () =>
        t
          .http()
          .post(`/v1/exemption-applications/${String(applied.id)}/decision`)
          .set(bearer(registrar))
          .set('idempotency-key', key)
          .send({ decision: 'REJECT', reason: '不同意' })
          .expect(200);
      const first = await written(decide);
      expect(first.events.map((event) => event.type)).toEqual(['conversion.application.decided']);
      const replay = await written(decide);
      expect(replay.result.body).toEqual(first.result.body);
      expect(replay.result.headers['idempotent-replayed']).toBe('true');
      expect(replay.events).toEqual([]);
    });
  });

  const AREA_TABLES = [
    ...['INSTITUTION', 'PROGRAM', 'COURSE', 'CERTIFICATION_BODY', 'CERTIFICATE_SCHEME'],
    ...['RULE', 'RULE_VERSION', 'APPLICATION'],
  ];
  const verify = async () => {
    await waitForAuditCaughtUp(t.dataSource);
    return get(admin, '/v1/audit/verify');
  };

  describe('verification', () => {
    it('the world, every kind of row in it, verifies valid once the pipeline has appended it', async () => {
      const report = await verify();
      expect(report).toMatchObject({ valid: true, problems: [] });
      const tables = report.tables as { code: string; rows: number; audited: number }[];
      for (const code of AREA_TABLES) {
        const table = tables.find((each) => each.code === code);
        expect({ code, table }).toEqual({
          code,
          table: expect.objectContaining({ pending: 0, problems: 0 }),
        });
        expect(table!.rows).toBeGreaterThan(0);
        expect(table!.audited).toBe(table!.rows);
      }
    });

    it('a rule version’s content, an application’s status and a course’s credits edited in the database are each named', async () => {
      const [version] = (ruleAfter.reactivated.versions as Body[]).filter(
        (each) => each.version === 2,
      );
      const [rejected]: { id: string }[] = await t.dataSource.query(
        `SELECT id::text AS id FROM exemption_applications WHERE status = 'REJECTED' ORDER BY id LIMIT 1`,
      );
      // As someone holding the database would: the course's credits are recorded against, so its
      // guard (courses_recorded_guard) is switched off for the edit, as the owner can.
      await t.superuser.transaction(async (sql) => {
        await sql.query(
          `UPDATE rule_versions SET condition = jsonb_set(condition, '{certificate,minLevel}', '"JUNIOR"')
            WHERE id = $1`,
          [version.id],
        );
        await sql.query(`UPDATE exemption_applications SET status = 'APPROVED' WHERE id = $1`, [
          rejected.id,
        ]);
        await sql.query('ALTER TABLE courses DISABLE TRIGGER courses_recorded_guard');
        await sql.query('UPDATE courses SET credits = 30 WHERE id = $1', [id('courseA')]);
        await sql.query('ALTER TABLE courses ENABLE TRIGGER courses_recorded_guard');
      });
      const report = await verify();
      expect(report.valid).toBe(false);
      const problems = report.problems as { code: string; detail: string }[];
      expect(problems.map((problem) => problem.code).sort()).toEqual([
        'APPLICATION_ROW_MODIFIED',
        'COURSE_ROW_MODIFIED',
        'RULE_VERSION_ROW_MODIFIED',
      ]);
      const detail = (code: string) => problems.find((problem) => problem.code === code)!.detail;
      expect(detail('RULE_VERSION_ROW_MODIFIED')).toContain(
        `conversion_rule_version ${String(version.id)}`,
      );
      expect(detail('RULE_VERSION_ROW_MODIFIED')).toContain('condition: log');
      expect(detail('APPLICATION_ROW_MODIFIED')).toContain(`exemption_application ${rejected.id}`);
      expect(detail('APPLICATION_ROW_MODIFIED')).toContain(
        'status: log "REJECTED", row "APPROVED"',
      );
      expect(detail('COURSE_ROW_MODIFIED')).toContain(`course ${id('courseA')}`);
      expect(detail('COURSE_ROW_MODIFIED')).toContain('credits: log "3.00", row "30.00"');
    });
  });
});
