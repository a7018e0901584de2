import { randomBytes } from 'node:crypto';
import { TestApp } from '../test-app';

/**
 * Catalog rows, inserted directly: suites of other areas need a school or a scheme to stand on,
 * and the catalog's own endpoints are tested by the catalog suites.
 */

export function uniqueCode(prefix: string): string {
  return `${prefix}-${randomBytes(3).toString('hex').toUpperCase()}`;
}

async function insertReturningId(t: TestApp, sql: string, parameters: unknown[]): Promise<string> {
  const rows: { id: string }[] = await t.dataSource.query(sql, parameters);
  return rows[0].id;
}

export function anInstitution(
  t: TestApp,
  options: { name?: string; kind?: string } = {},
): Promise<string> {
  return insertReturningId(
    t,
    `INSERT INTO institutions (code, name, kind) VALUES ($1, $2, $3) RETURNING id`,
    [
      uniqueCode('INST'),
      options.name ?? '湖南示范职业技术学院',
      options.kind ?? 'HIGHER_VOCATIONAL',
    ],
  );
}

export function aProgram(
  t: TestApp,
  options: {
    institutionId: string;
    name?: string;
    totalCredits?: string;
    maxExemptCredits?: string;
  },
): Promise<string> {
  return insertReturningId(
    t,
    `INSERT INTO programs (institution_id, code, name, total_credits, max_exempt_credits)
     VALUES ($1, $2, $3, $4, $5) RETURNING id`,
    [
      options.institutionId,
      uniqueCode('P'),
      options.name ?? '计算机应用技术',
      options.totalCredits ?? '140',
      options.maxExemptCredits ?? '20',
    ],
  );
}

export function aCourse(
  t: TestApp,
  options: {
    institutionId: string;
    programId?: string | null;
    name?: string;
    credits?: string;
    category?: string;
  },
): Promise<string> {
  return insertReturningId(
    t,
    `INSERT INTO courses (institution_id, program_id, code, name, credits, hours, category)
     VALUES ($1, $2, $3, $4, $5, 64, $6) RETURNING id`,
    [
      options.institutionId,
      options.programId ?? null,
      uniqueCode('C'),
      options.name ?? '网页设计与制作',
      options.credits ?? '4',
      options.category ?? 'PROFESSIONAL_CORE',
    ],
  );
}

export function aCertificationBody(t: TestApp, options: { name?: string } = {}): Promise<string> {
  return insertReturningId(
    t,
    `INSERT INTO certification_bodies (code, name) VALUES ($1, $2) RETURNING id`,
    [uniqueCode('BODY'), options.name ?? '工业和信息化部教育与考试中心'],
  );
}

const LEVELS = ['JUNIOR', 'INTERMEDIATE', 'SENIOR'] as const;

/** A scheme with the three levels (recognising 4 / 6 / 8 credits), each with THEORY and PRACTICAL. */
export async function aScheme(
  t: TestApp,
  options: { certificationBodyId: string; name?: string; recognisedCredits?: string[] },
): Promise<string> {
  const recognised = options.recognisedCredits ?? ['4', '6', '8'];
  const schemeId = await insertReturningId(
    t,
    `INSERT INTO certificate_schemes (code, name, certification_body_id) VALUES ($1, $2, $3) RETURNING id`,
    [uniqueCode('X'), options.name ?? 'Web前端开发', options.certificationBodyId],
  );
  for (const [index, level] of LEVELS.entries()) {
    const levelId = await insertReturningId(
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

/** A scheme as POST /v1/certificate-schemes takes it: 4/6/8 credits, THEORY and PRACTICAL. */
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
