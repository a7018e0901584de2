import { randomBytes } from 'node:crypto';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Test } from '@nestjs/testing';
import request from 'supertest';
import { AppConfig, AppSettings, CoreModule, Role } from '@app/core';
import { SYSTEM_ACTOR } from '@app/outbox';
import { UsersService } from '@app/users';
import { createApiApp } from '../../apps/api/src/bootstrap/create-api-app';
import { requestThrottling } from '../../apps/api/src/bootstrap/throttling';
import {
  MemoryThrottleStore,
  THROTTLE_STORE,
  type ThrottleStore,
} from '../../apps/api/src/bootstrap/throttle-store';
import { aLearner, aPassportNumber, bearer } from '../support/factories';
import { createTestApp, TestApp } from '../support/test-app';
import { testRedisUrl } from '../support/test-redis';

const LOGINS_PER_MINUTE = 3;
const LOOKUPS_PER_MINUTE = 3;
/** With TEST_REDIS_URL the test apps run in server mode, their counters in Redis. */
const ON_REDIS = testRedisUrl() !== null;

/** Another API process of the same deployment: same database, same Redis, other settings if given. */
async function anotherProcess(
  config: AppConfig,
  settings: Partial<AppSettings> = {},
): Promise<NestFastifyApplication> {
  const {
    databaseUrl,
    migrationDatabaseUrl,
    jwtSecret,
    identityKey,
    auditSigningKey,
    outboxHmacKey,
  } = config;
  const secrets = {
    databaseUrl,
    migrationDatabaseUrl,
    jwtSecret,
    identityKey,
    auditSigningKey,
    outboxHmacKey,
  };
  const app = await createApiApp(new AppConfig({ ...config, ...settings }, secrets));
  await app.init();
  await app.getHttpAdapter().getInstance().ready();
  return app;
}

function unique(prefix: string): string {
  return `${prefix}-${randomBytes(4).toString('hex')}`;
}

describe('request limits behind a proxy and across API processes', () => {
  let t: TestApp;
  let sameDeployment: NestFastifyApplication;
  let untrustedPeer: NestFastifyApplication;

  beforeAll(async () => {
    t = await createTestApp('throttling', {
      env: {
        TRUST_PROXY: 'loopback',
        LOGIN_ATTEMPTS_PER_MINUTE: String(LOGINS_PER_MINUTE),
        LOOKUP_REQUESTS_PER_MINUTE: String(LOOKUPS_PER_MINUTE),
      },
    });
    sameDeployment = await anotherProcess(t.config);
    // The test client connects from 127.0.0.1, which this process does not trust.
    untrustedPeer = await anotherProcess(t.config, { trustProxy: ['10.0.0.0/8'] });
  }, 120_000);

  afterAll(async () => {
    await untrustedPeer?.close();
    await sameDeployment?.close();
    await t?.close();
  }, 60_000);

  function login(
    app: NestFastifyApplication,
    username: string,
    password: string,
    forwardedFor?: string,
  ) {
    const call = request(app.getHttpServer()).post('/v1/auth/login');
    return (forwardedFor ? call.set('x-forwarded-for', forwardedFor) : call).send({
      username,
      password,
    });
  }

  async function responses(attempts: number, attempt: (index: number) => request.Test) {
    const seen: request.Response[] = [];
    for (let index = 0; index < attempts; index += 1) seen.push(await attempt(index));
    return seen;
  }

  async function statuses(attempts: number, attempt: (index: number) => request.Test) {
    return (await responses(attempts, attempt)).map((response) => response.status);
  }

  async function aUser(): Promise<{ username: string; password: string }> {
    const user = { username: unique('owner'), password: randomBytes(12).toString('base64url') };
    await t.app.get(UsersService).create(SYSTEM_ACTOR, { ...user, role: Role.ADMIN });
    return user;
  }

  it('behind a trusted proxy counts each client by the address the proxy saw', async () => {
    const account = unique('proxied');
    const first = await statuses(LOGINS_PER_MINUTE + 1, () =>
      login(t.app, account, 'wrong', '203.0.113.10'),
    );
    expect(first).toEqual([401, 401, 401, 429]);
    // Another client behind the same proxy is not held up by the first one's failures.
    expect((await login(t.app, account, 'wrong', '203.0.113.11')).status).toBe(401);
    // A client cannot escape by prepending an address: the proxy's own entry is what counts.
    const spoofed = await login(t.app, account, 'wrong', '198.51.100.99, 203.0.113.10');
    expect(spoofed.status).toBe(429);
    expect(spoofed.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(spoofed.body).toMatchObject({ status: 429, code: 'REQUEST.RATE_LIMITED' });
    expect(Number(spoofed.headers['retry-after'])).toBeGreaterThan(0);
    expect(Number(spoofed.headers['retry-after'])).toBeLessThanOrEqual(60);
  });

  it('ignores X-Forwarded-For from a peer that is not a trusted proxy', async () => {
    const account = unique('direct');
    const seen = await statuses(LOGINS_PER_MINUTE + 1, (index) =>
      login(untrustedPeer, account, 'wrong', `203.0.113.${20 + index}`),
    );
    // Each request named another client; all were counted as the one peer they came from.
    expect(seen).toEqual([401, 401, 401, 429]);
  });

  it('lets no more guesses through than the limit when they arrive all at once', async () => {
    const account = unique('parallel');
    const seen = await Promise.all(
      Array.from({ length: 10 }, () => login(t.app, account, 'wrong', '203.0.113.70')),
    );
    const counts = seen.reduce<Record<number, number>>(
      (tally, response) => ({ ...tally, [response.status]: (tally[response.status] ?? 0) + 1 }),
      {},
    );
    expect(counts).toEqual({ 401: LOGINS_PER_MINUTE, 429: 10 - LOGINS_PER_MINUTE });
  });

  it('counts only failures: signing in correctly does not use up the budget', async () => {
    const owner = await aUser();
    const seen = await statuses(LOGINS_PER_MINUTE * 2, (index) =>
      login(t.app, owner.username, index % 2 ? 'wrong' : owner.password, '203.0.113.30'),
    );
    expect(seen).toEqual([200, 401, 200, 401, 200, 401]);
    expect((await login(t.app, owner.username, 'wrong', '203.0.113.30')).status).toBe(429);
  });

  it('never lets failures from many addresses lock the owner out beyond a short lock-out', async () => {
    const owner = await aUser();
    const home = '203.0.113.40';
    await login(t.app, owner.username, owner.password, home).expect(200);

    // Many addresses, each under its own limit, together pass the account's: twice the limit.
    const attack = await responses(LOGINS_PER_MINUTE * 2 + 1, (index) =>
      login(t.app, owner.username, 'guess', `198.51.100.${index + 1}`),
    );
    expect(attack.map((response) => response.status)).toEqual([401, 401, 401, 401, 401, 401, 429]);
    // The lock-out starts at one second.
    expect(attack[6].headers['retry-after']).toBe('1');

    // A fresh address waits it out…
    const fresh = await login(t.app, owner.username, owner.password, '203.0.113.41');
    expect(fresh.status).toBe(429);
    expect(fresh.headers['retry-after']).toBe('1');
    // …and the address the owner signed in from before is not held up at all.
    await login(t.app, owner.username, owner.password, home).expect(200);

    await new Promise((resolve) => setTimeout(resolve, 1_000));
    await login(t.app, owner.username, owner.password, '203.0.113.41').expect(200);

    // Another round doubles the lock-out (at most a minute); it never becomes permanent.
    const again = await responses(LOGINS_PER_MINUTE * 2 + 1, (index) =>
      login(t.app, owner.username, 'guess', `198.51.100.${index + 101}`),
    );
    expect(again.map((response) => response.status)).toEqual([401, 401, 401, 401, 401, 401, 429]);
    expect(again[6].headers['retry-after']).toBe('2');
  });

  it(
    ON_REDIS
      ? 'shares the counters of every API process through Redis'
      : 'counts in each process in embedded mode (no Redis)',
    async () => {
      const account = unique('shared');
      const processes = [t.app, sameDeployment, t.app, sameDeployment, t.app];
      const seen = [];
      for (const app of processes)
        seen.push((await login(app, account, 'wrong', '203.0.113.50')).status);
      expect(seen).toEqual(ON_REDIS ? [401, 401, 401, 429, 429] : [401, 401, 401, 401, 401]);
    },
  );

  it('limits look-ups by identity number per caller, with Retry-After', async () => {
    const idNumber = aPassportNumber();
    await aLearner(t, { idNumber });
    const [caller, colleague] = [await t.tokenFor(Role.ADMIN), await t.tokenFor(Role.ADMIN)];
    const lookUp = (app: NestFastifyApplication, token: string) =>
      request(app.getHttpServer())
        .get(`/v1/learners?idType=PASSPORT&idNumber=${idNumber}`)
        .set(bearer(token));

    expect(await statuses(LOOKUPS_PER_MINUTE, () => lookUp(t.app, caller))).toEqual([
      200, 200, 200,
    ]);
    const limited = await lookUp(t.app, caller);
    expect(limited.status).toBe(429);
    expect(limited.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(limited.body).toMatchObject({ status: 429, code: 'REQUEST.RATE_LIMITED' });
    const retryAfter = Number(limited.headers['retry-after']);
    expect(Number.isInteger(retryAfter) && retryAfter > 0 && retryAfter <= 60).toBe(true);
    expect((await lookUp(sameDeployment, caller)).status).toBe(ON_REDIS ? 429 : 200);

    const other = await lookUp(t.app, colleague);
    expect(other.status).toBe(200);
    expect(other.body.items).toHaveLength(1);
  });

  it('limits password changes per caller, so a stolen token cannot guess the current password', async () => {
    const [thief, colleague] = [await t.tokenFor(Role.ADMIN), await t.tokenFor(Role.ADMIN)];
    const guess = (token: string, currentPassword: string) =>
      request(t.app.getHttpServer())
        .post('/v1/auth/password')
        .set(bearer(token))
        .send({ currentPassword, newPassword: 'a-new-Passphrase-of-mine-7' });
    const seen: number[] = [];
    for (let attempt = 0; attempt <= LOGINS_PER_MINUTE; attempt += 1)
      seen.push((await guess(thief, `guess-${attempt}`)).status);
    expect(seen).toEqual([...Array<number>(LOGINS_PER_MINUTE).fill(422), 429]);
    expect((await guess(colleague, 'guess-x')).status).toBe(422);
  });
});

describe('request limits in embedded mode', () => {
  async function storeOf(config: AppConfig) {
    const moduleRef = await Test.createTestingModule({
      imports: [CoreModule.forRoot(config), requestThrottling(config)],
    }).compile();
    await moduleRef.init();
    return { moduleRef, store: moduleRef.get<ThrottleStore>(THROTTLE_STORE) };
  }

  it('keeps the counters in the process: without Redis there is nothing to share', async () => {
    const settings = {
      mode: 'embedded' as const,
      redisUrl: null,
      loginAttemptsPerMinute: 10,
      scanRequestsPerMinute: 10,
      lookupRequestsPerMinute: 10,
      queueNamespace: null,
    } as Partial<AppSettings> as AppSettings;
    const secrets = {
      databaseUrl: 'postgres://unused@127.0.0.1/unused',
      jwtSecret: 'x'.repeat(32),
      identityKey: '',
      auditSigningKey: '',
      outboxHmacKey: '',
    };
    const one = await storeOf(new AppConfig(settings, secrets));
    const other = await storeOf(new AppConfig(settings, secrets));
    try {
      expect(one.store).toBeInstanceOf(MemoryThrottleStore);
      const rule = { key: 'k', limit: 1, windowMs: 60_000, blockMs: 60_000 };
      expect((await one.store.hit([rule])).allowed).toBe(true);
      expect((await one.store.hit([rule])).allowed).toBe(false);
      expect((await other.store.hit([rule])).allowed).toBe(true);
    } finally {
      await one.moduleRef.close();
      await other.moduleRef.close();
    }
  });
});
