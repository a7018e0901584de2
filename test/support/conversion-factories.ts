import { randomBytes, randomUUID } from 'node:crypto';
import { IdentityCipher, maskIdNumber } from '@app/accounts';
import { Role } from '@app/core';
import { TestApp } from './test-app';

/**
 * Factories for the conversion suites. Catalog rows and learners are inserted directly (their
 * endpoints belong to another area and are tested there); outcomes, rules, applications and
 * decisions go through HTTP, as a client would.
 */

export function bearer(token: string): { authorization: string } {
  return { authorization: `Bearer ${token}` };
}

function code(prefix: string): string {
  return `${prefix}-${randomBytes(3).toString('hex').toUpperCase()}`;
}

async function insert(t: TestApp, sql: string, parameters: unknown[]): Promise<string> {
  const rows: { id: string }[] = await t.dataSource.query(sql, parameters);
  return rows[0].id;
}

export function anInstitution(t: TestApp, name = '湖南示范职业技术学院'): Promise<string> {
  return insert(
    t,
    `INSERT INTO institutions (code, name, kind) VALUES ($1, $2, 'HIGHER_VOCATIONAL') RETURNING id`,
    [code('INST'), name],
  );
}

export function aProgram(
  t: TestApp,
  institutionId: string,
  maxExemptCredits = '20',
): Promise<string> {
  return insert(
    t,
    `INSERT INTO programs (institution_id, code, name, total_credits, max_exempt_credits)
     VALUES ($1, $2, '计算机应用技术', '140', $3) RETURNING id`,
    [institutionId, code('P'), maxExemptCredits],
  );
}

export function aCourse(
  t: TestApp,
  institutionId: string,
  options: { programId?: string | null; credits?: string; category?: string; name?: string } = {},
): Promise<string> {
  return insert(
    t,
    `INSERT INTO courses (institution_id, program_id, code, name, credits, hours, category)
     VALUES ($1, $2, $3, $4, $5, 64, $6) RETURNING id`,
    [
      institutionId,
      options.programId ?? null,
      code('C'),
      options.name ?? '网页设计与制作',
      options.credits ?? '4',
      options.category ?? 'PROFESSIONAL_CORE',
    ],
  );
}

export function aCertificationBody(t: TestApp): Promise<string> {
  return insert(
    t,
    `INSERT INTO certification_bodies (code, name) VALUES ($1, '工业和信息化部教育与考试中心') RETURNING id`,
    [code('BODY')],
  );
}

/** Web前端开发 with three levels recognising 4 / 6 / 8 credits, each with THEORY and PRACTICAL. */
export async function aScheme(
  t: TestApp,
  certificationBodyId: string,
  recognised = ['4', '6', '8'],
): Promise<string> {
  const schemeId = await insert(
    t,
    `INSERT INTO certificate_schemes (code, name, certification_body_id) VALUES ($1, 'Web前端开发', $2) RETURNING id`,
    [code('X'), certificationBodyId],
  );
  for (const [index, level] of ['JUNIOR', 'INTERMEDIATE', 'SENIOR'].entries()) {
    const levelId = await insert(
      t,
      `INSERT INTO scheme_levels (scheme_id, level, recognised_credits) VALUES ($1, $2, $3) RETURNING id`,
      [schemeId, level, recognised[index]],
    );
    await t.dataSource.query(
      `INSERT INTO level_components (scheme_level_id, code, name) VALUES ($1, 'THEORY', '理论知识'), ($1, 'PRACTICAL', '实操技能')`,
      [levelId],
    );
  }
  return schemeId;
}

/** A learner with a passport identity, and a LEARNER token for them. */
export async function aLearner(t: TestApp): Promise<{ id: string; token: string }> {
  const cipher = IdentityCipher.fromMasterKey(t.config.identityKey);
  const number = `E${randomBytes(4).toString('hex').toUpperCase()}`;
  const id = await insert(
    t,
    `INSERT INTO learners (id, name, id_type, id_lookup_hash, id_number_encrypted, id_number_masked)
     VALUES ($1, '王芳', 'PASSPORT', $2, $3, $4) RETURNING id`,
    [
      randomUUID(),
      cipher.lookupHash('PASSPORT', number),
      cipher.encrypt(number),
      maskIdNumber(number),
    ],
  );
  return { id, token: await t.tokenFor(Role.LEARNER, { learnerId: id }) };
}

/** Records a certificate over HTTP (EXAMINER of the scheme's body); returns the entry id. */
export async function recordCertificate(
  t: TestApp,
  examiner: string,
  learnerId: string,
  schemeId: string,
  level: string,
  options: { issuedAt?: string; validUntil?: string } = {},
): Promise<string> {
  const response = await t
    .http()
    .post(`/v1/learners/${learnerId}/certificates`)
    .set(bearer(examiner))
    .send({
      schemeId,
      level,
      certificateNo: code('CERT'),
      issuedAt: options.issuedAt ?? '2025-06-30',
      ...options,
    });
  if (response.status !== 201)
    throw new Error(`certificate: ${response.status} ${JSON.stringify(response.body)}`);
  return response.body.id as string;
}

export async function recordCredit(
  t: TestApp,
  registrar: string,
  learnerId: string,
  courseId: string,
  score = 85,
): Promise<string> {
  const response = await t
    .http()
    .post(`/v1/learners/${learnerId}/course-credits`)
    .set(bearer(registrar))
    .send({ courseId, term: '2024-2025-2', score, completedAt: '2025-07-01' });
  if (response.status !== 201)
    throw new Error(`credit: ${response.status} ${JSON.stringify(response.body)}`);
  return response.body.id as string;
}

export async function recordDiploma(
  t: TestApp,
  registrar: string,
  learnerId: string,
  programId: string,
): Promise<string> {
  const response = await t
    .http()
    .post(`/v1/learners/${learnerId}/diplomas`)
    .set(bearer(registrar))
    .send({ programId, diplomaNo: code('DIP'), graduatedAt: '2025-07-01' });
  if (response.status !== 201)
    throw new Error(`diploma: ${response.status} ${JSON.stringify(response.body)}`);
  return response.body.id as string;
}

export interface RuleBody {
  kind: 'CERT_TO_COURSE' | 'COURSE_TO_EXAM' | 'COURSE_TO_COURSE';
  name?: string;
  condition: object;
  targets: object[];
  creditsGranted?: string;
  maxCreditsPerEvidence?: string;
  effectiveFrom?: string;
  effectiveTo?: string;
}

/** A valid 免修 rule body: an INTERMEDIATE certificate of the scheme exempts the course. */
export function certificateRuleBody(schemeId: string, courseId: string, overrides: object = {}) {
  return {
    kind: 'CERT_TO_COURSE',
    name: 'Web前端开发中级证书免修核心课',
    condition: { certificate: { schemeId, minLevel: 'INTERMEDIATE' } },
    targets: [{ courseId }],
    maxCreditsPerEvidence: '8',
    effectiveFrom: '2024-09-01',
    ...overrides,
  };
}

/** POST /v1/conversion-rules as the token's holder; the raw answer. */
export function createRule(t: TestApp, token: string, body: object) {
  return t.http().post('/v1/conversion-rules').set(bearer(token)).send(body);
}

/** Creates and activates a rule over HTTP; returns the activation answer. */
export async function anActiveRule(
  t: TestApp,
  token: string,
  body: RuleBody,
): Promise<{ id: string; overlaps: unknown[] }> {
  const created = await t
    .http()
    .post('/v1/conversion-rules')
    .set(bearer(token))
    .send({ name: '证书换课程学分', effectiveFrom: '2024-09-01', ...body });
  if (created.status !== 201)
    throw new Error(`rule: ${created.status} ${JSON.stringify(created.body)}`);
  const activated = await t
    .http()
    .post(`/v1/conversion-rules/${created.body.id}/activate`)
    .set(bearer(token))
    .send({});
  if (activated.status !== 200)
    throw new Error(`activate: ${activated.status} ${JSON.stringify(activated.body)}`);
  return activated.body as { id: string; overlaps: unknown[] };
}

export function apply(
  t: TestApp,
  token: string,
  learnerId: string,
  ruleId: string,
  target: object,
) {
  return t
    .http()
    .post(`/v1/learners/${learnerId}/exemption-applications`)
    .set(bearer(token))
    .send({ ruleId, target });
}

export function decide(
  t: TestApp,
  token: string,
  applicationId: string,
  decision: 'APPROVE' | 'REJECT',
  reason = '材料齐全，同意',
) {
  return t
    .http()
    .post(`/v1/exemption-applications/${applicationId}/decision`)
    .set(bearer(token))
    .send({ decision, reason });
}

/** A school with a program (cap on exempted credits), a body with the Web scheme, and their staff. */
export async function aConversionWorld(t: TestApp, options: { maxExemptCredits?: string } = {}) {
  const school = await anInstitution(t);
  const otherSchool = await anInstitution(t, '长沙中等职业学校');
  const program = await aProgram(t, school, options.maxExemptCredits ?? '20');
  const body = await aCertificationBody(t);
  const scheme = await aScheme(t, body);
  return {
    school,
    otherSchool,
    program,
    body,
    scheme,
    admin: await t.tokenFor(Role.ADMIN),
    registrar: await t.tokenFor(Role.REGISTRAR, { institutionId: school }),
    otherRegistrar: await t.tokenFor(Role.REGISTRAR, { institutionId: otherSchool }),
    examiner: await t.tokenFor(Role.EXAMINER, { certificationBodyId: body }),
    otherExaminer: await t.tokenFor(Role.EXAMINER, {
      certificationBodyId: await aCertificationBody(t),
    }),
  };
}

/** Two core courses and a foundation course, with the Hunan-style core and foundation rules. */
export async function aHunanRuleSet(t: TestApp, w: Awaited<ReturnType<typeof aConversionWorld>>) {
  const coreA = await aCourse(t, w.school, { programId: w.program, name: 'Vue.js 应用开发' });
  const coreB = await aCourse(t, w.school, { programId: w.program, name: 'Node.js 后端开发' });
  const foundation = await aCourse(t, w.school, {
    programId: w.program,
    category: 'PROFESSIONAL_FOUNDATION',
    name: 'HTML5 基础',
  });
  const coreRule = await anActiveRule(t, w.registrar, {
    kind: 'CERT_TO_COURSE',
    name: '中级证书免修专业核心课',
    condition: { certificate: { schemeId: w.scheme, minLevel: 'INTERMEDIATE' } },
    targets: [{ courseId: coreA }, { courseId: coreB }],
    maxCreditsPerEvidence: '8',
  });
  const foundationRule = await anActiveRule(t, w.registrar, {
    kind: 'CERT_TO_COURSE',
    name: '初级或高级证书免修专业基础课',
    condition: {
      any: [
        { certificate: { schemeId: w.scheme, minLevel: 'JUNIOR', maxLevel: 'JUNIOR' } },
        { certificate: { schemeId: w.scheme, minLevel: 'SENIOR' } },
      ],
    },
    targets: [{ courseId: foundation }],
    maxCreditsPerEvidence: '8',
  });
  return { coreA, coreB, foundation, coreRule: coreRule.id, foundationRule: foundationRule.id };
}
