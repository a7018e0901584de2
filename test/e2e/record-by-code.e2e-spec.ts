import { Role } from '@app/core';
import {
  aCertificationBody,
  aLearner,
  anEnrolment,
  anExamRegistration,
  anInstitution,
  aScheme,
  bearer,
  postExpecting,
  schemeBody,
  uniqueCode,
} from '../support/factories';
import { createTestApp, TestApp } from '../support/test-app';

/**
 * Recording writes name the course, program or scheme by id or by code: `courseCode` and
 * `programCode` at the registrar's own institution, `schemeCode` (unique in the bank) of the
 * examiner's own body. By code records exactly what by id records; both or neither is a 422
 * naming both fields; a code outside the caller's scope is "not found", with the same code as an
 * unknown id and the code named; a refused write writes nothing.
 */

type Body = Record<string, unknown>;

describe('recording by code', () => {
  let t: TestApp;
  let schoolA: string;
  let registrarA: string;
  let schoolB: string;
  let bodyY: string;
  let registrarB: string;
  let examinerX: string;
  let examinerY: string;
  /** Codes and ids of school A's course and program, school B's course, body X's scheme. */
  const course = { id: '', code: '' };
  const program = { id: '', code: '' };
  const courseOfB = { id: '', code: '' };
  const scheme = { id: '', code: '' };

  beforeAll(async () => {
    t = await createTestApp('record by code');
    const admin = await t.tokenFor(Role.ADMIN);
    schoolA = await anInstitution(t);
    schoolB = await anInstitution(t);
    registrarA = await t.tokenFor(Role.REGISTRAR, { institutionId: schoolA });
    registrarB = await t.tokenFor(Role.REGISTRAR, { institutionId: schoolB });
    const bodyX = await aCertificationBody(t);
    examinerX = await t.tokenFor(Role.EXAMINER, { certificationBodyId: bodyX });
    bodyY = await aCertificationBody(t);
    examinerY = await t.tokenFor(Role.EXAMINER, { certificationBodyId: bodyY });
    const create = async (path: string, body: Body) =>
      (await postExpecting(t, { token: admin, path, body })) as { id: string; code: string };
    Object.assign(
      program,
      await create(`/v1/institutions/${schoolA}/programs`, {
        code: uniqueCode('P'),
        name: '软件技术',
        totalCredits: '140',
        maxExemptCredits: '20',
      }),
    );
    const courseBody = (code: string) => ({
      code,
      name: 'Web前端框架开发',
      credits: '3.5',
      hours: 56,
      category: 'PROFESSIONAL_CORE',
    });
    Object.assign(
      course,
      await create(`/v1/institutions/${schoolA}/courses`, courseBody(uniqueCode('WEB'))),
    );
    Object.assign(
      courseOfB,
      await create(`/v1/institutions/${schoolB}/courses`, courseBody(uniqueCode('WEB'))),
    );
    Object.assign(scheme, await create('/v1/certificate-schemes', schemeBody(bodyX)));
  }, 120_000);

  afterAll(async () => {
    await t?.close();
  }, 60_000);

  const post = (token: string, path: string, body: Body, key?: string) => {
    const call = t.http().post(path).set(bearer(token));
    return (key ? call.set('idempotency-key', key) : call).send(body);
  };

  /** What an entry says apart from who it is for and where it sits in the ledger. */
  const recorded = (entry: Body): Body => {
    const { id: _id, seq: _seq, learnerId: _learner, recordedAt: _at, ...rest } = entry;
    return rest;
  };

  const writes = async (): Promise<unknown> =>
    t.dataSource.query(`
      SELECT (SELECT count(*)::int FROM ledger_entries) AS entries,
             (SELECT count(*)::int FROM outbox_events) AS events,
             (SELECT count(*)::int FROM idempotency_records) AS keys`);

  /** Refused with `status` and `code`, and nothing written. */
  const refused = async (
    token: string,
    path: string,
    body: Body,
    status: number,
    code: string,
  ): Promise<Body> => {
    const before = await writes();
    const response = await post(token, path, body, uniqueCode('KEY'));
    expect({ status: response.status, code: (response.body as Body).code }).toEqual({
      status,
      code,
    });
    expect(await writes()).toEqual(before);
    return response.body as Body;
  };

  /** A learner of school A, registered for every level of the scheme. */
  const student = () => aLearner(t, { enrolledAt: [schoolA], registeredFor: [scheme.id] });

  const credit = { term: '2024-2025-2', score: 86.5, completedAt: '2025-07-01' };

  it('a course credit by courseCode records what the same credit by courseId records', async () => {
    const [first, second] = [await student(), await student()];
    const byCode = await post(registrarA, `/v1/learners/${first}/course-credits`, {
      courseCode: course.code,
      ...credit,
    }).expect(201);
    const byId = await post(registrarA, `/v1/learners/${second}/course-credits`, {
      courseId: course.id,
      ...credit,
    }).expect(201);
    expect(byCode.body).toMatchObject({ courseId: course.id, credits: '3.50', learnerId: first });
    expect(recorded(byCode.body as Body)).toEqual(recorded(byId.body as Body));
  });

  it('a diploma by programCode and a certificate by schemeCode record what they record by id', async () => {
    const [first, second] = [await student(), await student()];
    const diploma = { graduatedAt: '2025-07-01' };
    const byCode = await post(registrarA, `/v1/learners/${first}/diplomas`, {
      programCode: program.code,
      diplomaNo: 'DIP-2025-0001',
      ...diploma,
    }).expect(201);
    const byId = await post(registrarA, `/v1/learners/${second}/diplomas`, {
      programId: program.id,
      diplomaNo: 'DIP-2025-0002',
      ...diploma,
    }).expect(201);
    expect(byCode.body).toMatchObject({ programId: program.id, diplomaNo: 'DIP-2025-0001' });
    const withoutNumber = ({ diplomaNo: _number, ...rest }: Body) => recorded(rest);
    expect(withoutNumber(byCode.body as Body)).toEqual(withoutNumber(byId.body as Body));

    const certificate = { level: 'INTERMEDIATE', issuedAt: '2025-06-30' };
    const certByCode = await post(examinerX, `/v1/learners/${first}/certificates`, {
      schemeCode: scheme.code,
      certificateNo: 'CERT-0001',
      ...certificate,
    }).expect(201);
    const certById = await post(examinerX, `/v1/learners/${second}/certificates`, {
      schemeId: scheme.id,
      certificateNo: 'CERT-0002',
      ...certificate,
    }).expect(201);
    expect(certByCode.body).toMatchObject({ schemeId: scheme.id, level: 'INTERMEDIATE' });
    const withoutCertNumber = ({ certificateNo: _number, ...rest }: Body) => recorded(rest);
    expect(withoutCertNumber(certByCode.body as Body)).toEqual(
      withoutCertNumber(certById.body as Body),
    );
  });

  it('both an id and a code, or neither, is a 422 naming both fields', async () => {
    const learner = await student();
    const cases: [string, string, Body, string, string][] = [
      [registrarA, 'course-credits', credit, 'courseId', 'courseCode'],
      [
        registrarA,
        'diplomas',
        { diplomaNo: 'DIP-9', graduatedAt: '2025-07-01' },
        'programId',
        'programCode',
      ],
      [
        examinerX,
        'certificates',
        { level: 'JUNIOR', certificateNo: 'CERT-9999', issuedAt: '2025-06-30' },
        'schemeId',
        'schemeCode',
      ],
    ];
    const ids: Record<string, string> = {
      courseId: course.id,
      programId: program.id,
      schemeId: scheme.id,
    };
    const codes: Record<string, string> = {
      courseCode: course.code,
      programCode: program.code,
      schemeCode: scheme.code,
    };
    for (const [token, route, rest, idField, codeField] of cases) {
      const path = `/v1/learners/${learner}/${route}`;
      const neither = await refused(token, path, rest, 422, 'VALIDATION_FAILED');
      expect(neither.errors).toMatchObject([
        {
          field: idField,
          message: expect.stringMatching(new RegExp(`^${idField} or ${codeField} is missing`)),
        },
      ]);
      const both = await refused(
        token,
        path,
        { ...rest, [idField]: ids[idField], [codeField]: codes[codeField] },
        422,
        'VALIDATION_FAILED',
      );
      expect(both.errors).toMatchObject([
        {
          field: idField,
          message: expect.stringContaining(`${idField} or ${codeField}, not both`),
        },
      ]);
      const badId = await refused(
        token,
        path,
        { ...rest, [idField]: 'WEB-201' },
        422,
        'VALIDATION_FAILED',
      );
      expect(badId.errors).toMatchObject([
        { field: idField, message: `${idField} must be a UUID` },
      ]);
      const badCode = await refused(
        token,
        path,
        { ...rest, [codeField]: 'WEB 201' },
        422,
        'VALIDATION_FAILED',
      );
      expect(badCode.errors).toMatchObject([expect.objectContaining({ field: codeField })]);
    }
  });

  it('a code outside the caller’s scope, or unknown, is not found with the code an unknown id gets, and names the code', async () => {
    // A student of both schools, so that each registrar reaches them and only the code decides.
    const learner = await student();
    await anEnrolment(t, { learnerId: learner, institutionId: schoolB });
    await anExamRegistration(t, {
      learnerId: learner,
      schemeId: await aScheme(t, { certificationBodyId: bodyY }),
      level: 'JUNIOR',
    });
    const credits = `/v1/learners/${learner}/course-credits`;
    const unknownId = await refused(
      registrarA,
      credits,
      { courseId: '00000000-0000-4000-8000-000000000000', ...credit },
      404,
      'CATALOG.COURSE_NOT_FOUND',
    );
    // School B's course code, from school A's registrar: school A has no course of that code.
    const otherSchool = await refused(
      registrarA,
      credits,
      { courseCode: courseOfB.code, ...credit },
      404,
      unknownId.code as string,
    );
    expect(otherSchool.detail).toBe(
      `The course with code "${courseOfB.code}" at your institution was not found.`,
    );
    // Codes compare exactly as stored: another case is another code.
    await refused(
      registrarA,
      credits,
      { courseCode: course.code.toLowerCase(), ...credit },
      404,
      'CATALOG.COURSE_NOT_FOUND',
    );
    // School A's own code, from school B's registrar.
    await refused(
      registrarB,
      credits,
      { courseCode: course.code, ...credit },
      404,
      'CATALOG.COURSE_NOT_FOUND',
    );
    const diploma = await refused(
      registrarB,
      `/v1/learners/${learner}/diplomas`,
      { programCode: program.code, diplomaNo: 'DIP-77', graduatedAt: '2025-07-01' },
      404,
      'CATALOG.PROGRAM_NOT_FOUND',
    );
    expect(diploma.detail).toContain(`"${program.code}"`);
    const certificate = await refused(
      examinerY,
      `/v1/learners/${learner}/certificates`,
      {
        schemeCode: scheme.code,
        level: 'JUNIOR',
        certificateNo: 'CERT-7777',
        issuedAt: '2025-06-30',
      },
      404,
      'CATALOG.SCHEME_NOT_FOUND',
    );
    expect(certificate.detail).toBe(
      `The certificate scheme with code "${scheme.code}" was not found.`,
    );
  });

  it('a write by code replays under its Idempotency-Key like one by id', async () => {
    const learner = await student();
    const key = uniqueCode('KEY');
    const body = { courseCode: course.code, ...credit };
    const path = `/v1/learners/${learner}/course-credits`;
    const first = await post(registrarA, path, body, key).expect(201);
    const before = await writes();
    const replay = await post(registrarA, path, body, key).expect(201);
    expect(replay.body).toEqual(first.body);
    expect(replay.headers['idempotent-replayed']).toBe('true');
    expect(await writes()).toEqual(before);
  });
});
