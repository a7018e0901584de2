import fs from 'node:fs';
import { Role } from '@app/core';
import { bearer, residentId, withWrongCheckDigit } from '../support/factories';
import { rowCounts } from '../support/table-counts';
import { createTestApp, TestApp } from '../support/test-app';

/**
 * POST /v1/learners and GET /v1/learners with bad input: 4xx problem+json naming the field, no
 * row written. The app logs at `trace` here, and everything written to stdout and stderr is
 * captured to prove that no identity number reaches a log line, on success or on failure.
 */
describe('learning accounts: bad input, and identity numbers never logged', () => {
  let t: TestApp;
  let admin: string;
  let registrar: string;
  const output: string[] = [];
  const restore: (() => void)[] = [];

  beforeAll(async () => {
    capture();
    t = await createTestApp('learners_bad_input', { env: { LOG_LEVEL: 'trace' } });
    admin = await t.tokenFor(Role.ADMIN);
    const school: { id: string } = (
      await t
        .http()
        .post('/v1/institutions')
        .set(bearer(admin))
        .send({ code: 'HN-SF', name: '湖南示范信息职业技术学院', kind: 'HIGHER_VOCATIONAL' })
    ).body;
    registrar = await t.tokenFor(Role.REGISTRAR, { institutionId: school.id });
  }, 90_000);

  afterAll(async () => {
    await t?.close();
    restore.forEach((undo) => undo());
  }, 60_000);

  const valid = { name: '张伟', idType: 'RESIDENT_ID', idNumber: residentId('2004-03-15', '321') };
  const wrongCheck = withWrongCheckDigit(valid.idNumber);

  const cases: [string, Record<string, unknown>, string][] = [
    ['missing name', { ...valid, name: undefined }, 'name'],
    ['name of the wrong type', { ...valid, name: 42 }, 'name'],
    ['name too long', { ...valid, name: '张'.repeat(101) }, 'name'],
    ['blank name', { ...valid, name: ' \t ' }, 'name'],
    ['unknown document type', { ...valid, idType: 'ID_CARD' }, 'idType'],
    ['number of the wrong type', { ...valid, idNumber: 430102200403 }, 'idNumber'],
    ['number too long', { ...valid, idNumber: '1'.repeat(65) }, 'idNumber'],
    ['resident ID with a wrong check digit', { ...valid, idNumber: wrongCheck }, 'idNumber'],
    [
      'resident ID of 17 characters',
      { ...valid, idNumber: valid.idNumber.slice(0, 17) },
      'idNumber',
    ],
    [
      'resident ID with an impossible birth date',
      { ...valid, idNumber: residentId('2003-02-29') },
      'idNumber',
    ],
    [
      'passport with punctuation',
      { ...valid, idType: 'PASSPORT', idNumber: 'E12-345' },
      'idNumber',
    ],
    [
      'impossible birth date',
      { ...valid, idType: 'PASSPORT', idNumber: 'E1234567', birthDate: '2023-02-30' },
      'birthDate',
    ],
    [
      'birth date in the future',
      { ...valid, idType: 'PASSPORT', idNumber: 'E1234567', birthDate: '2199-01-01' },
      'birthDate',
    ],
    ['birth date as a timestamp', { ...valid, birthDate: '2004-03-15T00:00:00Z' }, 'birthDate'],
    ['unknown field', { ...valid, gender: 'M' }, 'gender'],
  ];

  it.each(cases)('%s answers 422 naming the field and writes nothing', async (_, body, field) => {
    const before = await rowCounts(t, ['learners']);
    const response = await t.http().post('/v1/learners').set(bearer(registrar)).send(body);
    expect(response.status).toBe(422);
    expect(response.headers['content-type']).toContain('application/problem+json');
    expect(response.body.errors.map((error: { field: string }) => error.field)).toContain(field);
    expect(await rowCounts(t, ['learners'])).toEqual(before);
  });

  it.each([
    ['missing number', { idType: 'PASSPORT' }, 'idNumber'],
    ['unknown type', { idType: 'ID_CARD', idNumber: 'E1234567' }, 'idType'],
    ['wrong check digit', { idType: 'RESIDENT_ID', idNumber: wrongCheck }, 'idNumber'],
    ['unknown parameter', { idType: 'PASSPORT', idNumber: 'E1234567', name: '张伟' }, 'name'],
  ])('look-up with %s answers 422', async (_, query, field) => {
    const response = await t
      .http()
      .get('/v1/learners')
      .query(query)
      .set(bearer(registrar))
      .expect(422);
    expect(response.body.errors.map((error: { field: string }) => error.field)).toContain(field);
  });

  it('never writes an identity number to the logs, and never answers one to a registrar', async () => {
    const created = await t
      .http()
      .post('/v1/learners')
      .set(bearer(registrar))
      .send(valid)
      .expect(201);
    await t.http().post('/v1/learners').set(bearer(registrar)).send(valid).expect(409);
    await t
      .http()
      .get('/v1/learners')
      .query({ idType: 'RESIDENT_ID', idNumber: valid.idNumber })
      .set(bearer(registrar))
      .expect(200);
    await t
      .http()
      .post('/v1/learners')
      .set(bearer(registrar))
      .send({ ...valid, idNumber: wrongCheck })
      .expect(422);
    await t
      .http()
      .post('/v1/users')
      .set(bearer(admin))
      .send({
        username: 'lrn-zhang',
        password: 'correct-horse-battery',
        role: 'LEARNER',
        learnerId: created.body.id,
      })
      .expect(201);
    const logs = output.join('');
    // The capture works: the requests above were logged.
    expect(logs).toContain('/v1/learners');
    for (const secret of [valid.idNumber, wrongCheck, valid.idNumber.slice(0, 14)]) {
      expect(logs).not.toContain(secret);
    }
    expect(JSON.stringify(created.body)).not.toContain(valid.idNumber.slice(3, 14));
  });

  /** Records (and swallows) what pino, TypeORM and anything else write to stdout, stderr and the console. */
  function capture(): void {
    const decode = (data: unknown) =>
      typeof data === 'string' ? data : Buffer.from(data as Uint8Array).toString('utf8');
    const writeSync = fs.writeSync;
    const write = fs.write;
    const spySync = jest
      .spyOn(fs, 'writeSync')
      .mockImplementation((fd: number, data: unknown, ...rest: unknown[]) => {
        if (fd !== 1 && fd !== 2)
          return (writeSync as (...args: unknown[]) => number)(fd, data, ...rest);
        const text = decode(data);
        output.push(text);
        return Buffer.byteLength(text);
      });
    const spyAsync = jest
      .spyOn(fs, 'write')
      .mockImplementation((fd: number, data: unknown, ...rest: unknown[]) => {
        if (fd !== 1 && fd !== 2) return (write as (...args: unknown[]) => void)(fd, data, ...rest);
        const text = decode(data);
        output.push(text);
        const callback = rest.find((item) => typeof item === 'function') as
          ((...args: unknown[]) => void) | undefined;
        callback?.(null, Buffer.byteLength(text));
      });
    const spyStdout = jest.spyOn(process.stdout, 'write').mockImplementation((chunk: unknown) => {
      output.push(decode(chunk));
      return true;
    });
    const spyStderr = jest.spyOn(process.stderr, 'write').mockImplementation((chunk: unknown) => {
      output.push(decode(chunk));
      return true;
    });
    // TypeORM reports failed queries, with their parameters, through console.log.
    for (const method of ['log', 'info', 'warn', 'error', 'debug'] as const) {
      const spy = jest.spyOn(console, method).mockImplementation((...args: unknown[]) => {
        output.push(args.map(String).join(' '));
      });
      restore.push(() => spy.mockRestore());
    }
    restore.push(
      () => spySync.mockRestore(),
      () => spyAsync.mockRestore(),
      () => spyStdout.mockRestore(),
      () => spyStderr.mockRestore(),
    );
  }
});
