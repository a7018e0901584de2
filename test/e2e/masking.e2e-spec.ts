import { AuditAppender } from '@app/audit';
import { mod11_2CheckChar, validateIdNumber } from '@app/accounts';
import { Role } from '@app/core';
import {
  aCertificationBody,
  aCourse,
  anInstitution,
  aProgram,
  aScheme,
  bearer,
  residentId,
  uniqueCode,
} from '../support/factories';
import { createTestApp, TestApp } from '../support/test-app';

const LOOKUPS_PER_MINUTE = 5;

/** Every string anywhere in a JSON body, with the path it sits at. */
function strings(value: unknown, path = '$'): { path: string; text: string }[] {
  if (typeof value === 'string') return [{ path, text: value }];
  if (Array.isArray(value))
    return value.flatMap((item, index) => strings(item, `${path}[${index}]`));
  if (value && typeof value === 'object')
    return Object.entries(value).flatMap(([key, item]) => strings(item, `${path}.${key}`));
  return [];
}

/**
 * Every resident ID consistent with what a masked viewer reads (the masked number, the birth
 * year), granting the attacker the full six-digit region code as well: the unknowns are the
 * month, the day and two sequence digits, and the check digit filters them.
 */
function candidates(masked: string, birthYear: number, region: string): string[] {
  const found: string[] = [];
  for (let day = new Date(Date.UTC(birthYear, 0, 1)); day.getUTCFullYear() === birthYear;) {
    const date = day.toISOString().slice(0, 10).replaceAll('-', '');
    for (let sequence = 0; sequence < 100; sequence++) {
      const first17 = `${region}${date}${String(sequence).padStart(2, '0')}${masked[16]}`;
      const number = first17 + mod11_2CheckChar(first17);
      if (number.startsWith(masked.slice(0, 2)) && number.endsWith(masked.slice(16)))
        found.push(number);
    }
    day = new Date(day.getTime() + 86_400_000);
  }
  return found;
}

/**
 * A masked viewer (a registrar who enrolled the learner, an examiner who registered them) reads
 * every view of the account there is, and from all of it the full identity number cannot be
 * rebuilt: no view carries a digit of the birth date the number embeds, the masked number keeps
 * only its first 2 and last 2 characters, and the birth date shrinks to its year. What remains
 * leaves thousands of candidates even to someone who knows the region code, and confirming them
 * by the identity look-up is for REGISTRAR and ADMIN only, limited per caller, and every hit
 * lands in the learner's access log.
 */
describe('masking that protects the identity number', () => {
  let t: TestApp;
  let registrar: string;
  let examiner: string;
  let school: string;
  const birthDate = '2004-03-15';
  const number = residentId(birthDate, '137');
  let learnerId: string;
  const readable: { view: string; body: unknown }[] = [];

  beforeAll(async () => {
    t = await createTestApp('masking', {
      env: { LOOKUP_REQUESTS_PER_MINUTE: String(LOOKUPS_PER_MINUTE) },
    });
    school = await anInstitution(t);
    const program = await aProgram(t, { institutionId: school });
    const course = await aCourse(t, { institutionId: school, programId: program });
    const body = await aCertificationBody(t);
    const scheme = await aScheme(t, { certificationBodyId: body });
    registrar = await t.tokenFor(Role.REGISTRAR, { institutionId: school });
    examiner = await t.tokenFor(Role.EXAMINER, { certificationBodyId: body });
    const post = (token: string, path: string, payload: object) =>
      t.http().post(path).set(bearer(token)).send(payload).expect(201);
    const opened = await post(registrar, '/v1/learners', {
      name: '张伟',
      idType: 'RESIDENT_ID',
      idNumber: number,
    });
    learnerId = opened.body.id;
    readable.push({ view: 'opening answer', body: opened.body });
    readable.push({
      view: 'enrolment',
      body: (
        await post(registrar, `/v1/learners/${learnerId}/enrolments`, {
          programId: program,
          studentNo: '2023510203137',
          category: 'FULL_TIME',
          startedAt: '2023-09-01',
        })
      ).body,
    });
    await post(registrar, `/v1/learners/${learnerId}/course-credits`, {
      courseId: course,
      term: '2023-2024-1',
      score: 88,
      completedAt: '2024-01-12',
    });
    await post(examiner, `/v1/learners/${learnerId}/exam-registrations`, {
      schemeId: scheme,
      level: 'INTERMEDIATE',
      session: '2025-06',
      idNumber: number,
    });
    await post(examiner, `/v1/learners/${learnerId}/certificates`, {
      schemeId: scheme,
      level: 'INTERMEDIATE',
      certificateNo: uniqueCode('CERT'),
      issuedAt: '2025-06-20',
    });
    const views = [
      'account',
      'entries',
      'enrolments',
      'exam-registrations',
      'eligibility',
      'exemption-applications',
    ];
    for (const token of [registrar, examiner]) {
      for (const view of views) {
        const response = await t
          .http()
          .get(`/v1/learners/${learnerId}/${view}`)
          .set(bearer(token))
          .expect(200);
        readable.push({ view, body: response.body });
      }
    }
    const roster = await t
      .http()
      .get(`/v1/institutions/${school}/learners`)
      .set(bearer(registrar))
      .expect(200);
    readable.push({ view: 'roster', body: roster.body });
  }, 120_000);

  afterAll(async () => {
    await t?.close();
  }, 60_000);

  it('no view a masked viewer reads carries the birth date, any digit of it, or more of the number than its first 2 and last 2 characters', () => {
    const birthDigits = number.slice(6, 14);
    expect(birthDigits).toBe('20040315');
    const texts = readable.flatMap(({ view, body }) =>
      strings(body).map((found) => ({ ...found, view })),
    );
    expect(texts.length).toBeGreaterThan(100);
    const leaks = texts.filter(
      ({ text }) =>
        text.includes(birthDigits) ||
        text.includes(birthDate) ||
        text.includes('03-15') ||
        text.includes(number.slice(0, 17)) ||
        text.includes(number.slice(2, 10)),
    );
    expect(leaks).toEqual([]);
    const masked = texts.filter(({ path }) => path.endsWith('.idNumber'));
    expect(masked.length).toBeGreaterThanOrEqual(3);
    for (const { text } of masked) expect(text).toBe(`43${'*'.repeat(14)}${number.slice(16)}`);
    const cards = readable
      .map(({ body }) => (body as { learner?: Record<string, unknown> }).learner)
      .filter((card) => card && 'birthYear' in card);
    expect(cards.length).toBeGreaterThanOrEqual(2);
    for (const card of cards) expect(card).toMatchObject({ birthDate: null, birthYear: 2004 });
  });

  it('leaves thousands of candidates even to someone who knows the region code (the old mask left 91)', () => {
    const found = candidates(`43${'*'.repeat(14)}${number.slice(16)}`, 2004, '430102');
    expect(found).toContain(number);
    expect(found.every((candidate) => validateIdNumber('RESIDENT_ID', candidate) === null)).toBe(
      true,
    );
    expect(found.length).toBeGreaterThan(3000);
  });

  it('confirming candidates by look-up is refused to examiners, limited per caller, and each hit is in the learner’s access log', async () => {
    const lookup = (token: string, idNumber: string) =>
      t.http().get('/v1/learners').query({ idType: 'RESIDENT_ID', idNumber }).set(bearer(token));
    expect((await lookup(examiner, number)).status).toBe(403);
    const guesses = candidates(`43${'*'.repeat(14)}${number.slice(16)}`, 2004, '430102')
      .filter((candidate) => candidate !== number)
      .slice(0, LOOKUPS_PER_MINUTE - 1);
    for (const guess of guesses) {
      const answer = await lookup(registrar, guess).expect(200);
      expect(answer.body).toEqual({ items: [], total: 0 });
    }
    await lookup(registrar, number).expect(200);
    const limited = await lookup(registrar, number);
    expect(limited.status).toBe(429);
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    await t.app.get(AuditAppender).appendPending();
    const me = await t.tokenFor(Role.LEARNER, { learnerId });
    const log = await t.http().get('/v1/me/access-log').set(bearer(me)).expect(200);
    const lookups = log.body.items.filter(
      (item: { view: string }) => item.view === 'IDENTITY_LOOKUP',
    );
    expect(lookups).toHaveLength(1);
    expect(lookups[0].viewer).toMatchObject({ role: 'REGISTRAR', organisation: { id: school } });
  });
});
