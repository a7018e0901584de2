import { Role } from '@app/core';
import {
  aCertificationBody,
  aCourse,
  aLearner,
  anActiveRule,
  anInstitution,
  apply,
  aProgram,
  aScheme,
  bearer,
  certificateRuleBody,
  decide,
  recordCertificate,
  recordCredit,
} from '../support/factories';
import { waitForAuditCaughtUp } from '../support/audit-helpers';
import { auditTuning } from '../support/audit-tuning';
import { createTestApp, TestApp } from '../support/test-app';

/**
 * PATCH of institutions, programs and courses: who may correct what, what is refused (and then
 * changes nothing), and the two freezes the database holds: a course's credits and program once
 * a ledger entry names it (also under a recording in flight, and against SQL as the runtime
 * role), a program's exempt cap never below what a learner already has exempted. Each change is
 * audited with the row as stored, so verification stays valid and still names a row edited
 * behind the API's back.
 */

type Body = Record<string, unknown>;

interface OutboxPayload {
  type: string;
  learnerId: string | null;
  actor: Body;
  changes: { kind: string; id: string; state: Body }[];
  details: Body;
}

describe('catalog corrections (PATCH)', () => {
  let t: TestApp;
  let admin: string;
  let schoolA: string;
  let schoolB: string;
  let registrarA: string;
  let registrarB: string;
  let examiner: string;
  let bodyId: string;

  beforeAll(async () => {
    t = await createTestApp('catalog corrections', {
      withWorker: true,
      // Periodic tree heads out of the way: verification here is about the tables' contents.
      modules: [auditTuning({ treeHeadEveryMs: 3_600_000 })],
    });
    admin = await t.tokenFor(Role.ADMIN);
    schoolA = await anInstitution(t);
    schoolB = await anInstitution(t);
    registrarA = await t.tokenFor(Role.REGISTRAR, { institutionId: schoolA });
    registrarB = await t.tokenFor(Role.REGISTRAR, { institutionId: schoolB });
    bodyId = await aCertificationBody(t);
    examiner = await t.tokenFor(Role.EXAMINER, { certificationBodyId: bodyId });
  }, 120_000);

  afterAll(async () => {
    await t?.close();
  }, 60_000);

  const patch = (token: string, path: string, body: unknown) =>
    t
      .http()
      .patch(path)
      .set(bearer(token))
      .send(body as object);

  const lastOutboxId = async (): Promise<string> => {
    const rows: { id: string }[] = await t.dataSource.query(
      'SELECT coalesce(max(id), 0)::text AS id FROM outbox_events',
    );
    return rows[0].id;
  };

  /** The outbox events written since `after`, oldest first. */
  const eventsSince = async (after: string): Promise<OutboxPayload[]> => {
    const rows: { payload: OutboxPayload }[] = await t.dataSource.query(
      'SELECT payload FROM outbox_events WHERE id > $1 ORDER BY id',
      [after],
    );
    return rows.map((row) => row.payload);
  };

  /**
   * What a write would touch: the catalog's rows by content, and how many outbox events and
   * ledger entries exist (the worker's audit appends change neither).
   */
  const written = async (): Promise<unknown> =>
    t.dataSource.query(`
      SELECT (SELECT md5(coalesce(string_agg(i::text, ',' ORDER BY i.id), '')) FROM institutions i) AS institutions,
             (SELECT md5(coalesce(string_agg(p::text, ',' ORDER BY p.id), '')) FROM programs p) AS programs,
             (SELECT md5(coalesce(string_agg(c::text, ',' ORDER BY c.id), '')) FROM courses c) AS courses,
             (SELECT count(*)::int FROM outbox_events) AS events,
             (SELECT count(*)::int FROM ledger_entries) AS entries`);

  /** The request is refused with `status` and `code`, and no table changed. */
  const refused = async (
    token: string,
    path: string,
    body: unknown,
    status: number,
    code: string,
  ): Promise<Body> => {
    const before = await written();
    const response = await patch(token, path, body);
    expect({ path, status: response.status, code: (response.body as Body).code }).toEqual({
      path,
      status,
      code,
    });
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(await written()).toEqual(before);
    return response.body as Body;
  };

  const courseRow = async (id: string): Promise<Body> =>
    (
      await t.dataSource.query(
        `SELECT name, credits::text AS credits, hours, category, program_id::text AS "programId", code
           FROM courses WHERE id = $1`,
        [id],
      )
    )[0] as Body;

  describe('institutions', () => {
    it('ADMIN corrects name and kind; the answer, a read and the audit event agree', async () => {
      const id = await anInstitution(t, { name: '湖南示范学院', kind: 'HIGHER_VOCATIONAL' });
      const before = await lastOutboxId();
      const response = await patch(admin, `/v1/institutions/${id}`, {
        name: '湖南示范职业技术大学',
        kind: 'VOCATIONAL_UNDERGRADUATE',
      }).expect(200);
      expect(response.body).toMatchObject({
        id,
        name: '湖南示范职业技术大学',
        kind: 'VOCATIONAL_UNDERGRADUATE',
      });
      const read = await t.http().get(`/v1/institutions/${id}`).set(bearer(registrarA)).expect(200);
      expect(read.body).toEqual(response.body);
      const events = await eventsSince(before);
      expect(events).toHaveLength(1);
      expect(events[0]).toMatchObject({
        type: 'catalog.institution.changed',
        learnerId: null,
        details: { fields: ['name', 'kind'] },
        changes: [
          {
            kind: 'institution',
            id,
            state: { name: '湖南示范职业技术大学', kind: 'VOCATIONAL_UNDERGRADUATE' },
          },
        ],
      });
      expect(events[0].actor).toMatchObject({ role: 'ADMIN' });
    });

    it('refuses an empty body, a code, a bad kind (422), a registrar (403) and an unknown id (404)', async () => {
      const path = `/v1/institutions/${schoolA}`;
      const empty = await refused(admin, path, {}, 422, 'VALIDATION_FAILED');
      expect(empty.errors).toMatchObject([
        { field: '(body)', message: 'name at least one field to change: name, kind' },
      ]);
      const none = await t.http().patch(path).set(bearer(admin));
      expect({ status: none.status, code: (none.body as Body).code }).toEqual({
        status: 422,
        code: 'VALIDATION_FAILED',
      });
      const code = await refused(admin, path, { code: 'NEW-CODE' }, 422, 'VALIDATION_FAILED');
      expect(code.errors).toMatchObject([expect.objectContaining({ field: 'code' })]);
      await refused(admin, path, { kind: 'UNIVERSITY' }, 422, 'VALIDATION_FAILED');
      await refused(admin, path, { name: null }, 422, 'VALIDATION_FAILED');
      await refused(registrarA, path, { name: '改名' }, 403, 'AUTH.FORBIDDEN');
      await refused(
        admin,
        '/v1/institutions/00000000-0000-4000-8000-000000000000',
        { name: '改名' },
        404,
        'CATALOG.INSTITUTION_NOT_FOUND',
      );
    });

    it('a PATCH that sends the values already stored answers the row and writes nothing', async () => {
      const current = (await t.http().get(`/v1/institutions/${schoolA}`).set(bearer(admin)))
        .body as Body;
      const before = await written();
      const response = await patch(admin, `/v1/institutions/${schoolA}`, {
        name: current.name,
      }).expect(200);
      expect(response.body).toEqual(current);
      expect(await written()).toEqual(before);
    });
  });

  describe('programs', () => {
    it('the school’s registrar corrects name and credits; the event lists what changed, decimals as stored', async () => {
      const id = await aProgram(t, { institutionId: schoolA, totalCredits: '140' });
      const before = await lastOutboxId();
      const response = await patch(registrarA, `/v1/institutions/${schoolA}/programs/${id}`, {
        name: '软件技术（2025 版）',
        totalCredits: '145.5',
        maxExemptCredits: '20',
      }).expect(200);
      expect(response.body).toMatchObject({
        id,
        name: '软件技术（2025 版）',
        totalCredits: '145.50',
        maxExemptCredits: '20.00',
      });
      const events = await eventsSince(before);
      // maxExemptCredits was already 20: sent unchanged, so not listed.
      expect(events.map((event) => [event.type, event.details])).toEqual([
        ['catalog.program.changed', { fields: ['name', 'totalCredits'] }],
      ]);
      expect(events[0].changes[0].state).toMatchObject({
        totalCredits: '145.50',
        maxExemptCredits: '20.00',
      });
      const listed = await t
        .http()
        .get(`/v1/institutions/${schoolA}/programs`)
        .set(bearer(admin))
        .expect(200);
      expect((listed.body.items as Body[]).find((item) => item.id === id)).toEqual(response.body);
    });

    it('refuses another school’s registrar, another school’s program, a cap above the total and an empty body', async () => {
      const id = await aProgram(t, { institutionId: schoolA });
      const ofB = await aProgram(t, { institutionId: schoolB });
      const path = `/v1/institutions/${schoolA}/programs/${id}`;
      await refused(registrarB, path, { name: '改名' }, 404, 'CATALOG.INSTITUTION_NOT_FOUND');
      await refused(
        registrarA,
        `/v1/institutions/${schoolA}/programs/${ofB}`,
        { name: '改名' },
        404,
        'CATALOG.PROGRAM_NOT_FOUND',
      );
      const above = await refused(
        registrarA,
        path,
        { maxExemptCredits: '141' },
        422,
        'VALIDATION_FAILED',
      );
      expect(above.errors).toMatchObject([
        {
          field: 'maxExemptCredits',
          message: 'maxExemptCredits (141.00) must not exceed totalCredits (140.00)',
        },
      ]);
      const below = await refused(
        registrarA,
        path,
        { totalCredits: '10' },
        422,
        'VALIDATION_FAILED',
      );
      expect(below.errors).toMatchObject([expect.objectContaining({ field: 'totalCredits' })]);
      await refused(registrarA, path, {}, 422, 'VALIDATION_FAILED');
      await refused(registrarA, path, { code: 'NEW' }, 422, 'VALIDATION_FAILED');
    });

    it('the cap cannot drop below what a learner already has exempted in the program (409), down to it can', async () => {
      const program = await aProgram(t, {
        institutionId: schoolA,
        totalCredits: '140',
        maxExemptCredits: '20',
      });
      const course = await aCourse(t, { institutionId: schoolA, programId: program, credits: '4' });
      const scheme = await aScheme(t, { certificationBodyId: bodyId });
      const learner = await aLearner(t, { enrolledAt: [schoolA] });
      await recordCertificate(t, { token: examiner, learnerId: learner, schemeId: scheme });
      const rule = await anActiveRule(t, {
        token: registrarA,
        rule: certificateRuleBody(scheme, course) as never,
      });
      const applied = await apply(t, {
        token: registrarA,
        learnerId: learner,
        ruleId: rule.id,
        target: { courseId: course },
      }).expect(201);
      await decide(t, {
        token: registrarA,
        applicationId: applied.body.id as string,
        decision: 'APPROVE',
      }).expect(200);

      const path = `/v1/institutions/${schoolA}/programs/${program}`;
      const problem = await refused(
        registrarA,
        path,
        { maxExemptCredits: '3.5' },
        409,
        'CATALOG.PROGRAM_CAP_BELOW_EXEMPTED',
      );
      expect(problem).toMatchObject({ exempted: '4.00' });
      expect(problem.detail).toContain('Set it to 4.00 or more');
      const lowered = await patch(registrarA, path, { maxExemptCredits: '4' }).expect(200);
      expect(lowered.body).toMatchObject({ maxExemptCredits: '4.00' });
    });
  });

  describe('courses', () => {
    it('corrects name, hours, category, credits and program while nothing is recorded against it', async () => {
      const program = await aProgram(t, { institutionId: schoolA });
      const id = await aCourse(t, { institutionId: schoolA, credits: '4' });
      const before = await lastOutboxId();
      const response = await patch(admin, `/v1/institutions/${schoolA}/courses/${id}`, {
        name: 'Web前端框架开发',
        hours: 72,
        category: 'PROFESSIONAL_FOUNDATION',
        credits: '4.5',
        programId: program.toUpperCase(),
      }).expect(200);
      expect(response.body).toMatchObject({
        id,
        name: 'Web前端框架开发',
        hours: 72,
        category: 'PROFESSIONAL_FOUNDATION',
        credits: '4.50',
        programId: program,
      });
      const events = await eventsSince(before);
      expect(events.map((event) => [event.type, event.details])).toEqual([
        [
          'catalog.course.changed',
          { fields: ['name', 'credits', 'hours', 'category', 'programId'] },
        ],
      ]);
      expect(events[0].changes[0]).toMatchObject({
        kind: 'course',
        id,
        state: { credits: '4.50', hours: 72, programId: program },
      });
      // The same program again, in upper case, is no change.
      const again = await lastOutboxId();
      await patch(admin, `/v1/institutions/${schoolA}/courses/${id}`, {
        programId: program.toUpperCase(),
      }).expect(200);
      expect(await eventsSince(again)).toEqual([]);
      const out = await patch(registrarA, `/v1/institutions/${schoolA}/courses/${id}`, {
        programId: null,
      }).expect(200);
      expect(out.body).toMatchObject({ programId: null });
    });

    it('refuses another school’s registrar and course, a program of another school, bad values and an empty body', async () => {
      const id = await aCourse(t, { institutionId: schoolA });
      const ofB = await aCourse(t, { institutionId: schoolB });
      const programOfB = await aProgram(t, { institutionId: schoolB });
      const path = `/v1/institutions/${schoolA}/courses/${id}`;
      await refused(registrarB, path, { name: '改名' }, 404, 'CATALOG.INSTITUTION_NOT_FOUND');
      await refused(
        registrarA,
        `/v1/institutions/${schoolA}/courses/${ofB}`,
        { name: '改名' },
        404,
        'CATALOG.COURSE_NOT_FOUND',
      );
      const program = await refused(
        registrarA,
        path,
        { programId: programOfB },
        422,
        'VALIDATION_FAILED',
      );
      expect(program.errors).toMatchObject([
        { field: 'programId', message: 'programId must name a program of this institution' },
      ]);
      for (const body of [
        {},
        { credits: '0' },
        { credits: '4.555' },
        { hours: -1 },
        { category: 'CORE' },
        { code: 'NEW-101' },
        { institutionId: schoolB },
        { name: '' },
      ]) {
        await refused(registrarA, path, body, 422, 'VALIDATION_FAILED');
      }
      await refused(
        registrarA,
        `/v1/institutions/${schoolA}/courses/not-a-uuid`,
        { name: '改名' },
        422,
        'VALIDATION_FAILED',
      );
    });

    it('freezes credits and program once an entry names the course (even a failed attempt); name, hours and category stay correctable', async () => {
      const program = await aProgram(t, { institutionId: schoolA });
      const otherProgram = await aProgram(t, { institutionId: schoolA });
      const id = await aCourse(t, { institutionId: schoolA, programId: program, credits: '4' });
      await recordCredit(t, {
        token: registrarA,
        learnerId: await aLearner(t),
        courseId: id,
        score: 41,
      });
      const path = `/v1/institutions/${schoolA}/courses/${id}`;
      const frozen = await refused(
        registrarA,
        path,
        { credits: '5' },
        409,
        'CATALOG.COURSE_CREDITS_RECORDED',
      );
      expect(frozen).toMatchObject({ entries: 1 });
      expect(frozen.detail).toContain('add a new course');
      await refused(
        admin,
        path,
        { programId: otherProgram },
        409,
        'CATALOG.COURSE_CREDITS_RECORDED',
      );
      await refused(admin, path, { programId: null }, 409, 'CATALOG.COURSE_CREDITS_RECORDED');
      // A refused body changes none of its other fields either.
      await refused(
        admin,
        path,
        { name: '不会生效', credits: '6' },
        409,
        'CATALOG.COURSE_CREDITS_RECORDED',
      );
      expect(await courseRow(id)).toMatchObject({ credits: '4.00', programId: program });
      // The same credits, written differently, are no change and so no conflict.
      await patch(registrarA, path, { credits: '4.0' }).expect(200);
      const renamed = await patch(registrarA, path, {
        name: '网页设计与制作（修订）',
        hours: 80,
        category: 'PRACTICE',
      }).expect(200);
      expect(renamed.body).toMatchObject({
        name: '网页设计与制作（修订）',
        hours: 80,
        category: 'PRACTICE',
        credits: '4.00',
        programId: program,
      });
    });

    it('a credit change racing a recording: either the change wins and the credit records the new credits, or the recording wins and the change is refused', async () => {
      for (let round = 0; round < 8; round += 1) {
        const id = await aCourse(t, { institutionId: schoolA, credits: '4' });
        const learner = await aLearner(t, { enrolledAt: [schoolA] });
        const [changed, recorded] = await Promise.all([
          patch(registrarA, `/v1/institutions/${schoolA}/courses/${id}`, { credits: '5' }),
          t
            .http()
            .post(`/v1/learners/${learner}/course-credits`)
            .set(bearer(registrarA))
            .send({ courseId: id, term: '2024-2025-2', score: 88, completedAt: '2025-07-01' }),
        ]);
        expect(recorded.status).toBe(201);
        const stored = await courseRow(id);
        const [entry]: { credits: string }[] = await t.dataSource.query(
          'SELECT credits::text AS credits FROM ledger_entries WHERE course_id = $1',
          [id],
        );
        const round_ = {
          round,
          patch: changed.status,
          course: stored.credits,
          entry: entry.credits,
        };
        if (changed.status === 200) {
          expect(round_).toEqual({ round, patch: 200, course: '5.00', entry: '5.00' });
        } else {
          expect(round_).toEqual({ round, patch: 409, course: '4.00', entry: '4.00' });
          expect((changed.body as Body).code).toBe('CATALOG.COURSE_CREDITS_RECORDED');
        }
        expect((recorded.body as Body).credits).toBe(entry.credits);
      }
    });

    it('the runtime role’s own SQL cannot change a recorded course’s credits or program, nor any code', async () => {
      const program = await aProgram(t, { institutionId: schoolA });
      const id = await aCourse(t, { institutionId: schoolA, credits: '4' });
      const before = await courseRow(id);
      // Unrecorded, the runtime role may correct it (as the API does).
      await t.dataSource.query('UPDATE courses SET credits = 3 WHERE id = $1', [id]);
      await t.dataSource.query('UPDATE courses SET credits = 4 WHERE id = $1', [id]);
      await recordCredit(t, { token: registrarA, learnerId: await aLearner(t), courseId: id });
      await expect(
        t.dataSource.query('UPDATE courses SET credits = 9 WHERE id = $1', [id]),
      ).rejects.toMatchObject({ driverError: { constraint: 'courses_credits_recorded' } });
      await expect(
        t.dataSource.query('UPDATE courses SET program_id = $2 WHERE id = $1', [id, program]),
      ).rejects.toMatchObject({ driverError: { constraint: 'courses_credits_recorded' } });
      await expect(
        t.dataSource.query(
          'UPDATE courses SET credits = credits + 1, name = name WHERE institution_id = $1',
          [schoolA],
        ),
      ).rejects.toMatchObject({ driverError: { constraint: 'courses_credits_recorded' } });
      if (t.database.superuserUrl !== t.database.url) {
        // A server's runtime role holds UPDATE on the correctable columns only.
        for (const sql of [
          'UPDATE courses SET code = $2 WHERE id = $1',
          'UPDATE institutions SET code = $2 WHERE id = (SELECT institution_id FROM courses WHERE id = $1)',
          'UPDATE programs SET code = $2 WHERE institution_id = (SELECT institution_id FROM courses WHERE id = $1)',
        ]) {
          await expect(t.dataSource.query(sql, [id, 'HACKED'])).rejects.toMatchObject({
            driverError: { code: '42501' },
          });
        }
      }
      expect(await courseRow(id)).toEqual(before);
    });
  });

  describe('verification', () => {
    it('after every correction the log verifies valid; a course name edited by SQL is then named', async () => {
      await waitForAuditCaughtUp(t.dataSource);
      const report = (await t.http().get('/v1/audit/verify').set(bearer(admin)).expect(200))
        .body as Body;
      expect(report).toMatchObject({ valid: true, problems: [] });
      const tables = report.tables as { code: string; rows: number; audited: number }[];
      for (const code of ['INSTITUTION', 'PROGRAM', 'COURSE']) {
        const table = tables.find((each) => each.code === code)!;
        expect({ code, audited: table.audited }).toEqual({ code, audited: table.rows });
      }

      const id = await aCourse(t, { institutionId: schoolA, name: '数据库原理' });
      await patch(registrarA, `/v1/institutions/${schoolA}/courses/${id}`, {
        name: '数据库原理与应用',
      }).expect(200);
      await t.superuser.query(`UPDATE courses SET name = '改过的名字' WHERE id = $1`, [id]);
      await waitForAuditCaughtUp(t.dataSource);
      const tampered = (await t.http().get('/v1/audit/verify').set(bearer(admin)).expect(200))
        .body as Body;
      expect(tampered.valid).toBe(false);
      const problems = tampered.problems as { code: string; detail: string }[];
      expect(problems.map((problem) => problem.code)).toEqual(['COURSE_ROW_MODIFIED']);
      expect(problems[0].detail).toContain(`course ${id}`);
      expect(problems[0].detail).toContain('name: log "数据库原理与应用", row "改过的名字"');
    });
  });
});
