import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import SwaggerParser from '@apidevtools/swagger-parser';
import type {
  OpenAPIObject,
  OperationObject,
  RequestBodyObject,
  ResponseObject,
} from '@nestjs/swagger';
import type { Test } from 'supertest';
import { Role } from '@app/core';
import { buildOpenApiDocument } from '../../apps/api/src/openapi/swagger';
import { collectRouteFacts } from '../../apps/api/src/openapi/route-facts';
import { aCertificationBody, aLearner, anInstitution, bearer } from '../support/factories';
import { createTestApp, TestApp } from '../support/test-app';

/**
 * These run the built product (`npm test` builds first), as a user would: the OpenAPI
 * document the CLI writes, and a bad setting stopping the process with one line.
 */
const root = join(__dirname, '..', '..');
const dist = (path: string) => join(root, 'dist', path);
const built = existsSync(dist('apps/api/src/main.js'));
if (!built) {
  if (process.env.CI === 'true')
    throw new Error('dist/ is missing: npm test builds before running Jest');
  process.stdout.write('[skip] built-product checks: run `npm run build` first (npm test does)\n');
}

(built ? describe : describe.skip)('the built product', () => {
  let folder: string;

  beforeAll(() => {
    folder = mkdtempSync(join(tmpdir(), 'credit-bank-openapi-'));
  });

  afterAll(() => {
    rmSync(folder, { recursive: true, force: true });
  });

  it('writes a valid OpenAPI 3 document with bearer auth and every contract path implemented so far', async () => {
    const target = join(folder, 'openapi.json');
    const run = spawnSync(process.execPath, [dist('apps/api/src/cli/openapi.js'), target], {
      encoding: 'utf8',
    });
    expect(run.status).toBe(0);
    const document = JSON.parse(readFileSync(target, 'utf8'));
    await expect(SwaggerParser.validate(structuredClone(document))).resolves.toBeDefined();
    expect(document.components.securitySchemes.bearer).toMatchObject({
      type: 'http',
      scheme: 'bearer',
    });
    expect(Object.keys(document.paths)).toEqual(
      expect.arrayContaining([
        '/v1/auth/login',
        '/v1/learners/{learnerId}/course-credits',
        '/health/ready',
      ]),
    );
    const credit = document.paths['/v1/learners/{learnerId}/course-credits'].post;
    expect(credit.requestBody.content['application/json'].schema.$ref).toContain(
      'RecordCourseCreditDto',
    );
    const schema = document.components.schemas.RecordCourseCreditDto;
    expect(schema.required).toEqual(expect.arrayContaining(['term', 'score', 'completedAt']));
    // The course by id or by code: exactly one of the two, so neither is required on its own.
    expect(Object.keys(schema.properties)).toEqual(
      expect.arrayContaining(['courseId', 'courseCode']),
    );
    // The written document is the served one: error responses and examples included.
    expect(document.components.schemas.Problem.required).toEqual(
      expect.arrayContaining(['type', 'title', 'status', 'detail', 'code']),
    );
    expect(credit.responses['422'].content['application/problem+json']).toBeDefined();
    expect(credit.requestBody.content['application/json'].examples).toBeDefined();
  });

  it.each([
    ['PORT', 'abc'],
    ['DATABASE_URL', 'nonsense'],
    ['LOG_LEVEL', 'loud'],
    ['SEED_DEMO', 'perhaps'],
  ])('stops at boot with one line naming %s when it is %p', (setting, value) => {
    const env: Record<string, string> = {
      PATH: process.env.PATH ?? '',
      DATA_DIR: join(folder, 'data'),
      [setting]: value,
    };
    if (setting === 'DATABASE_URL') env.REDIS_URL = 'redis://127.0.0.1:6379';
    const run = spawnSync(process.execPath, [dist('apps/api/src/main.js')], {
      env,
      encoding: 'utf8',
      timeout: 20_000,
    });
    expect(run.status).toBe(1);
    const lines = run.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain(setting);
    expect(existsSync(join(folder, 'data'))).toBe(false);
  });
});

const METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;

function operationsOf(document: OpenAPIObject) {
  return Object.entries(document.paths).flatMap(([path, item]) =>
    METHODS.flatMap((method) => {
      const operation = item[method];
      return operation ? [{ path, method, operation }] : [];
    }),
  );
}

/** A write's examples, on its one body type (JSON, or multipart for an upload). */
const examplesOf = (operation: OperationObject) =>
  Object.values((operation.requestBody as RequestBodyObject | undefined)?.content ?? {})[0]
    ?.examples as Record<string, { value: Record<string, unknown> }> | undefined;

const isUpload = (operation: OperationObject) =>
  'multipart/form-data' in
  ((operation.requestBody as RequestBodyObject | undefined)?.content ?? {});

/** An upload's example as the form a browser sends: its fields in order, `file` as a file of that name. */
function asForm(call: Test, fields: Record<string, unknown>): Test {
  for (const [name, value] of Object.entries(fields)) {
    call =
      name === 'file'
        ? call.attach('file', Buffer.from('姓名,学号\r\n'), String(value))
        : call.field(name, String(value));
  }
  return call;
}

const problemCodes = (response: ResponseObject | undefined): string[] | undefined => {
  const schema = response?.content?.['application/problem+json']?.schema as
    { allOf?: { properties?: { code?: { enum?: string[] } } }[] } | undefined;
  return schema?.allOf?.[1]?.properties?.code?.enum;
};

describe('the OpenAPI document: error responses and an example for every write', () => {
  let t: TestApp;
  let document: OpenAPIObject;

  beforeAll(async () => {
    t = await createTestApp('openapi examples');
    document = buildOpenApiDocument(t.app);
  }, 120_000);

  afterAll(async () => {
    await t?.close();
  }, 60_000);

  it('gives every operation problem+json error responses, with the codes its shape implies', () => {
    const operations = operationsOf(document);
    expect(operations.length).toBeGreaterThan(30);
    const lacking = operations
      .filter(({ operation }) => {
        const problems = Object.entries(operation.responses).filter(
          ([status, response]) =>
            Number(status) >= 400 &&
            (response as ResponseObject).content?.['application/problem+json'] !== undefined,
        );
        return problems.length === 0;
      })
      .map(({ method, path }) => `${method.toUpperCase()} ${path}`);
    expect(lacking).toEqual([]);
    const credit = document.paths['/v1/learners/{learnerId}/course-credits'].post!;
    expect(problemCodes(credit.responses['401'] as ResponseObject)).toContain(
      'AUTH.UNAUTHENTICATED',
    );
    expect(problemCodes(credit.responses['401'] as ResponseObject)).toEqual(
      expect.arrayContaining(['AUTH.TOKEN_REVOKED', 'AUTH.ACCOUNT_DISABLED']),
    );
    expect(problemCodes(credit.responses['403'] as ResponseObject)).toEqual([
      'AUTH.FORBIDDEN',
      'AUTH.PASSWORD_CHANGE_REQUIRED',
    ]);
    expect(problemCodes(credit.responses['404'] as ResponseObject)).toContain(
      'ACCOUNTS.LEARNER_NOT_FOUND',
    );
    expect(problemCodes(credit.responses['409'] as ResponseObject)).toContain(
      'LEDGER.CREDIT_ALREADY_RECORDED',
    );
    expect(problemCodes(credit.responses['422'] as ResponseObject)).toEqual(
      expect.arrayContaining(['VALIDATION_FAILED', 'RELATIONSHIPS.NOT_ENROLLED']),
    );
    const login = document.paths['/v1/auth/login'].post!;
    expect(problemCodes(login.responses['429'] as ResponseObject)).toEqual([
      'REQUEST.RATE_LIMITED',
    ]);
    expect(login.responses['403']).toBeUndefined();
    const lookup = document.paths['/v1/learners'].get!;
    expect(problemCodes(lookup.responses['429'] as ResponseObject)).toEqual([
      'REQUEST.RATE_LIMITED',
    ]);
    // Reading oneself and changing the password stay open to a login that must change it.
    const changePassword = document.paths['/v1/auth/password'].post!;
    expect(changePassword.responses['403']).toBeUndefined();
    expect(problemCodes(changePassword.responses['422'] as ResponseObject)).toEqual(
      expect.arrayContaining(['AUTH.CURRENT_PASSWORD_WRONG', 'AUTH.PASSWORD_TOO_COMMON']),
    );
    const end = document.paths['/v1/enrolments/{enrolmentId}/end'].post!;
    expect(problemCodes(end.responses['404'] as ResponseObject)).toEqual([
      'RELATIONSHIPS.ENROLMENT_NOT_FOUND',
    ]);
    expect(problemCodes(end.responses['409'] as ResponseObject)).toEqual([
      'RELATIONSHIPS.ENROLMENT_ENDED',
    ]);
    const withdraw = document.paths['/v1/me/shares/{shareId}'].delete!;
    expect(problemCodes(withdraw.responses['404'] as ResponseObject)).toEqual([
      'RELATIONSHIPS.SHARE_NOT_FOUND',
    ]);
    const user = document.paths['/v1/users/{id}'].patch!;
    expect(problemCodes(user.responses['404'] as ResponseObject)).toEqual(['USERS.NOT_FOUND']);
    expect(problemCodes(user.responses['409'] as ResponseObject)).toContain('USERS.LAST_ADMIN');
    expect(document.components?.schemas?.Problem).toBeDefined();
  });

  it('carries an example body for every write, and a conversion rule of each kind', () => {
    const writes = operationsOf(document).filter(
      ({ method, operation }) => ['post', 'put', 'patch'].includes(method) && operation.requestBody,
    );
    expect(writes.length).toBeGreaterThan(15);
    const lacking = writes
      .filter(({ operation }) => Object.keys(examplesOf(operation) ?? {}).length === 0)
      .map(({ operation }) => operation.operationId);
    expect(lacking).toEqual([]);
    const rules = Object.values(examplesOf(document.paths['/v1/conversion-rules'].post!) ?? {});
    expect(rules.map((example) => example.value.kind).sort()).toEqual([
      'CERT_TO_COURSE',
      'COURSE_TO_COURSE',
      'COURSE_TO_EXAM',
    ]);
    // Recording names the course, scheme or program by id or by code: an example of each.
    for (const [path, idField, codeField] of [
      ['/v1/learners/{learnerId}/course-credits', 'courseId', 'courseCode'],
      ['/v1/learners/{learnerId}/certificates', 'schemeId', 'schemeCode'],
      ['/v1/learners/{learnerId}/diplomas', 'programId', 'programCode'],
    ]) {
      const values = Object.values(examplesOf(document.paths[path].post!) ?? {}).map(
        (example) => example.value,
      );
      expect(values.some((value) => idField in value && !(codeField in value))).toBe(true);
      expect(values.some((value) => codeField in value && !(idField in value))).toBe(true);
    }
  });

  it('accepts every example as it stands: the API refuses none of them for its shape', async () => {
    const facts = collectRouteFacts(t.app);
    const institutionId = await anInstitution(t);
    const certificationBodyId = await aCertificationBody(t);
    const tokens: Record<Role, string> = {
      [Role.ADMIN]: await t.tokenFor(Role.ADMIN),
      [Role.REGISTRAR]: await t.tokenFor(Role.REGISTRAR, { institutionId }),
      [Role.EXAMINER]: await t.tokenFor(Role.EXAMINER, { certificationBodyId }),
      [Role.LEARNER]: await t.tokenFor(Role.LEARNER, { learnerId: await aLearner(t) }),
    };
    const refused: unknown[] = [];
    let sent = 0;
    for (const { path, method, operation } of operationsOf(document)) {
      const route = facts.get(operation.operationId ?? '');
      for (const [name, example] of Object.entries(examplesOf(operation) ?? {})) {
        // Unknown ids: a route that reads its body before the id answers 404 once the body passed.
        const url = path.replace(/\{[^}]+\}/g, () => randomUUID());
        const role = route?.roles.includes(Role.ADMIN) ? Role.ADMIN : route?.roles[0];
        let call = t.http()[method as 'post'](url).set('idempotency-key', randomUUID());
        if (role && !route?.isPublic) call = call.set(bearer(tokens[role]));
        const response = isUpload(operation)
          ? await asForm(call, example.value)
          : await call.send(example.value);
        sent += 1;
        const errors = (response.body.errors ?? []) as { field: string; code: string }[];
        const shapeErrors = errors.filter((error) => error.code !== 'INVALID');
        if (
          response.status >= 500 ||
          [400, 403, 415].includes(response.status) ||
          (response.status === 422 &&
            response.body.code === 'VALIDATION_FAILED' &&
            shapeErrors.length)
        )
          refused.push({
            operation: operation.operationId,
            name,
            status: response.status,
            body: response.body,
          });
      }
    }
    expect(sent).toBeGreaterThan(17);
    expect(refused).toEqual([]);
  });
});
