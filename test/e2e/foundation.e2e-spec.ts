import { createTestApp, TestApp } from '../support/test-app';
import { Role } from '@app/core';

describe('foundation over HTTP', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp('foundation');
  }, 60_000);

  afterAll(async () => {
    await t?.close();
  }, 60_000);

  it('reports live and ready, checking the database and the queue', async () => {
    await t.http().get('/health/live').expect(200, { status: 'ok' });
    const ready = await t.http().get('/health/ready').expect(200);
    expect(ready.body.checks.database.status).toBe('up');
    expect(ready.body.checks.queue.status).toBe('up');
  });

  it('answers unknown routes with a 404 problem', async () => {
    const response = await t.http().get('/v1/nothing-here').expect(404);
    expect(response.headers['content-type']).toContain('application/problem+json');
    expect(response.body).toMatchObject({ status: 404, code: 'ROUTE.NOT_FOUND' });
    expect(response.body.requestId).toEqual(expect.any(String));
  });

  it('refuses malformed JSON with 400 and non-JSON bodies with 415', async () => {
    const malformed = await t
      .http()
      .post('/v1/auth/login')
      .set('content-type', 'application/json')
      .send('{"username":');
    expect(malformed.status).toBe(400);
    expect(malformed.body.code).toBe('REQUEST.MALFORMED_JSON');
    const form = await t
      .http()
      .post('/v1/auth/login')
      .set('content-type', 'text/plain')
      .send('hello');
    expect(form.status).toBe(415);
  });

  it('refuses oversized bodies with 413', async () => {
    const response = await t
      .http()
      .post('/v1/auth/login')
      .send({ username: 'x', password: 'y'.repeat(200_000) });
    expect(response.status).toBe(413);
    expect(response.body.code).toBe('REQUEST.BODY_TOO_LARGE');
  });

  it('answers 422 with per-field errors, and rejects unknown fields', async () => {
    const response = await t
      .http()
      .post('/v1/auth/login')
      .send({ username: 5, extra: true })
      .expect(422);
    const fields = (response.body.errors as { field: string }[]).map((error) => error.field);
    expect(fields).toEqual(expect.arrayContaining(['username', 'password', 'extra']));
  });

  it('logs in, answers wrong password and unknown user identically, and reports the caller', async () => {
    const token = await t.tokenFor(Role.ADMIN);
    const me = await t
      .http()
      .get('/v1/auth/me')
      .set('authorization', `Bearer ${token}`)
      .expect(200);
    expect(me.body.role).toBe('ADMIN');
    await t.dataSource.query('SELECT 1');
    const wrong = await t
      .http()
      .post('/v1/auth/login')
      .send({ username: me.body.username, password: 'nope-nope-nope' });
    const unknown = await t
      .http()
      .post('/v1/auth/login')
      .send({ username: 'nobody-at-all', password: 'nope-nope-nope' });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect({ ...wrong.body, requestId: null, instance: null }).toEqual({
      ...unknown.body,
      requestId: null,
      instance: null,
    });
  });

  it('requires a token on protected routes', async () => {
    const response = await t.http().get('/v1/auth/me').expect(401);
    expect(response.body.code).toBe('AUTH.UNAUTHENTICATED');
  });
});
