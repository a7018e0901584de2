import { LearnersService } from '@app/accounts';
import { Role } from '@app/core';
import {
  aCertificationBody,
  anInstitution,
  bearer,
  residentId,
  withWrongCheckDigit,
} from '../support/factories';
import { rowCounts } from '../support/table-counts';
import { readEnv, TestEnv } from '../support/test-env';
import { createTestApp, TestApp } from '../support/test-app';

const UNKNOWN_ID = '0b0e7a4e-0000-4000-8000-000000000000';

describe('learning accounts over HTTP', () => {
  let t: TestApp;
  let admin: string;
  let school: string;
  let registrar: string;
  let examiner: string;

  beforeAll(async () => {
    t = await createTestApp('learners');
    admin = await t.tokenFor(Role.ADMIN);
    school = await anInstitution(t);
    registrar = await t.tokenFor(Role.REGISTRAR, { institutionId: school });
    examiner = await t.tokenFor(Role.EXAMINER, {
      certificationBodyId: await aCertificationBody(t),
    });
  }, 90_000);

  afterAll(async () => {
    await t?.close();
  }, 60_000);

  const open = (token: string, body: Record<string, unknown>) =>
    t.http().post('/v1/learners').set(bearer(token)).send(body);

  it('opens an account for a registrar: number masked in the answer, encrypted at rest, birth date derived', async () => {
    const number = residentId('2004-03-15');
    const response = await open(registrar, {
      name: '张伟',
      idType: 'RESIDENT_ID',
      idNumber: number,
    }).expect(201);
    expect(response.body).toEqual({
      id: expect.any(String),
      name: '张伟',
      idType: 'RESIDENT_ID',
      idNumber: `${number.slice(0, 2)}${'*'.repeat(14)}${number.slice(16)}`,
      birthDate: null,
      birthYear: 2004,
      masked: true,
      createdAt: expect.any(String),
    });
    const [row] = await t.dataSource.query(`SELECT * FROM learners WHERE id = $1`, [
      response.body.id,
    ]);
    expect(row.opened_by_institution_id).toBe(school);
    expect(row.id_number_masked).toBe(response.body.idNumber);
    const [stored] = await t.dataSource.query(
      `SELECT birth_date::text AS birth_date FROM learners WHERE id = $1`,
      [response.body.id],
    );
    expect(stored.birth_date).toBe('2004-03-15');
    expect(JSON.stringify(row)).not.toContain(number);
    expect(JSON.stringify(row)).not.toContain(number.slice(6, 14));
  });

  it('shows ADMIN the full number and records no school for an account ADMIN opens', async () => {
    const number = residentId('1990-12-01');
    const response = await open(admin, {
      name: '李娜',
      idType: 'RESIDENT_ID',
      idNumber: number,
      birthDate: '1990-12-01',
    }).expect(201);
    expect(response.body.idNumber).toBe(number);
    const [row] = await t.dataSource.query(
      `SELECT opened_by_institution_id FROM learners WHERE id = $1`,
      [response.body.id],
    );
    expect(row.opened_by_institution_id).toBeNull();
  });

  it('answers the same identity again, however it is typed, with 409 naming the existing account', async () => {
    // Pick a sequence whose check character is X, so the lower-case and full-width forms are exercised.
    const valid = await findWithCheckX();
    const created = await open(registrar, {
      name: '王芳',
      idType: 'RESIDENT_ID',
      idNumber: valid,
    }).expect(201);
    const before = await rowCounts(t, ['learners']);
    const fullWidth = valid
      .replace(/[0-9]/g, (digit) => String.fromCharCode(digit.charCodeAt(0) + 0xfee0))
      .replace('X', 'ｘ');
    for (const variant of [valid, valid.toLowerCase(), ` ${fullWidth} `]) {
      const again = await open(admin, {
        name: '王芳',
        idType: 'RESIDENT_ID',
        idNumber: variant,
      }).expect(409);
      expect(again.body.code).toBe('ACCOUNTS.LEARNER_EXISTS');
      expect(again.body.existingLearnerId).toBe(created.body.id);
    }
    expect(await rowCounts(t, ['learners'])).toEqual(before);
  });

  it('keeps equal numbers of different document types apart', async () => {
    await open(admin, { name: 'Chen', idType: 'PASSPORT', idNumber: '12345678' }).expect(201);
    await open(admin, { name: 'Chen', idType: 'TW_PERMIT', idNumber: '12345678' }).expect(201);
  });

  it('refuses a birth date that contradicts the resident ID, and keeps a passport holder’s', async () => {
    const before = await rowCounts(t, ['learners']);
    const mismatch = await open(registrar, {
      name: '赵磊',
      idType: 'RESIDENT_ID',
      idNumber: residentId('2003-01-02'),
      birthDate: '2003-01-03',
    });
    expect(mismatch.status).toBe(422);
    expect(mismatch.body.errors).toMatchObject([
      { field: 'birthDate', message: expect.any(String) },
    ]);
    expect(await rowCounts(t, ['learners'])).toEqual(before);
    const passport = await open(registrar, {
      name: 'Maria Rossi',
      idType: 'PASSPORT',
      idNumber: 'YA1234567',
      birthDate: '1999-05-05',
    }).expect(201);
    expect(passport.body).toMatchObject({
      birthDate: null,
      birthYear: 1999,
      idNumber: 'Y*******7',
    });
  });

  it('refuses ledger roles that may not open accounts', async () => {
    const learner = await t.tokenFor(Role.LEARNER, { learnerId: await someLearner() });
    const body = { name: '周杰', idType: 'PASSPORT', idNumber: 'P7654321' };
    await open(examiner, body).expect(403);
    await open(learner, body).expect(403);
    await t.http().post('/v1/learners').send(body).expect(401);
  });

  describe('look-up by identity', () => {
    const number = residentId('2002-02-28');
    let learnerId: string;

    beforeAll(async () => {
      learnerId = (
        await open(admin, { name: '孙丽', idType: 'RESIDENT_ID', idNumber: number }).expect(201)
      ).body.id;
    });

    const lookup = (token: string, idType: string, idNumber: string) =>
      t.http().get('/v1/learners').query({ idType, idNumber }).set(bearer(token));

    it('finds the account for REGISTRAR (masked) and ADMIN (in full); an EXAMINER may not look up', async () => {
      for (const [token, shown] of [
        [registrar, `43**************${number.slice(16)}`],
        [admin, number],
      ]) {
        const response = await lookup(token, 'RESIDENT_ID', number.toLowerCase()).expect(200);
        expect(response.body).toEqual({
          items: [expect.objectContaining({ id: learnerId, idNumber: shown })],
          total: 1,
        });
      }
      await lookup(examiner, 'RESIDENT_ID', number).expect(403);
    });

    it('answers an empty list for an unknown identity, 422 for an invalid number, 403 to a learner', async () => {
      await lookup(registrar, 'RESIDENT_ID', residentId('2002-02-27')).expect(200, {
        items: [],
        total: 0,
      });
      await lookup(registrar, 'PASSPORT', number.slice(0, 9)).expect(200, { items: [], total: 0 });
      const invalid = await lookup(registrar, 'RESIDENT_ID', withWrongCheckDigit(number)).expect(
        422,
      );
      expect(invalid.body.errors).toMatchObject([
        { field: 'idNumber', message: 'idNumber has a wrong check digit' },
      ]);
      expect(JSON.stringify(invalid.body)).not.toContain(number.slice(0, 17));
      const missing = await t
        .http()
        .get('/v1/learners')
        .query({ idNumber: number })
        .set(bearer(registrar))
        .expect(422);
      expect(missing.body.errors.map((e: { field: string }) => e.field)).toContain('idType');
      const learner = await t.tokenFor(Role.LEARNER, { learnerId });
      await lookup(learner, 'RESIDENT_ID', number).expect(403);
    });
  });

  describe('profile, for the account views', () => {
    it('shows the learner their own full number, staff but ADMIN a masked one, and hides other learners', async () => {
      const number = residentId('2005-10-10');
      const id = (
        await open(registrar, { name: '刘洋', idType: 'RESIDENT_ID', idNumber: number }).expect(201)
      ).body.id;
      const other = await someLearner();
      const service = t.app.get(LearnersService);
      const principal = (
        role: Role,
        scope: Partial<Record<'learnerId' | 'institutionId', string>> = {},
      ) => ({
        userId: UNKNOWN_ID,
        username: 'someone',
        role,
        institutionId: scope.institutionId ?? null,
        certificationBodyId: null,
        learnerId: scope.learnerId ?? null,
      });
      expect((await service.profile(principal(Role.LEARNER, { learnerId: id }), id)).idNumber).toBe(
        number,
      );
      expect((await service.profile(principal(Role.ADMIN), id)).idNumber).toBe(number);
      const seenByRegistrar = await service.profile(
        principal(Role.REGISTRAR, { institutionId: school }),
        id,
      );
      expect(seenByRegistrar).toMatchObject({
        id,
        name: '刘洋',
        birthDate: null,
        birthYear: 2005,
        masked: true,
        idNumber: expect.stringMatching(/^43\*{14}\d[\dX]$/),
      });
      await expect(
        service.profile(principal(Role.LEARNER, { learnerId: other }), id),
      ).rejects.toMatchObject({
        status: 404,
        code: 'ACCOUNTS.LEARNER_NOT_FOUND',
      });
      await expect(service.profile(principal(Role.ADMIN), UNKNOWN_ID)).rejects.toMatchObject({
        status: 404,
      });
    });
  });

  describe('logins for scoped roles', () => {
    const user = (role: string, scope: Record<string, string>) => ({
      username: `u-${Math.random().toString(36).slice(2, 10)}`,
      password: 'correct-horse-battery',
      role,
      ...scope,
    });

    it('refuses a scope id that names nothing (422 on the field)', async () => {
      const before = await rowCounts(t, ['users']);
      for (const [role, field] of [
        ['REGISTRAR', 'institutionId'],
        ['EXAMINER', 'certificationBodyId'],
        ['LEARNER', 'learnerId'],
      ]) {
        const response = await t
          .http()
          .post('/v1/users')
          .set(bearer(admin))
          .send(user(role, { [field]: UNKNOWN_ID }))
          .expect(422);
        expect(response.body.errors).toMatchObject([{ field, message: expect.any(String) }]);
      }
      expect(await rowCounts(t, ['users'])).toEqual(before);
    });

    it('gives a learner at most one login (409 AUTH.LEARNER_HAS_LOGIN)', async () => {
      const learnerId = await someLearner();
      await t
        .http()
        .post('/v1/users')
        .set(bearer(admin))
        .send(user('LEARNER', { learnerId }))
        .expect(201);
      const before = await rowCounts(t, ['users']);
      const second = await t
        .http()
        .post('/v1/users')
        .set(bearer(admin))
        .send(user('LEARNER', { learnerId }))
        .expect(409);
      expect(second.body.code).toBe('AUTH.LEARNER_HAS_LOGIN');
      expect(await rowCounts(t, ['users'])).toEqual(before);
      await t
        .http()
        .post('/v1/users')
        .set(bearer(admin))
        .send(user('REGISTRAR', { institutionId: school }))
        .expect(201);
    });
  });

  const raceIt = readEnv(TestEnv.databaseUrl) ? it : it.skip;
  if (!readEnv(TestEnv.databaseUrl)) {
    process.stdout.write(
      '[skip] learners race: TEST_DATABASE_URL is not set (it runs on real PostgreSQL only)\n',
    );
  }

  raceIt('opens one account when twenty requests for one identity race', async () => {
    const number = residentId('1998-08-08');
    const responses = await Promise.all(
      Array.from({ length: 20 }, () =>
        open(registrar, { name: '并发', idType: 'RESIDENT_ID', idNumber: number }),
      ),
    );
    const created = responses.filter((response) => response.status === 201);
    expect(created).toHaveLength(1);
    expect(
      responses.filter((response) => response.status === 409).map((r) => r.body.existingLearnerId),
    ).toEqual(Array(19).fill(created[0].body.id));
  });

  let learnerCounter = 0;
  async function someLearner(): Promise<string> {
    learnerCounter += 1;
    const response = await open(admin, {
      name: '学员',
      idType: 'PASSPORT',
      idNumber: `G${Date.now()}${learnerCounter}`.slice(0, 17),
    }).expect(201);
    return response.body.id;
  }

  async function findWithCheckX(): Promise<string> {
    for (let sequence = 0; sequence < 1000; sequence++) {
      const candidate = residentId('2001-07-09', String(sequence).padStart(3, '0'));
      if (candidate.endsWith('X')) return candidate;
    }
    throw new Error('no sequence gives check character X');
  }
});
