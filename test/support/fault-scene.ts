import { randomBytes } from 'node:crypto';
import { FAULT_ADMIN } from './fault-product';
import type { LoadScene } from './fault-load';

/** The fault run's data, made through the public API as an operator would (no SQL). */

export interface Answer {
  status: number;
  body: unknown;
}

type Created = { id: string } & Record<string, unknown>;

export async function call(
  apiUrl: string,
  method: string,
  path: string,
  token?: string,
  body?: unknown,
): Promise<Answer> {
  const response = await fetch(`${apiUrl}${path}`, {
    method,
    headers: {
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
    signal: AbortSignal.timeout(30_000),
  });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : null };
}

async function expectCreated(
  answer: Promise<Answer>,
  what: string,
  status = 201,
): Promise<Created> {
  const { status: got, body } = await answer;
  if (got !== status)
    throw new Error(`${what}: expected ${status}, got ${got} ${JSON.stringify(body)}`);
  return body as Created;
}

export async function login(apiUrl: string, username: string, password: string): Promise<string> {
  const body = await expectCreated(
    call(apiUrl, 'POST', '/v1/auth/login', undefined, { username, password }),
    'login',
    200,
  );
  return (body as unknown as { accessToken: string }).accessToken;
}

function code(prefix: string): string {
  return `${prefix}-${randomBytes(3).toString('hex').toUpperCase()}`;
}

/**
 * A school with `courses` courses, `learners` learners and a registrar; room for
 * learners × courses distinct credits. Returns the scene and the admin's token.
 */
export async function createLoadScene(
  apiUrl: string,
  sizes: { learners: number; courses: number },
): Promise<{ scene: LoadScene; adminToken: string }> {
  const admin = await login(apiUrl, FAULT_ADMIN.username, FAULT_ADMIN.password);
  const school = await expectCreated(
    call(apiUrl, 'POST', '/v1/institutions', admin, {
      code: code('INST'),
      name: '湖南故障演练职业技术学院',
      kind: 'HIGHER_VOCATIONAL',
    }),
    'institution',
  );
  const program = await expectCreated(
    call(apiUrl, 'POST', `/v1/institutions/${school.id}/programs`, admin, {
      code: code('P'),
      name: '软件技术',
      totalCredits: '140',
      maxExemptCredits: '20',
    }),
    'program',
  );
  const courses: string[] = [];
  for (let i = 0; i < sizes.courses; i++) {
    const course = await expectCreated(
      call(apiUrl, 'POST', `/v1/institutions/${school.id}/courses`, admin, {
        code: code('C'),
        name: `Web前端开发 ${i + 1}`,
        credits: '2.5',
        hours: 40,
        category: 'PROFESSIONAL_CORE',
      }),
      'course',
    );
    courses.push(course.id);
  }
  const registrar = {
    username: `faults-registrar-${randomBytes(3).toString('hex')}`,
    password: 'faults-registrar-password',
  };
  await expectCreated(
    call(apiUrl, 'POST', '/v1/users', admin, {
      ...registrar,
      role: 'REGISTRAR',
      institutionId: school.id,
    }),
    'registrar',
  );
  const learners: string[] = [];
  for (let i = 0; i < sizes.learners; i++) {
    const learner = await expectCreated(
      call(apiUrl, 'POST', '/v1/learners', admin, {
        name: `学员${i + 1}`,
        idType: 'PASSPORT',
        idNumber: `E${randomBytes(4).toString('hex').toUpperCase()}`,
      }),
      'learner',
    );
    // Credits are recorded for the school's students only.
    await expectCreated(
      call(apiUrl, 'POST', `/v1/learners/${learner.id}/enrolments`, admin, {
        programId: program.id,
        studentNo: `F${i + 1}${randomBytes(3).toString('hex').toUpperCase()}`,
        category: 'FULL_TIME',
        startedAt: '2020-09-01',
      }),
      'enrolment',
    );
    learners.push(learner.id);
  }
  const registrarToken = await login(apiUrl, registrar.username, registrar.password);
  return {
    scene: {
      apiUrl,
      registrarToken,
      learners,
      courses,
      runId: `faults-${randomBytes(4).toString('hex')}`,
    },
    adminToken: admin,
  };
}
