import { createHmac } from 'node:crypto';
import { Role } from '@app/core';
import { createTestApp, TestApp } from '../support/test-app';

const b64 = (value: object | string) =>
  Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)).toString('base64url');

function sign(header: object, claims: object, secret: string): string {
  const unsigned = `${b64(header)}.${b64(claims)}`;
  return `${unsigned}.${createHmac('sha256', secret).update(unsigned).digest('base64url')}`;
}

function claimsOf(token: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString()) as Record<
    string,
    unknown
  >;
}

describe('forged and stale tokens, and login throttling', () => {
  let t: TestApp;
  let learnerToken: string;

  beforeAll(async () => {
    t = await createTestApp('auth attacks', { env: { LOGIN_ATTEMPTS_PER_MINUTE: '5' } });
    learnerToken = await t.tokenFor(Role.REGISTRAR, {
      institutionId: '11111111-1111-4111-8111-111111111111',
    });
  }, 120_000);

  afterAll(async () => {
    await t?.close();
  }, 60_000);

  const me = (token: string) => t.http().get('/v1/auth/me').set('authorization', `Bearer ${token}`);

  it('accepts a genuine token (the control case)', async () => {
    await me(learnerToken).expect(200);
  });

  it('refuses an unsigned token (alg: none)', async () => {
    const claims = claimsOf(learnerToken);
    const response = await me(`${b64({ alg: 'none', typ: 'JWT' })}.${b64(claims)}.`);
    expect(response.status).toBe(401);
    expect(response.body.code).toBe('AUTH.INVALID_TOKEN');
  });

  it('refuses a token signed with another key', async () => {
    const response = await me(
      sign(
        { alg: 'HS256', typ: 'JWT' },
        claimsOf(learnerToken),
        'another-key-another-key-another-key',
      ),
    );
    expect(response.status).toBe(401);
  });

  it('refuses an expired token even when correctly signed', async () => {
    const claims = { ...claimsOf(learnerToken), iat: 1_600_000_000, exp: 1_600_000_100 };
    const response = await me(sign({ alg: 'HS256', typ: 'JWT' }, claims, t.config.jwtSecret));
    expect(response.status).toBe(401);
  });

  it('refuses a correctly signed token without an expiry, as any other bad token', async () => {
    const { exp, ...claims } = claimsOf(learnerToken);
    expect(typeof exp).toBe('number');
    const response = await me(sign({ alg: 'HS256', typ: 'JWT' }, claims, t.config.jwtSecret));
    expect({ status: response.status, code: response.body.code }).toEqual({
      status: 401,
      code: 'AUTH.INVALID_TOKEN',
    });
  });

  it('refuses a token whose role or scope claim was edited', async () => {
    const [header, , signature] = learnerToken.split('.');
    const tampered = `${header}.${b64({ ...claimsOf(learnerToken), role: 'ADMIN', inst: '00000000-0000-4000-8000-000000000000' })}.${signature}`;
    expect((await me(tampered)).status).toBe(401);
  });

  it('refuses a token for another algorithm family (HS512) even with the right secret', async () => {
    const unsigned = `${b64({ alg: 'HS512', typ: 'JWT' })}.${b64(claimsOf(learnerToken))}`;
    const token = `${unsigned}.${createHmac('sha512', t.config.jwtSecret).update(unsigned).digest('base64url')}`;
    expect((await me(token)).status).toBe(401);
  });

  it('throttles repeated logins for one account and answers 429 problem+json', async () => {
    const statuses: number[] = [];
    for (let attempt = 0; attempt < 8; attempt++) {
      const response = await t
        .http()
        .post('/v1/auth/login')
        .send({ username: 'target-user', password: `guess-${attempt}` });
      statuses.push(response.status);
    }
    expect(statuses.slice(0, 5)).toEqual([401, 401, 401, 401, 401]);
    expect(statuses.slice(5)).toEqual([429, 429, 429]);
    const limited = await t
      .http()
      .post('/v1/auth/login')
      .send({ username: 'target-user', password: 'x' });
    expect(limited.body.code).toBe('REQUEST.RATE_LIMITED');
  });

  it('returns the request id in a header and in error bodies', async () => {
    const response = await t.http().get('/v1/auth/me').set('x-request-id', 'trace-abc-123');
    expect(response.headers['x-request-id']).toBe('trace-abc-123');
    expect(response.body.requestId).toBe('trace-abc-123');
  });
});
