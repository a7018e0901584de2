/**
 * Deterministic bench data, written with set-based SQL straight into the tables. Identifiers are
 * md5-derived UUIDs of a name and an index, computed the same way in SQL and in Node, so every run
 * builds the same world and pgbench scripts can name rows without looking them up.
 */
import { createHash } from 'node:crypto';
import { Client } from 'pg';

/** md5 of `<name>:<index>` shaped as a version-4 UUID (the API's id validation wants a version). */
export function uuidOf(name: string, index: number | string = 0): string {
  const hex = createHash('md5').update(`${name}:${index}`).digest('hex');
  const v4 = `${hex.slice(0, 12)}4${hex.slice(13, 16)}8${hex.slice(17)}`;
  return `${v4.slice(0, 8)}-${v4.slice(8, 12)}-${v4.slice(12, 16)}-${v4.slice(16, 20)}-${v4.slice(20)}`;
}

/**
 * The same UUID in SQL, for generating rows and for pgbench scripts (which cannot build strings).
 * Created in the throwaway bench database only; an inlined SQL function costs next to nothing.
 */
export const BENCH_UUID_FUNCTION = `
  CREATE OR REPLACE FUNCTION bench_uuid(name text, key text) RETURNS uuid LANGUAGE sql IMMUTABLE AS
  $$ SELECT overlay(overlay(md5(name || ':' || key) placing '4' from 13) placing '8' from 17)::uuid $$`;

/** SQL for the same UUID, `expression` being a SQL expression (an integer, or text). */
export function sqlUuidOf(name: string, expression: string): string {
  return `bench_uuid('${name}', (${expression})::text)`;
}

export async function withClient<T>(url: string, work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/**
 * Bulk loading skips triggers and foreign-key checks (session_replication_role = replica): the
 * generated rows are valid by construction, and the per-row guard would take one advisory lock
 * per row in a single transaction. Statistics are refreshed afterwards so plans match a live system.
 */
export async function bulkLoad(url: string, statements: string[]): Promise<void> {
  await withClient(url, async (client) => {
    await client.query(BENCH_UUID_FUNCTION);
    await client.query('SET session_replication_role = replica');
    for (const statement of statements) await client.query(statement);
    await client.query('SET session_replication_role = DEFAULT');
    await client.query('ANALYZE');
  });
}

export interface School {
  institutionId: string;
  programId: string;
  courseIds: string[];
}

/** A school with one program and `courses` courses (3 credits each), named by `name`. */
export function schoolSql(name: string, courses: number): { school: School; statements: string[] } {
  const institutionId = uuidOf(`${name}/institution`);
  const programId = uuidOf(`${name}/program`);
  const code = name
    .toUpperCase()
    .replace(/[^A-Z0-9]/g, '')
    .slice(0, 20);
  return {
    school: {
      institutionId,
      programId,
      courseIds: Array.from({ length: courses }, (_, i) => uuidOf(`${name}/course`, i)),
    },
    statements: [
      `INSERT INTO institutions (id, code, name, kind) VALUES ('${institutionId}', '${code}', '基准测试学院 ${name}', 'HIGHER_VOCATIONAL')`,
      `INSERT INTO programs (id, institution_id, code, name, total_credits, max_exempt_credits)
       VALUES ('${programId}', '${institutionId}', 'P-${code}', '计算机应用技术', 140, 40)`,
      `INSERT INTO courses (id, institution_id, program_id, code, name, credits, hours, category)
       SELECT ${sqlUuidOf(`${name}/course`, 'i')}, '${institutionId}', '${programId}', 'C' || i, '课程 ' || i, 3.00, 48,
              CASE WHEN i % 2 = 0 THEN 'PROFESSIONAL_CORE' ELSE 'PROFESSIONAL_FOUNDATION' END
       FROM generate_series(0, ${courses - 1}) i`,
    ],
  };
}

export interface Body {
  bodyId: string;
  schemeIds: string[];
}

/** A certification body with `schemes` schemes, each with three levels of two components. */
export function bodySql(name: string, schemes: number): { body: Body; statements: string[] } {
  const bodyId = uuidOf(`${name}/body`);
  const scheme = (expression: string) => sqlUuidOf(`${name}/scheme`, expression);
  const level = (s: string, l: string) => sqlUuidOf(`${name}/level`, `${s} || ':' || ${l}`);
  return {
    body: {
      bodyId,
      schemeIds: Array.from({ length: schemes }, (_, i) => uuidOf(`${name}/scheme`, i)),
    },
    statements: [
      `INSERT INTO certification_bodies (id, code, name) VALUES ('${bodyId}', 'B-${name}', '基准评价组织 ${name}')`,
      `INSERT INTO certificate_schemes (id, code, name, certification_body_id)
       SELECT ${scheme('s')}, 'X-${name}-' || s, '职业技能等级证书 ' || s, '${bodyId}' FROM generate_series(0, ${schemes - 1}) s`,
      `INSERT INTO scheme_levels (id, scheme_id, level, recognised_credits)
       SELECT ${level('s', 'l')}, ${scheme('s')}, (ARRAY['JUNIOR','INTERMEDIATE','SENIOR'])[l + 1], 4 + 2 * l
       FROM generate_series(0, ${schemes - 1}) s, generate_series(0, 2) l`,
      `INSERT INTO level_components (scheme_level_id, code, name)
       SELECT ${level('s', 'l')}, c.code, c.name
       FROM generate_series(0, ${schemes - 1}) s, generate_series(0, 2) l,
            (VALUES ('THEORY', '理论知识'), ('PRACTICAL', '实操技能')) AS c(code, name)`,
    ],
  };
}

/** Learners `name:learner:from … from+count-1`, with passport identities that are unique per name. */
export function learnersSql(name: string, from: number, count: number): string {
  return `INSERT INTO learners (id, name, id_type, id_lookup_hash, id_number_encrypted, id_number_masked)
    SELECT ${sqlUuidOf(`${name}/learner`, 'i')}, '学员' || i, 'PASSPORT',
           encode(sha256(('${name}:' || i)::bytea), 'hex'), 'bench-not-encrypted', 'E****' || lpad((i % 10000)::text, 4, '0')
    FROM generate_series(${from}, ${from + count - 1}) i`;
}

/** An enrolment at `school` (in its program) for each of the learners `from … from+count-1`. */
export function enrolmentsSql(name: string, school: School, from: number, count: number): string {
  return `INSERT INTO enrolments (learner_id, institution_id, program_id, student_no, category, status, started_at)
    SELECT ${sqlUuidOf(`${name}/learner`, 'i')}, '${school.institutionId}', '${school.programId}',
           'S' || i, 'FULL_TIME', 'ACTIVE', '2020-09-01'
    FROM generate_series(${from}, ${from + count - 1}) i`;
}

export function learnerIds(name: string, from: number, count: number): string[] {
  return Array.from({ length: count }, (_, i) => uuidOf(`${name}/learner`, from + i));
}
