import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import SwaggerParser from '@apidevtools/swagger-parser';

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
