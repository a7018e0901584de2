import { randomBytes, randomUUID } from 'node:crypto';
import { IdentityCipher, maskIdNumber } from '@app/accounts';
import { TestApp } from './test-app';

/** Rows for ledger tests, inserted directly (the catalog's own endpoints are tested elsewhere). */

function code(prefix: string): string {
  return `${prefix}-${randomBytes(3).toString('hex').toUpperCase()}`;
}

export async function anInstitution(
  t: TestApp,
  overrides: { kind?: string } = {},
): Promise<string> {
  const rows: { id: string }[] = await t.dataSource.query(
    `INSERT INTO institutions (code, name, kind) VALUES ($1, $2, $3) RETURNING id`,
    [code('INST'), '湖南示范职业技术学院', overrides.kind ?? 'HIGHER_VOCATIONAL'],
  );
  return rows[0].id;
}

export async function aProgram(
  t: TestApp,
  institutionId: string,
  overrides: { totalCredits?: string; maxExemptCredits?: string } = {},
): Promise<string> {
  const rows: { id: string }[] = await t.dataSource.query(
    `INSERT INTO programs (institution_id, code, name, total_credits, max_exempt_credits)
     VALUES ($1, $2, '软件技术', $3, $4) RETURNING id`,
    [institutionId, code('P'), overrides.totalCredits ?? '140', overrides.maxExemptCredits ?? '20'],
  );
  return rows[0].id;
}

export async function aCourse(
  t: TestApp,
  institutionId: string,
  overrides: { programId?: string | null; credits?: string; category?: string } = {},
): Promise<string> {
  const rows: { id: string }[] = await t.dataSource.query(
    `INSERT INTO courses (institution_id, program_id, code, name, credits, hours, category)
     VALUES ($1, $2, $3, 'Web前端开发基础', $4, 64, $5) RETURNING id`,
    [
      institutionId,
      overrides.programId ?? null,
      code('C'),
      overrides.credits ?? '4.5',
      overrides.category ?? 'PROFESSIONAL_CORE',
    ],
  );
  return rows[0].id;
}

export async function aCertificationBody(t: TestApp): Promise<string> {
  const rows: { id: string }[] = await t.dataSource.query(
    `INSERT INTO certification_bodies (code, name) VALUES ($1, '工业和信息化部教育与考试中心') RETURNING id`,
    [code('BODY')],
  );
  return rows[0].id;
}

/** A scheme with the three levels (recognised 4 / 6 / 8 credits), each with THEORY and PRACTICAL. */
export async function aScheme(t: TestApp, certificationBodyId: string): Promise<string> {
  const rows: { id: string }[] = await t.dataSource.query(
    `INSERT INTO certificate_schemes (code, name, certification_body_id)
     VALUES ($1, 'Web前端开发职业技能等级证书', $2) RETURNING id`,
    [code('X'), certificationBodyId],
  );
  const schemeId = rows[0].id;
  for (const [level, credits] of [
    ['JUNIOR', '4'],
    ['INTERMEDIATE', '6'],
    ['SENIOR', '8'],
  ]) {
    const levelRows: { id: string }[] = await t.dataSource.query(
      `INSERT INTO scheme_levels (scheme_id, level, recognised_credits) VALUES ($1, $2, $3) RETURNING id`,
      [schemeId, level, credits],
    );
    await t.dataSource.query(
      `INSERT INTO level_components (scheme_level_id, code, name) VALUES ($1, 'THEORY', '理论知识'), ($1, 'PRACTICAL', '实操技能')`,
      [levelRows[0].id],
    );
  }
  return schemeId;
}

/** A learner with a passport identity (encrypted with the app's key). */
export async function aLearner(t: TestApp): Promise<string> {
  const cipher = IdentityCipher.fromMasterKey(t.config.identityKey);
  const number = `E${randomBytes(4).toString('hex').toUpperCase()}`;
  const rows: { id: string }[] = await t.dataSource.query(
    `INSERT INTO learners (id, name, id_type, id_lookup_hash, id_number_encrypted, id_number_masked)
     VALUES ($1, '李明', 'PASSPORT', $2, $3, $4) RETURNING id`,
    [
      randomUUID(),
      cipher.lookupHash('PASSPORT', number),
      cipher.encrypt(number),
      maskIdNumber(number),
    ],
  );
  return rows[0].id;
}

export async function count(t: TestApp, table: string): Promise<number> {
  const rows: { n: string }[] = await t.dataSource.query(
    `SELECT count(*)::text AS n FROM ${table}`,
  );
  return Number(rows[0].n);
}

export function bearer(token: string): { authorization: string } {
  return { authorization: `Bearer ${token}` };
}
