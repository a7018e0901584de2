import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { PORTAL_CSP, portalDirectory } from '../../apps/api/src/bootstrap/portal';
import { createTestApp, TestApp } from '../support/test-app';

describe('the portal is served by the API under /', () => {
  let t: TestApp;
  let dir: string;
  let entryScript: string;

  beforeAll(async () => {
    const built = portalDirectory();
    if (!built)
      throw new Error('dist/portal is missing: npm test builds it (node tools/build.mjs)');
    dir = built;
    entryScript = readdirSync(join(dir, 'assets')).find((f) => /^index-.*\.js$/.test(f))!;
    t = await createTestApp('portal serving');
  }, 120_000);

  afterAll(async () => {
    await t?.close();
  }, 60_000);

  it.each(['/', '/login', '/account', '/students/some-learner', '/inbox?status=SUBMITTED'])(
    'answers the client route %s with the page, never cached, confined to this origin',
    async (path) => {
      const response = await t.http().get(path).expect(200);
      expect(response.headers['content-type']).toBe('text/html; charset=utf-8');
      expect(response.headers['cache-control']).toBe('no-cache');
      expect(response.headers['content-security-policy']).toBe(PORTAL_CSP);
      expect(response.text).toBe(readFileSync(join(dir, 'index.html'), 'utf8'));
      expect(response.text).toContain(`/assets/${entryScript}`);
    },
  );

  it('keeps unknown API, health and docs paths the API 404 problem, not the page', async () => {
    for (const path of [
      '/v1/nothing-here',
      '/v1',
      '/health/none',
      '/docs/nothing.js',
      '/status-lists/1',
    ]) {
      const response = await t.http().get(path).expect(404);
      expect(response.headers['content-type']).toContain('application/problem+json');
      expect(response.body).toMatchObject({ status: 404 });
    }
  });

  it('serves hashed assets for a year, compressed when the browser accepts it', async () => {
    const plain = await t.http().get(`/assets/${entryScript}`).set('accept-encoding', 'identity');
    expect(plain.status).toBe(200);
    expect(plain.headers['content-type']).toContain('javascript');
    expect(plain.headers['cache-control']).toContain('immutable');
    const raw = readFileSync(join(dir, 'assets', entryScript));
    expect(Buffer.from(plain.text)).toEqual(raw);

    // superagent unzips what it reads: the header says what travelled, the body what it was.
    const gzip = await t.http().get(`/assets/${entryScript}`).set('accept-encoding', 'gzip');
    expect(gzip.headers['content-encoding']).toBe('gzip');
    expect(gzip.headers.vary).toContain('accept-encoding');
    expect(Buffer.from(gzip.text)).toEqual(raw);
    expect(gunzipSync(readFileSync(join(dir, 'assets', `${entryScript}.gz`)))).toEqual(raw);
  });

  it('serves nothing outside the build: a missing asset is 404, a path climbing out is refused', async () => {
    await t.http().get('/assets/no-such-file.js').expect(404);
    for (const path of [
      '/assets/../index.html',
      '/assets/%2e%2e/%2e%2e/package.json',
      '/assets/..%2f..%2fpackage.json',
    ]) {
      const response = await t.http().get(path);
      expect([403, 404]).toContain(response.status);
      expect(response.headers['content-type']).toContain('application/problem+json');
    }
  });

  it('answers only GET and HEAD: a write to a page path is the API 404 problem', async () => {
    await t.http().head('/account').expect(200);
    const response = await t.http().post('/account').send({}).expect(404);
    expect(response.headers['content-type']).toContain('application/problem+json');
  });
});
