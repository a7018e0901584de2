import { Role } from '@app/core';
import { createTestApp, TestApp } from '../support/test-app';
import {
  aCertificationBody,
  aCourse,
  aLearner,
  anInstitution,
  aProgram,
  aScheme,
  bearer,
} from '../support/factories';
import { rowCount } from '../support/table-counts';

describe('recording learning outcomes on the ledger', () => {
  let t: TestApp;
  let school: string;
  let otherSchool: string;
  let program: string;
  let course: string;
  let body: string;
  let scheme: string;
  let registrar: string;
  let otherRegistrar: string;
  let examiner: string;
  let otherExaminer: string;
  let admin: string;

  beforeAll(async () => {
    t = await createTestApp('ledger recording');
    school = await anInstitution(t);
    otherSchool = await anInstitution(t);
    program = await aProgram(t, { institutionId: school });
    course = await aCourse(t, { institutionId: school, programId: program, credits: '4.5' });
    body = await aCertificationBody(t);
    scheme = await aScheme(t, { certificationBodyId: body });
    registrar = await t.tokenFor(Role.REGISTRAR, { institutionId: school });
    otherRegistrar = await t.tokenFor(Role.REGISTRAR, { institutionId: otherSchool });
    examiner = await t.tokenFor(Role.EXAMINER, { certificationBodyId: body });
    otherExaminer = await t.tokenFor(Role.EXAMINER, {
      certificationBodyId: await aCertificationBody(t),
    });
    admin = await t.tokenFor(Role.ADMIN);
  }, 120_000);

  afterAll(async () => {
    await t?.close();
  }, 60_000);

  /** A learner enrolled at the school and registered for every level of the scheme. */
  const student = () => aLearner(t, { enrolledAt: [school], registeredFor: [scheme] });

  const credit = (learner: string, token: string, payload: object, key?: string) => {
    const call = t.http().post(`/v1/learners/${learner}/course-credits`).set(bearer(token));
    return (key ? call.set('idempotency-key', key) : call).send(payload);
  };

  it('records a passing credit with the course credits, and its outbox event in the same transaction', async () => {
    const learner = await student();
    const outboxBefore = await rowCount(t, 'outbox_events');
    const response = await credit(learner, registrar, {
      courseId: course,
      term: '2025-2026-1',
      score: 88,
      completedAt: '2026-01-10',
    });
    expect(response.status).toBe(201);
    expect(response.body).toMatchObject({
      kind: 'COURSE_CREDIT',
      status: 'ACTIVE',
      passed: true,
      credits: '4.50',
      courseId: course,
    });
    expect(await rowCount(t, 'outbox_events')).toBe(outboxBefore + 1);
    const [event] = await t.dataSource.query(
      `SELECT payload FROM outbox_events ORDER BY id DESC LIMIT 1`,
    );
    expect(event.payload.changes).toEqual([
      {
        kind: 'ledger_entry',
        id: response.body.id,
        state: expect.objectContaining({ id: response.body.id, credits: '4.50' }),
      },
    ]);
    expect(event.payload.actor.role).toBe('REGISTRAR');
  });

  it('records failed attempts with no credits, and rejects a second passing credit while the first stands', async () => {
    const learner = await student();
    const failed = await credit(learner, registrar, {
      courseId: course,
      term: '2025-2026-1',
      score: 42,
      completedAt: '2026-01-10',
    });
    expect(failed.status).toBe(201);
    expect(failed.body).toMatchObject({ passed: false, credits: '0.00' });
    const passed = await credit(learner, registrar, {
      courseId: course,
      term: '2025-2026-2',
      score: 61,
      completedAt: '2026-06-10',
    });
    expect(passed.status).toBe(201);
    const again = await credit(learner, registrar, {
      courseId: course,
      term: '2026-2027-1',
      score: 95,
      completedAt: '2026-07-10',
    });
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('LEDGER.CREDIT_ALREADY_RECORDED');
    expect(again.body.existingEntryId).toBe(passed.body.id);

    const reversal = await t
      .http()
      .post(`/v1/entries/${passed.body.id}/reversal`)
      .set(bearer(registrar))
      .send({ reason: 'recorded against the wrong learner' });
    expect(reversal.status).toBe(201);
    expect(reversal.body.correction).toMatchObject({
      kind: 'REVERSAL',
      cancelsEntryId: passed.body.id,
    });
    const afterReversal = await credit(learner, registrar, {
      courseId: course,
      term: '2026-2027-1',
      score: 95,
      completedAt: '2026-07-10',
    });
    expect(afterReversal.status).toBe(201);
  });

  it("answers 404 for another school's course and for an unknown learner, writing nothing", async () => {
    const learner = await aLearner(t, { enrolledAt: [school, otherSchool] });
    const before = await rowCount(t, 'ledger_entries');
    const foreign = await credit(learner, otherRegistrar, {
      courseId: course,
      term: '2025-2026-1',
      score: 80,
      completedAt: '2026-01-10',
    });
    expect(foreign.status).toBe(404);
    expect(foreign.body.code).toBe('CATALOG.COURSE_NOT_FOUND');
    const unknown = await credit('00000000-0000-4000-8000-000000000000', registrar, {
      courseId: course,
      term: '2025-2026-1',
      score: 80,
      completedAt: '2026-01-10',
    });
    expect(unknown.status).toBe(404);
    expect(await rowCount(t, 'ledger_entries')).toBe(before);
  });

  it.each([
    ['score below 0', { score: -1 }],
    ['score above 100', { score: 101 }],
    ['score as a string', { score: '80' }],
    ['an impossible date', { completedAt: '2026-02-30' }],
    ['a date in the future', { completedAt: '2999-01-01' }],
    ['an unknown field', { grade: 'A' }],
    ['a malformed course id', { courseId: 'not-a-uuid' }],
    ['a too-long term', { term: 'x'.repeat(40) }],
  ])('rejects %s with 422 and writes nothing', async (_name, change) => {
    const learner = await student();
    const before = await rowCount(t, 'ledger_entries');
    const response = await credit(learner, registrar, {
      courseId: course,
      term: '2025-2026-1',
      score: 80,
      completedAt: '2026-01-10',
      ...change,
    });
    expect(response.status).toBe(422);
    expect(response.headers['content-type']).toContain('application/problem+json');
    expect(response.body.errors.length).toBeGreaterThan(0);
    expect(await rowCount(t, 'ledger_entries')).toBe(before);
  });

  it('rejects a malformed learner id in the path with 422', async () => {
    const response = await credit('12345', registrar, {
      courseId: course,
      term: '2025-2026-1',
      score: 80,
      completedAt: '2026-01-10',
    });
    expect(response.status).toBe(422);
    expect(response.body.errors).toMatchObject([
      { field: 'learnerId', code: 'NOT_UUID', message: 'learnerId must be a UUID' },
    ]);
  });

  it('replays the same Idempotency-Key and body, and refuses the key with another body', async () => {
    const learner = await student();
    const payload = { courseId: course, term: '2025-2026-1', score: 77, completedAt: '2026-01-10' };
    const first = await credit(learner, registrar, payload, 'key-replay-1');
    const before = await rowCount(t, 'ledger_entries');
    const second = await credit(learner, registrar, payload, 'key-replay-1');
    expect(second.status).toBe(first.status);
    expect(second.body).toEqual(first.body);
    expect(second.headers['idempotent-replayed']).toBe('true');
    expect(await rowCount(t, 'ledger_entries')).toBe(before);
    const other = await credit(learner, registrar, { ...payload, score: 78 }, 'key-replay-1');
    expect(other.status).toBe(422);
    expect(other.body.code).toBe('IDEMPOTENCY.KEY_REUSED');
    expect(await rowCount(t, 'ledger_entries')).toBe(before);
  });

  it('records certificates by the scheme body only, with numbers unique within the scheme', async () => {
    const [first, second] = [await student(), await student()];
    const payload = {
      schemeId: scheme,
      level: 'INTERMEDIATE',
      certificateNo: 'WEB-2026-000123',
      issuedAt: '2026-03-01',
      validUntil: '2029-03-01',
    };
    const recorded = await t
      .http()
      .post(`/v1/learners/${first}/certificates`)
      .set(bearer(examiner))
      .send(payload);
    expect(recorded.status).toBe(201);
    expect(recorded.body).toMatchObject({
      kind: 'CERTIFICATE',
      status: 'ACTIVE',
      level: 'INTERMEDIATE',
      certificationBodyId: body,
    });
    const duplicate = await t
      .http()
      .post(`/v1/learners/${second}/certificates`)
      .set(bearer(examiner))
      .send(payload);
    expect(duplicate.status).toBe(409);
    expect(duplicate.body.code).toBe('LEDGER.CERTIFICATE_NUMBER_TAKEN');
    const foreign = await t
      .http()
      .post(`/v1/learners/${second}/certificates`)
      .set(bearer(otherExaminer))
      .send({ ...payload, certificateNo: 'WEB-2026-000999' });
    expect(foreign.status).toBe(404);
    const backwards = await t
      .http()
      .post(`/v1/learners/${second}/certificates`)
      .set(bearer(examiner))
      .send({ ...payload, certificateNo: 'WEB-2026-000998', validUntil: '2025-01-01' });
    expect(backwards.status).toBe(422);
  });

  it("revokes a certificate by its body only, once; another body's examiner gets 404", async () => {
    const learner = await student();
    const certificate = await t
      .http()
      .post(`/v1/learners/${learner}/certificates`)
      .set(bearer(examiner))
      .send({
        schemeId: scheme,
        level: 'JUNIOR',
        certificateNo: 'WEB-2026-REV-1',
        issuedAt: '2026-03-01',
      });
    const foreign = await t
      .http()
      .post(`/v1/certificates/${certificate.body.id}/revocation`)
      .set(bearer(otherExaminer))
      .send({ reason: 'fraud' });
    expect(foreign.status).toBe(404);
    const revoked = await t
      .http()
      .post(`/v1/certificates/${certificate.body.id}/revocation`)
      .set(bearer(examiner))
      .send({ reason: 'exam misconduct confirmed' });
    expect(revoked.status).toBe(201);
    const twice = await t
      .http()
      .post(`/v1/certificates/${certificate.body.id}/revocation`)
      .set(bearer(admin))
      .send({ reason: 'again' });
    expect(twice.status).toBe(409);
    const correction = await t
      .http()
      .post(`/v1/entries/${revoked.body.correction.id}/reversal`)
      .set(bearer(admin))
      .send({ reason: 'undo the revocation' });
    expect(correction.status).toBe(422);
    expect(correction.body.code).toBe('LEDGER.NOT_CANCELLABLE');
    const account = await t
      .http()
      .get(`/v1/learners/${learner}/account`)
      .set(bearer(admin))
      .expect(200);
    expect(account.body.certificates[0]).toMatchObject({
      status: 'REVOKED',
      cancelledBy: { kind: 'REVOCATION', reason: 'exam misconduct confirmed' },
    });
  });

  it('records diplomas by the program school, and shows everything on the account with totals', async () => {
    const learner = await student();
    await credit(learner, registrar, {
      courseId: course,
      term: '2025-2026-1',
      score: 90,
      completedAt: '2026-01-10',
    }).expect(201);
    const diploma = await t
      .http()
      .post(`/v1/learners/${learner}/diplomas`)
      .set(bearer(registrar))
      .send({ programId: program, diplomaNo: 'DIP-2026-0001', graduatedAt: '2026-06-30' });
    expect(diploma.status).toBe(201);
    const foreign = await t
      .http()
      .post(`/v1/learners/${learner}/diplomas`)
      .set(bearer(otherRegistrar))
      .send({ programId: program, diplomaNo: 'DIP-2026-0002', graduatedAt: '2026-06-30' });
    expect(foreign.status).toBe(404);
    await t
      .http()
      .post(`/v1/learners/${learner}/certificates`)
      .set(bearer(examiner))
      .send({
        schemeId: scheme,
        level: 'SENIOR',
        certificateNo: 'WEB-2026-TOT-1',
        issuedAt: '2026-03-01',
        validUntil: '2026-03-02',
      })
      .expect(201);
    const account = await t
      .http()
      .get(`/v1/learners/${learner}/account`)
      .set(bearer(registrar))
      .expect(200);
    expect(account.body.totals).toEqual({
      creditsEarned: '4.50',
      bySource: { courseCredits: '4.50', courseExemptions: '0.00', certificatesRecognised: '0.00' },
    });
    expect(account.body.certificates[0].status).toBe('EXPIRED');
    expect(account.body.diplomas).toHaveLength(1);
  });

  it('lets a learner read only their own account and entries; others answer 404', async () => {
    const [mine, theirs] = [await student(), await student()];
    const learnerToken = await t.tokenFor(Role.LEARNER, { learnerId: mine });
    await t.http().get('/v1/me/account').set(bearer(learnerToken)).expect(200);
    await t.http().get(`/v1/learners/${mine}/entries`).set(bearer(learnerToken)).expect(200);
    const other = await t.http().get(`/v1/learners/${theirs}/account`).set(bearer(learnerToken));
    expect(other.status).toBe(404);
    expect(
      (await t.http().get(`/v1/learners/${theirs}/entries`).set(bearer(learnerToken))).status,
    ).toBe(404);
    expect((await t.http().get('/v1/me/account').set(bearer(registrar))).status).toBe(403);
  });

  it('pages entries newest first with a cursor, seeing none twice', async () => {
    const learner = await student();
    const courses = await Promise.all(
      [1, 2, 3, 4, 5].map(() => aCourse(t, { institutionId: school })),
    );
    for (const id of courses) {
      await credit(learner, registrar, {
        courseId: id,
        term: '2025-2026-1',
        score: 70,
        completedAt: '2026-01-10',
      }).expect(201);
    }
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { body: { items: { seq: string }[]; nextCursor: string | null } } = await t
        .http()
        .get(`/v1/learners/${learner}/entries`)
        .query(cursor ? { limit: 2, cursor } : { limit: 2 })
        .set(bearer(admin))
        .expect(200);
      seen.push(...page.body.items.map((item: { seq: string }) => item.seq));
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(seen).toHaveLength(5);
    expect([...seen].sort((a, b) => Number(b) - Number(a))).toEqual(seen);
    const bad = await t
      .http()
      .get(`/v1/learners/${learner}/entries`)
      .query({ cursor: 'garbage!' })
      .set(bearer(admin));
    expect(bad.status).toBe(422);
  });
});
