import { randomBytes } from 'node:crypto';
import { mod11_2CheckChar } from '@app/accounts';
import { TestApp } from './test-app';

/** Helpers for the catalog and learner suites: unique codes, valid identity numbers, row counts. */

export function uniqueCode(prefix: string): string {
  return `${prefix}-${randomBytes(3).toString('hex').toUpperCase()}`;
}

/** A valid 18-character resident ID for a birth date (YYYY-MM-DD) and a 3-digit sequence. */
export function residentId(
  birthDate: string,
  sequence = randomSequence(),
  region = '430102',
): string {
  const first17 = `${region}${birthDate.replaceAll('-', '')}${sequence}`;
  return first17 + mod11_2CheckChar(first17);
}

/** The same number with its check character replaced by a wrong one. */
export function withWrongCheckDigit(number: string): string {
  const right = number[17];
  return number.slice(0, 17) + (right === '0' ? '1' : '0');
}

function randomSequence(): string {
  return String(randomBytes(2).readUInt16BE() % 1000).padStart(3, '0');
}

export const CATALOG_TABLES = [
  'institutions',
  'programs',
  'courses',
  'certification_bodies',
  'certificate_schemes',
  'scheme_levels',
  'level_components',
] as const;

export async function rowCounts(
  t: TestApp,
  tables: readonly string[],
): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const table of tables) {
    const rows: { n: string }[] = await t.dataSource.query(
      `SELECT count(*)::text AS n FROM ${table}`,
    );
    counts[table] = Number(rows[0].n);
  }
  return counts;
}

export function auth(token: string): { authorization: string } {
  return { authorization: `Bearer ${token}` };
}

export async function createInstitution(
  t: TestApp,
  adminToken: string,
  kind = 'HIGHER_VOCATIONAL',
): Promise<string> {
  const response = await t
    .http()
    .post('/v1/institutions')
    .set(auth(adminToken))
    .send({ code: uniqueCode('INST'), name: '湖南示范信息职业技术学院', kind })
    .expect(201);
  return response.body.id as string;
}

export async function createBody(t: TestApp, adminToken: string): Promise<string> {
  const response = await t
    .http()
    .post('/v1/certification-bodies')
    .set(auth(adminToken))
    .send({ code: uniqueCode('BODY'), name: '工业和信息化部教育与考试中心' })
    .expect(201);
  return response.body.id as string;
}

/** A scheme body as POST /v1/certificate-schemes takes it: 4/6/8 credits, THEORY and PRACTICAL. */
export function schemeBody(
  certificationBodyId: string,
  code = uniqueCode('X'),
): Record<string, unknown> {
  return {
    code,
    name: 'Web前端开发职业技能等级证书',
    certificationBodyId,
    levels: [
      ['JUNIOR', '4'],
      ['INTERMEDIATE', '6'],
      ['SENIOR', '8'],
    ].map(([level, recognisedCredits]) => ({
      level,
      recognisedCredits,
      components: [
        { code: 'THEORY', name: '理论知识考试' },
        { code: 'PRACTICAL', name: '实操技能考核' },
      ],
    })),
  };
}

/** Opens a learning account through the API (as ADMIN) and returns its id. */
export async function openLearner(t: TestApp, adminToken: string, name = '李明'): Promise<string> {
  const response = await t
    .http()
    .post('/v1/learners')
    .set(auth(adminToken))
    .send({
      name,
      idType: 'PASSPORT',
      idNumber: `E${randomBytes(4).toString('hex').toUpperCase()}`,
    })
    .expect(201);
  return response.body.id as string;
}
