import { randomBytes, randomUUID } from 'node:crypto';
import { IdentityCipher, maskIdNumber } from '@app/accounts';
import { Role } from '@app/core';
import { TestApp } from './test-app';

/**
 * One small world for the security suites (authorization matrix, fuzzing, abuse): two schools,
 * two bodies, two learners, staff of each scope, and outcomes on both learners' accounts.
 * Catalog rows and learners go in by SQL (their endpoints are tested elsewhere); outcomes,
 * rules and applications go through HTTP, as a client would record them.
 *
 * The "victim" learner carries unique markers (name, numbers) so that a suite can check that
 * no response given to someone else contains any of them.
 */
export interface SecurityWorld {
  schoolA: string;
  schoolB: string;
  programA: string;
  programB: string;
  /** PROFESSIONAL_CORE course of school A in programA, target of ruleA. */
  courseA: string;
  courseB: string;
  bodyX: string;
  bodyY: string;
  schemeX: string;
  schemeY: string;
  /** The learner whose account the scoped callers own or target. */
  learner: LearnerFixture;
  /** Another learner: what nobody but staff may see of them. */
  victim: LearnerFixture;
  tokens: Record<WorldRole, string>;
  /** CERT_TO_COURSE rule of school A: an INTERMEDIATE certificate of schemeX exempts courseA. */
  ruleA: string;
}

export interface LearnerFixture {
  id: string;
  name: string;
  idType: 'PASSPORT';
  idNumber: string;
  creditEntry: string;
  certificateEntry: string;
  certificateNo: string;
  diplomaEntry: string;
  diplomaNo: string;
  applicationId: string;
}

export type WorldRole =
  'admin' | 'registrarA' | 'registrarB' | 'examinerX' | 'examinerY' | 'learner' | 'victim';

export function marker(prefix: string): string {
  return `${prefix}-${randomBytes(4).toString('hex').toUpperCase()}`;
}

async function insert(t: TestApp, sql: string, parameters: unknown[]): Promise<string> {
  const rows: { id: string }[] = await t.dataSource.query(sql, parameters);
  return rows[0].id;
}

export function bearer(token: string): { authorization: string } {
  return { authorization: `Bearer ${token}` };
}

async function aSchool(
  t: TestApp,
  name: string,
): Promise<{ school: string; program: string; course: string }> {
  const school = await insert(
    t,
    `INSERT INTO institutions (code, name, kind) VALUES ($1, $2, 'HIGHER_VOCATIONAL') RETURNING id`,
    [marker('INST'), name],
  );
  const program = await insert(
    t,
    `INSERT INTO programs (institution_id, code, name, total_credits, max_exempt_credits)
     VALUES ($1, $2, '软件技术', '140', '20') RETURNING id`,
    [school, marker('P')],
  );
  const course = await insert(
    t,
    `INSERT INTO courses (institution_id, program_id, code, name, credits, hours, category)
     VALUES ($1, $2, $3, 'Vue.js 应用开发', '4', 64, 'PROFESSIONAL_CORE') RETURNING id`,
    [school, program, marker('C')],
  );
  return { school, program, course };
}

async function aBodyWithScheme(t: TestApp): Promise<{ body: string; scheme: string }> {
  const body = await insert(
    t,
    `INSERT INTO certification_bodies (code, name) VALUES ($1, '工业和信息化部教育与考试中心') RETURNING id`,
    [marker('BODY')],
  );
  const scheme = await insert(
    t,
    `INSERT INTO certificate_schemes (code, name, certification_body_id) VALUES ($1, 'Web前端开发', $2) RETURNING id`,
    [marker('X'), body],
  );
  for (const [level, credits] of [
    ['JUNIOR', '4'],
    ['INTERMEDIATE', '6'],
    ['SENIOR', '8'],
  ]) {
    const levelId = await insert(
      t,
      `INSERT INTO scheme_levels (scheme_id, level, recognised_credits) VALUES ($1, $2, $3) RETURNING id`,
      [scheme, level, credits],
    );
    await t.dataSource.query(
      `INSERT INTO level_components (scheme_level_id, code, name) VALUES ($1, 'THEORY', '理论知识'), ($1, 'PRACTICAL', '实操技能')`,
      [levelId],
    );
  }
  return { body, scheme };
}

async function aLearnerRow(t: TestApp, name: string): Promise<{ id: string; idNumber: string }> {
  const cipher = IdentityCipher.fromMasterKey(t.config.identityKey);
  const idNumber = `E${randomBytes(4).toString('hex').toUpperCase()}`;
  const id = await insert(
    t,
    `INSERT INTO learners (id, name, id_type, id_lookup_hash, id_number_encrypted, id_number_masked)
     VALUES ($1, $2, 'PASSPORT', $3, $4, $5) RETURNING id`,
    [
      randomUUID(),
      name,
      cipher.lookupHash('PASSPORT', idNumber),
      cipher.encrypt(idNumber),
      maskIdNumber(idNumber),
    ],
  );
  return { id, idNumber };
}

/** POSTs and insists on the status, naming the call when it fails (setup must not fail silently). */
export async function post(
  t: TestApp,
  token: string,
  path: string,
  body: object,
  status = 201,
): Promise<Record<string, unknown>> {
  const response = await t.http().post(path).set(bearer(token)).send(body);
  if (response.status !== status)
    throw new Error(`POST ${path}: ${response.status} ${JSON.stringify(response.body)}`);
  return response.body as Record<string, unknown>;
}

export async function recordCredit(
  t: TestApp,
  token: string,
  learnerId: string,
  courseId: string,
): Promise<string> {
  const body = await post(t, token, `/v1/learners/${learnerId}/course-credits`, {
    courseId,
    term: '2024-2025-2',
    score: 88,
    completedAt: '2025-07-01',
  });
  return body.id as string;
}

export async function recordCertificate(
  t: TestApp,
  token: string,
  learnerId: string,
  schemeId: string,
  certificateNo = marker('CERT'),
): Promise<string> {
  const body = await post(t, token, `/v1/learners/${learnerId}/certificates`, {
    schemeId,
    level: 'INTERMEDIATE',
    certificateNo,
    issuedAt: '2025-06-30',
  });
  return body.id as string;
}

export async function recordDiploma(
  t: TestApp,
  token: string,
  learnerId: string,
  programId: string,
  diplomaNo = marker('DIP'),
): Promise<string> {
  const body = await post(t, token, `/v1/learners/${learnerId}/diplomas`, {
    programId,
    diplomaNo,
    graduatedAt: '2025-07-01',
  });
  return body.id as string;
}

export async function aSecurityWorld(t: TestApp): Promise<SecurityWorld> {
  const a = await aSchool(t, '湖南示范信息职业技术学院');
  const b = await aSchool(t, '长沙中等职业学校');
  const x = await aBodyWithScheme(t);
  const y = await aBodyWithScheme(t);
  const learnerRow = await aLearnerRow(t, '李明');
  const victimRow = await aLearnerRow(t, marker('VICTIM'));
  const tokens: Record<WorldRole, string> = {
    admin: await t.tokenFor(Role.ADMIN),
    registrarA: await t.tokenFor(Role.REGISTRAR, { institutionId: a.school }),
    registrarB: await t.tokenFor(Role.REGISTRAR, { institutionId: b.school }),
    examinerX: await t.tokenFor(Role.EXAMINER, { certificationBodyId: x.body }),
    examinerY: await t.tokenFor(Role.EXAMINER, { certificationBodyId: y.body }),
    learner: await t.tokenFor(Role.LEARNER, { learnerId: learnerRow.id }),
    victim: await t.tokenFor(Role.LEARNER, { learnerId: victimRow.id }),
  };
  const rule = await post(t, tokens.registrarA, '/v1/conversion-rules', {
    kind: 'CERT_TO_COURSE',
    name: '中级证书免修专业核心课',
    condition: { certificate: { schemeId: x.scheme, minLevel: 'INTERMEDIATE' } },
    targets: [{ courseId: a.course }],
    maxCreditsPerEvidence: '8',
    effectiveFrom: '2024-09-01',
  });
  await post(t, tokens.registrarA, `/v1/conversion-rules/${String(rule.id)}/activate`, {}, 200);

  const outcomes = async (
    row: { id: string; idNumber: string },
    name: string,
    token: string,
  ): Promise<LearnerFixture> => {
    const certificateNo = marker('CERTNO');
    const diplomaNo = marker('DIPNO');
    const certificateEntry = await recordCertificate(
      t,
      tokens.examinerX,
      row.id,
      x.scheme,
      certificateNo,
    );
    const application = await post(t, token, `/v1/learners/${row.id}/exemption-applications`, {
      ruleId: rule.id,
      target: { courseId: a.course },
    });
    return {
      id: row.id,
      name,
      idType: 'PASSPORT',
      idNumber: row.idNumber,
      creditEntry: await recordCredit(t, tokens.registrarA, row.id, a.course),
      certificateEntry,
      certificateNo,
      diplomaEntry: await recordDiploma(t, tokens.registrarA, row.id, a.program, diplomaNo),
      diplomaNo,
      applicationId: application.id as string,
    };
  };
  const victimName = (
    await t.dataSource.query<{ name: string }[]>(`SELECT name FROM learners WHERE id = $1`, [
      victimRow.id,
    ])
  )[0].name;
  return {
    schoolA: a.school,
    schoolB: b.school,
    programA: a.program,
    programB: b.program,
    courseA: a.course,
    courseB: b.course,
    bodyX: x.body,
    bodyY: y.body,
    schemeX: x.scheme,
    schemeY: y.scheme,
    learner: await outcomes(learnerRow, '李明', tokens.learner),
    victim: await outcomes(victimRow, victimName, tokens.victim),
    tokens,
    ruleA: rule.id as string,
  };
}
