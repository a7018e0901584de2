import { AuditAppender } from '@app/audit';
import { Role } from '@app/core';
import {
  aCertificationBody,
  aCourse,
  anInstitution,
  aPassportNumber,
  aProgram,
  aScheme,
  bearer,
  uniqueCode,
} from '../support/factories';
import { rowCount } from '../support/table-counts';
import { createTestApp, TestApp } from '../support/test-app';

/**
 * 学籍, 考核报名 and shares: how staff come to reach a learner, and what each relationship lets
 * them do. A school that opened the account enrols the learner; another school needs the
 * learner's identity number to enrol them; recording needs the enrolment in force on the date;
 * the body records a certificate only for a registered exam; a learner shares their account
 * with a school until a date and withdraws it; every staff read lands in the learner's access log.
 */
describe('relationships: enrolments, exam registrations, shares, rosters and the access log', () => {
  let t: TestApp;
  let school: string;
  let otherSchool: string;
  let program: string;
  let otherProgram: string;
  let course: string;
  let body: string;
  let scheme: string;
  let registrar: string;
  let otherRegistrar: string;
  let examiner: string;
  let admin: string;

  beforeAll(async () => {
    t = await createTestApp('relationships');
    school = await anInstitution(t, { name: '湖南示范信息职业技术学院' });
    otherSchool = await anInstitution(t, { name: '长沙示范中等职业学校' });
    program = await aProgram(t, { institutionId: school, name: '软件技术' });
    otherProgram = await aProgram(t, { institutionId: otherSchool });
    course = await aCourse(t, { institutionId: school, programId: program, credits: '4' });
    body = await aCertificationBody(t);
    scheme = await aScheme(t, { certificationBodyId: body });
    registrar = await t.tokenFor(Role.REGISTRAR, { institutionId: school });
    otherRegistrar = await t.tokenFor(Role.REGISTRAR, { institutionId: otherSchool });
    examiner = await t.tokenFor(Role.EXAMINER, { certificationBodyId: body });
    admin = await t.tokenFor(Role.ADMIN);
  }, 120_000);

  afterAll(async () => {
    await t?.close();
  }, 60_000);

  const post = (token: string, path: string, payload: object) =>
    t.http().post(path).set(bearer(token)).send(payload);
  const get = (token: string, path: string) => t.http().get(path).set(bearer(token));

  /** A learner whose account the school's registrar opens: `{id, idNumber}`. */
  async function openedBySchool(name = '张伟'): Promise<{ id: string; idNumber: string }> {
    const idNumber = aPassportNumber();
    const opened = await post(registrar, '/v1/learners', {
      name,
      idType: 'PASSPORT',
      idNumber,
    }).expect(201);
    return { id: opened.body.id as string, idNumber };
  }

  const enrolment = (overrides: object = {}) => ({
    programId: program,
    studentNo: uniqueCode('S').replace('-', ''),
    category: 'FULL_TIME',
    startedAt: '2023-09-01',
    ...overrides,
  });

  const credit = (learner: string, completedAt: string) =>
    post(registrar, `/v1/learners/${learner}/course-credits`, {
      courseId: course,
      term: '2023-2024-1',
      score: 90,
      completedAt,
    });

  describe('enrolments', () => {
    it('the school that opened the account enrols the learner, named, and writes enrolment.opened', async () => {
      const learner = await openedBySchool();
      const outboxBefore = await rowCount(t, 'outbox_events');
      const enrolled = await post(
        registrar,
        `/v1/learners/${learner.id}/enrolments`,
        enrolment({ studentNo: '2023510203001' }),
      ).expect(201);
      expect(enrolled.body).toMatchObject({
        learnerId: learner.id,
        institution: { id: school, name: '湖南示范信息职业技术学院' },
        program: { id: program, name: '软件技术' },
        studentNo: '2023510203001',
        category: 'FULL_TIME',
        status: 'ACTIVE',
        startedAt: '2023-09-01',
        endedAt: null,
      });
      expect(await rowCount(t, 'outbox_events')).toBe(outboxBefore + 1);
      const [event] = await t.dataSource.query(
        `SELECT event_type, payload FROM outbox_events ORDER BY id DESC LIMIT 1`,
      );
      expect(event.event_type).toBe('enrolment.opened');
      expect(event.payload.changes[0]).toMatchObject({
        kind: 'enrolment',
        id: enrolled.body.id,
        state: { studentNo: '2023510203001', status: 'ACTIVE', institutionId: school },
      });
    });

    it('another school enrols the learner only with their identity number; a wrong one is 404', async () => {
      const learner = await openedBySchool();
      const path = `/v1/learners/${learner.id}/enrolments`;
      const before = await rowCount(t, 'enrolments');
      const blind = await post(otherRegistrar, path, enrolment({ programId: otherProgram }));
      expect(blind.status).toBe(404);
      expect(blind.body.code).toBe('ACCOUNTS.LEARNER_NOT_FOUND');
      const wrong = await post(
        otherRegistrar,
        path,
        enrolment({ programId: otherProgram, idNumber: aPassportNumber() }),
      );
      expect(wrong.status).toBe(404);
      expect(await rowCount(t, 'enrolments')).toBe(before);
      await post(
        otherRegistrar,
        path,
        enrolment({ programId: otherProgram, idNumber: learner.idNumber.toLowerCase() }),
      ).expect(201);
      // Another school's program is not the registrar's to enrol into.
      const foreignProgram = await post(
        otherRegistrar,
        path,
        enrolment({ programId: program, idNumber: learner.idNumber }),
      );
      expect(foreignProgram.status).toBe(404);
      expect(foreignProgram.body.code).toBe('CATALOG.PROGRAM_NOT_FOUND');
    });

    it('enrols by programCode and registers by schemeCode, as by id; both or neither is a 422 naming both fields', async () => {
      const learner = await openedBySchool();
      const [{ code: programCode }] = await t.dataSource.query(
        'SELECT code FROM programs WHERE id = $1',
        [program],
      );
      const [{ code: schemeCode }] = await t.dataSource.query(
        'SELECT code FROM certificate_schemes WHERE id = $1',
        [scheme],
      );
      const byCode = {
        programCode,
        studentNo: uniqueCode('S').replace('-', ''),
        category: 'SOCIAL_LEARNER',
        startedAt: '2024-03-01',
      };
      const enrolled = await post(
        registrar,
        `/v1/learners/${learner.id}/enrolments`,
        byCode,
      ).expect(201);
      expect(enrolled.body.program).toMatchObject({ id: program, code: programCode });
      const both = await post(
        registrar,
        `/v1/learners/${learner.id}/enrolments`,
        enrolment({ programCode }),
      );
      expect(both.status).toBe(422);
      expect(both.body.errors[0].message).toContain('programCode');
      const otherSchoolsCode = await post(otherRegistrar, `/v1/learners/${learner.id}/enrolments`, {
        ...byCode,
        idNumber: learner.idNumber,
      });
      expect(otherSchoolsCode.status).toBe(404);
      expect(otherSchoolsCode.body.code).toBe('CATALOG.PROGRAM_NOT_FOUND');
      const registered = await post(examiner, `/v1/learners/${learner.id}/exam-registrations`, {
        schemeCode,
        level: 'SENIOR',
        session: '2025-12',
        idNumber: learner.idNumber,
      }).expect(201);
      expect(registered.body.scheme).toMatchObject({ id: scheme, code: schemeCode });
    });

    it('refuses a student number already given at the school and a second active enrolment in the program (409), writing nothing', async () => {
      const [first, second] = [await openedBySchool(), await openedBySchool()];
      const taken = await post(
        registrar,
        `/v1/learners/${first.id}/enrolments`,
        enrolment(),
      ).expect(201);
      const before = await rowCount(t, 'enrolments');
      const sameNumber = await post(
        registrar,
        `/v1/learners/${second.id}/enrolments`,
        enrolment({ studentNo: taken.body.studentNo }),
      );
      expect(sameNumber.status).toBe(409);
      expect(sameNumber.body).toMatchObject({
        code: 'RELATIONSHIPS.STUDENT_NO_TAKEN',
        enrolmentId: taken.body.id,
      });
      const twice = await post(registrar, `/v1/learners/${first.id}/enrolments`, enrolment());
      expect(twice.status).toBe(409);
      expect(twice.body).toMatchObject({
        code: 'RELATIONSHIPS.ALREADY_ENROLLED',
        enrolmentId: taken.body.id,
      });
      expect(await rowCount(t, 'enrolments')).toBe(before);
    });

    it('records a credit only while the enrolment was in force, and not after it ended', async () => {
      const learner = await openedBySchool();
      const before = await rowCount(t, 'ledger_entries');
      const notYet = await credit(learner.id, '2024-01-10');
      expect(notYet.status).toBe(422);
      expect(notYet.body.code).toBe('RELATIONSHIPS.NOT_ENROLLED');
      expect(notYet.body.errors).toEqual([expect.objectContaining({ field: 'completedAt' })]);
      const enrolled = await post(
        registrar,
        `/v1/learners/${learner.id}/enrolments`,
        enrolment({ startedAt: '2023-09-01' }),
      ).expect(201);
      expect((await credit(learner.id, '2023-08-31')).body.code).toBe('RELATIONSHIPS.NOT_ENROLLED');
      expect(await rowCount(t, 'ledger_entries')).toBe(before);
      const ended = await post(registrar, `/v1/enrolments/${enrolled.body.id}/end`, {
        status: 'WITHDRAWN',
        endedAt: '2024-03-01',
      }).expect(200);
      expect(ended.body).toMatchObject({ status: 'WITHDRAWN', endedAt: '2024-03-01' });
      expect((await credit(learner.id, '2024-03-02')).body.code).toBe('RELATIONSHIPS.NOT_ENROLLED');
      await credit(learner.id, '2024-01-10').expect(201);
      const again = await post(registrar, `/v1/enrolments/${enrolled.body.id}/end`, {
        status: 'GRADUATED',
        endedAt: '2024-06-30',
      });
      expect(again.status).toBe(409);
      expect(again.body.code).toBe('RELATIONSHIPS.ENROLMENT_ENDED');
      // An ended enrolment still lets the school read the account it kept.
      await get(registrar, `/v1/learners/${learner.id}/account`).expect(200);
      const foreign = await post(otherRegistrar, `/v1/enrolments/${enrolled.body.id}/end`, {
        status: 'GRADUATED',
        endedAt: '2024-06-30',
      });
      expect(foreign.status).toBe(404);
    });

    it('refuses an end before the start (422) and lists the learner’s enrolments to those who reach them', async () => {
      const learner = await openedBySchool();
      const enrolled = await post(
        registrar,
        `/v1/learners/${learner.id}/enrolments`,
        enrolment({ startedAt: '2023-09-01' }),
      ).expect(201);
      const early = await post(registrar, `/v1/enrolments/${enrolled.body.id}/end`, {
        status: 'GRADUATED',
        endedAt: '2023-08-01',
      });
      expect(early.status).toBe(422);
      expect(early.body.errors).toEqual([expect.objectContaining({ field: 'endedAt' })]);
      const listed = await get(registrar, `/v1/learners/${learner.id}/enrolments`).expect(200);
      expect(listed.body).toMatchObject({
        total: 1,
        items: [{ id: enrolled.body.id, status: 'ACTIVE' }],
      });
      await get(otherRegistrar, `/v1/learners/${learner.id}/enrolments`).expect(404);
    });
  });

  describe('the roster', () => {
    let rosterSchool: string;
    let rosterRegistrar: string;
    let rosterProgram: string;

    beforeAll(async () => {
      rosterSchool = await anInstitution(t, { name: '株洲职业技术学院' });
      rosterProgram = await aProgram(t, { institutionId: rosterSchool, name: '电子商务' });
      rosterRegistrar = await t.tokenFor(Role.REGISTRAR, { institutionId: rosterSchool });
      const names = ['王小明', '李明', '赵六', '钱七', '孙八_甲'];
      for (const [index, name] of names.entries()) {
        const opened = await post(rosterRegistrar, '/v1/learners', {
          name,
          idType: 'PASSPORT',
          idNumber: aPassportNumber(),
        }).expect(201);
        await post(rosterRegistrar, `/v1/learners/${opened.body.id}/enrolments`, {
          programId: rosterProgram,
          studentNo: `2024${String(index + 1).padStart(3, '0')}`,
          category: index === 4 ? 'VETERAN' : 'FULL_TIME',
          startedAt: '2024-09-01',
        }).expect(201);
      }
    });

    const roster = (token: string, query: Record<string, string | number> = {}) =>
      get(token, `/v1/institutions/${rosterSchool}/learners`).query(query);

    it('lists the school’s learners by student number with name, program, category and status, page by page', async () => {
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const page: { body: { items: { studentNo: string }[]; nextCursor: string | null } } =
          await roster(rosterRegistrar, { limit: 2, ...(cursor ? { cursor } : {}) }).expect(200);
        seen.push(...page.body.items.map((item) => item.studentNo));
        cursor = page.body.nextCursor;
      } while (cursor);
      expect(seen).toEqual(['2024001', '2024002', '2024003', '2024004', '2024005']);
      const first = await roster(rosterRegistrar, { limit: 1 }).expect(200);
      expect(first.body.items[0]).toEqual({
        learnerId: expect.any(String),
        name: '王小明',
        enrolmentId: expect.any(String),
        studentNo: '2024001',
        program: { id: rosterProgram, code: expect.any(String), name: '电子商务' },
        category: 'FULL_TIME',
        status: 'ACTIVE',
        startedAt: '2024-09-01',
        endedAt: null,
      });
    });

    it('searches by part of a name or the start of a student number; % and _ match only themselves', async () => {
      const names = async (q: string) =>
        (await roster(rosterRegistrar, { q }).expect(200)).body.items.map(
          (item: { name: string }) => item.name,
        );
      expect(await names('明')).toEqual(['王小明', '李明']);
      expect(await names('2024004')).toEqual(['钱七']);
      expect(await names('_')).toEqual(['孙八_甲']);
      expect(await names('%')).toEqual([]);
      expect(await names('4005')).toEqual([]);
    });

    it('is the school’s own: another school’s registrar and an examiner are refused', async () => {
      expect((await roster(otherRegistrar)).status).toBe(404);
      expect((await roster(examiner)).status).toBe(403);
      expect((await roster(admin)).status).toBe(200);
      expect((await roster(rosterRegistrar, { cursor: 'bm90LWEtY3Vyc29y' })).status).toBe(422);
    });
  });

  describe('exam registrations', () => {
    it('the body registers a learner it never met with their identity number, then records the certificate of that level only', async () => {
      const learner = await openedBySchool();
      const path = `/v1/learners/${learner.id}/certificates`;
      const certificate = (level: string) => ({
        schemeId: scheme,
        level,
        certificateNo: uniqueCode('CERT'),
        issuedAt: '2025-06-30',
      });
      expect((await post(examiner, path, certificate('JUNIOR'))).status).toBe(404);
      const blind = await post(examiner, `/v1/learners/${learner.id}/exam-registrations`, {
        schemeId: scheme,
        level: 'JUNIOR',
        session: '2025-06',
      });
      expect(blind.status).toBe(404);
      const registered = await post(examiner, `/v1/learners/${learner.id}/exam-registrations`, {
        schemeId: scheme,
        level: 'JUNIOR',
        session: '2025-06',
        idNumber: learner.idNumber,
      }).expect(201);
      expect(registered.body).toMatchObject({
        level: 'JUNIOR',
        levelName: '初级',
        session: '2025-06',
        scheme: { id: scheme },
        certificationBody: { id: body },
      });
      const twice = await post(examiner, `/v1/learners/${learner.id}/exam-registrations`, {
        schemeId: scheme,
        level: 'JUNIOR',
        session: '2025-06',
      });
      expect(twice.status).toBe(409);
      expect(twice.body).toMatchObject({
        code: 'RELATIONSHIPS.ALREADY_REGISTERED',
        registrationId: registered.body.id,
      });
      const before = await rowCount(t, 'ledger_entries');
      const unregistered = await post(examiner, path, certificate('SENIOR'));
      expect(unregistered.status).toBe(422);
      expect(unregistered.body.code).toBe('RELATIONSHIPS.NOT_REGISTERED');
      expect(await rowCount(t, 'ledger_entries')).toBe(before);
      await post(examiner, path, certificate('JUNIOR')).expect(201);
      const listed = await get(examiner, `/v1/learners/${learner.id}/exam-registrations`);
      expect(listed.body).toMatchObject({ total: 1, items: [{ id: registered.body.id }] });
    });
  });

  describe('shares', () => {
    it('a learner lets another school read their account until they withdraw the share', async () => {
      const learner = await openedBySchool('李娜');
      const me = await t.tokenFor(Role.LEARNER, { learnerId: learner.id });
      const account = `/v1/learners/${learner.id}/account`;
      await get(otherRegistrar, account).expect(404);
      const until = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);
      const share = await post(me, '/v1/me/shares', { institutionId: otherSchool, until }).expect(
        201,
      );
      expect(share.body).toMatchObject({
        grantee: { kind: 'INSTITUTION', id: otherSchool, name: '长沙示范中等职业学校' },
        until,
        status: 'ACTIVE',
        withdrawnAt: null,
      });
      await get(otherRegistrar, account).expect(200);
      // Reading is all a share gives: recording still needs an enrolment there.
      const otherCourse = await aCourse(t, { institutionId: otherSchool });
      const refused = await post(otherRegistrar, `/v1/learners/${learner.id}/course-credits`, {
        courseId: otherCourse,
        term: '2024-2025-1',
        score: 80,
        completedAt: '2025-01-10',
      });
      expect(refused.body.code).toBe('RELATIONSHIPS.NOT_ENROLLED');
      const withdrawn = await t
        .http()
        .delete(`/v1/me/shares/${share.body.id}`)
        .set(bearer(me))
        .expect(200);
      expect(withdrawn.body).toMatchObject({
        status: 'WITHDRAWN',
        withdrawnAt: expect.any(String),
      });
      await get(otherRegistrar, account).expect(404);
      const twice = await t.http().delete(`/v1/me/shares/${share.body.id}`).set(bearer(me));
      expect(twice.status).toBe(409);
      const listed = await get(me, '/v1/me/shares').expect(200);
      expect(listed.body).toMatchObject({ total: 1, items: [{ status: 'WITHDRAWN' }] });
      // Somebody else's share is not there for another learner to withdraw.
      const stranger = await t.tokenFor(Role.LEARNER, { learnerId: (await openedBySchool()).id });
      expect(
        (await t.http().delete(`/v1/me/shares/${share.body.id}`).set(bearer(stranger))).status,
      ).toBe(404);
    });

    it('refuses a share into the past, beyond a year, with both or no grantee, or to nobody, writing nothing', async () => {
      const me = await t.tokenFor(Role.LEARNER, { learnerId: (await openedBySchool()).id });
      const before = await rowCount(t, 'learner_shares');
      const soon = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
      for (const [payload, field] of [
        [{ institutionId: otherSchool, until: '2020-01-01' }, 'until'],
        [{ institutionId: otherSchool, until: '2099-01-01' }, 'until'],
        [
          { institutionId: otherSchool, certificationBodyId: body, until: soon },
          'certificationBodyId',
        ],
        [{ until: soon }, 'institutionId'],
      ] as const) {
        const refused = await post(me, '/v1/me/shares', payload);
        expect(refused.status).toBe(422);
        expect(refused.body.errors).toEqual([expect.objectContaining({ field })]);
      }
      const nobody = await post(me, '/v1/me/shares', {
        institutionId: '00000000-0000-4000-8000-000000000000',
        until: soon,
      });
      expect(nobody.status).toBe(404);
      expect(await rowCount(t, 'learner_shares')).toBe(before);
      expect((await post(registrar, '/v1/me/shares', { until: soon })).status).toBe(403);
    });

    it('an expired share gives nothing', async () => {
      const learner = await openedBySchool();
      await t.superuser.query(
        `INSERT INTO learner_shares (learner_id, institution_id, until) VALUES ($1, $2, '2024-01-01')`,
        [learner.id, otherSchool],
      );
      await get(otherRegistrar, `/v1/learners/${learner.id}/account`).expect(404);
    });
  });

  describe('the access log', () => {
    it('shows the learner who on the staff side read which view, by name and school; their own reads are not in it', async () => {
      const learner = await openedBySchool('陈思远');
      const me = await t.tokenFor(Role.LEARNER, { learnerId: learner.id });
      await get(me, '/v1/me/account').expect(200);
      await get(registrar, `/v1/learners/${learner.id}/account`).expect(200);
      await get(registrar, `/v1/learners/${learner.id}/entries`).expect(200);
      await get(otherRegistrar, `/v1/learners/${learner.id}/account`).expect(404);
      await get(admin, '/v1/learners')
        .query({ idType: 'PASSPORT', idNumber: learner.idNumber })
        .expect(200);
      await t.app.get(AuditAppender).appendPending();
      const log = await get(me, '/v1/me/access-log').expect(200);
      expect(log.body.items.map((item: { view: string }) => item.view)).toEqual([
        'IDENTITY_LOOKUP',
        'ENTRIES',
        'ACCOUNT',
      ]);
      expect(log.body.items[2]).toMatchObject({
        at: expect.any(String),
        viewer: {
          role: 'REGISTRAR',
          displayName: expect.any(String),
          organisation: { id: school, name: '湖南示范信息职业技术学院' },
        },
      });
      const paged = await get(me, '/v1/me/access-log').query({ limit: 2 }).expect(200);
      const rest = await get(me, '/v1/me/access-log')
        .query({ limit: 2, cursor: paged.body.nextCursor })
        .expect(200);
      expect([...paged.body.items, ...rest.body.items]).toEqual(log.body.items);
      const asAdmin = await get(admin, `/v1/learners/${learner.id}/access-log`).expect(200);
      expect(asAdmin.body.items).toHaveLength(3);
      expect((await get(registrar, `/v1/learners/${learner.id}/access-log`)).status).toBe(403);
    });
  });
});
