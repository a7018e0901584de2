import type { Server } from 'node:http';
import request from 'supertest';
import { AuditAppender } from '@app/audit';
import { HTTP_TIMEOUTS } from '../../apps/api/src/bootstrap/fastify-adapter';
import { openRaw, RawExchange, within } from '../support/fuzz-raw-http';
import { changedTables, tableCounts } from '../support/table-counts';
import { bearer } from '../support/factories';
import { aSecurityWorld, marker, SecurityWorld, WorldRole } from '../support/fuzz-world';
import { createTestApp, TestApp } from '../support/test-app';

/**
 * Abuse beyond auth-attacks.e2e-spec (forged tokens, login throttling): out-of-scope writes,
 * reading another learner's data by guessing ids, revoking another body's certificate — each
 * refused, leaking nothing and writing nothing — then oversized requests refused early, and slow
 * or dropped clients that neither stall others nor keep their sockets.
 */
describe('abuse: scope, guessed ids, oversized requests, slow clients', () => {
  let t: TestApp;
  let w: SecurityWorld;
  let port: number;
  let server: Server;

  beforeAll(async () => {
    t = await createTestApp('abuse');
    w = await aSecurityWorld(t);
    // Append the outbox to the audit chain here (no worker): both learners then have audit records.
    const appender = t.app.get(AuditAppender);
    while ((await appender.appendPending()).appended > 0);
    await t.app.listen(0, '127.0.0.1');
    server = t.app.getHttpServer();
    const address = server.address();
    port = typeof address === 'object' && address ? address.port : 0;
  }, 180_000);

  afterAll(async () => {
    await t?.close();
  }, 60_000);

  /** What the other learner's account holds that a caller could not have guessed. */
  const secretsOf = (learner: SecurityWorld['learner']) => [
    learner.name,
    learner.idNumber,
    learner.certificateNo,
    learner.diplomaNo,
    learner.creditEntry,
    learner.certificateEntry,
    learner.diplomaEntry,
    learner.applicationId,
  ];

  interface Attempt {
    what: string;
    as: WorldRole;
    method: 'get' | 'post';
    path: () => string;
    body?: () => object;
    status: number;
  }

  async function attempt(a: Attempt) {
    const before = await tableCounts(t.superuser);
    const call =
      a.method === 'get'
        ? t.http().get(a.path())
        : t
            .http()
            .post(a.path())
            .send(a.body?.() ?? {});
    // A key on every write: a refused request must not leave an idempotency record either.
    const response = await call.set(bearer(w.tokens[a.as])).set('idempotency-key', marker('abuse'));
    return { response, written: changedTables(before, await tableCounts(t.superuser)) };
  }

  function expectRefused(attempts: Attempt[], secrets: () => string[]) {
    it.each(attempts.map((a) => [a.what, a] as const))('%s', async (_, a) => {
      const { response, written } = await attempt(a);
      expect(response.status).toBe(a.status);
      expect(response.headers['content-type']).toContain('application/problem+json');
      expect(written).toEqual([]);
      const text = JSON.stringify(response.body);
      for (const secret of secrets().filter((value) => !a.path().includes(value)))
        expect(text).not.toContain(secret);
    });
  }

  describe('a registrar of one school writing for another is refused, and nothing is written', () => {
    const as = 'registrarB' as const;
    expectRefused(
      [
        {
          what: 'adding a program to school A',
          as,
          method: 'post',
          path: () => `/v1/institutions/${w.schoolA}/programs`,
          body: () => ({
            code: 'P-X',
            name: '软件技术',
            totalCredits: '140',
            maxExemptCredits: '20',
          }),
          status: 404,
        },
        {
          what: 'adding a course to school A',
          as,
          method: 'post',
          path: () => `/v1/institutions/${w.schoolA}/courses`,
          body: () => ({
            code: 'C-X',
            name: '网页设计',
            credits: '4',
            hours: 64,
            category: 'ELECTIVE',
          }),
          status: 404,
        },
        {
          what: 'recording a credit for a course of school A',
          as,
          method: 'post',
          path: () => `/v1/learners/${w.learner.id}/course-credits`,
          body: () => ({
            courseId: w.courseA,
            term: '2024-2025-2',
            score: 99,
            completedAt: '2025-07-01',
          }),
          status: 404,
        },
        {
          what: 'recording a diploma of a program of school A',
          as,
          method: 'post',
          path: () => `/v1/learners/${w.learner.id}/diplomas`,
          body: () => ({
            programId: w.programA,
            diplomaNo: marker('DIP'),
            graduatedAt: '2025-07-01',
          }),
          status: 404,
        },
        {
          what: 'reversing a credit school A recorded',
          as,
          method: 'post',
          path: () => `/v1/entries/${w.learner.creditEntry}/reversal`,
          body: () => ({ reason: '恶意撤销' }),
          status: 404,
        },
        {
          what: 'writing a rule whose target is a course of school A',
          as,
          method: 'post',
          path: () => '/v1/conversion-rules',
          body: () => ({
            kind: 'CERT_TO_COURSE',
            name: '越权规则',
            condition: { certificate: { schemeId: w.schemeX, minLevel: 'JUNIOR' } },
            targets: [{ courseId: w.courseA }],
            effectiveFrom: '2024-09-01',
          }),
          status: 422,
        },
        {
          what: "adding a version to school A's rule",
          as,
          method: 'post',
          path: () => `/v1/conversion-rules/${w.ruleA}/versions`,
          body: () => ({
            name: '越权',
            condition: { certificate: { schemeId: w.schemeX, minLevel: 'JUNIOR' } },
            targets: [{ courseId: w.courseB }],
            effectiveFrom: '2024-09-01',
          }),
          status: 404,
        },
        {
          what: "retiring school A's rule",
          as,
          method: 'post',
          path: () => `/v1/conversion-rules/${w.ruleA}/retire`,
          status: 404,
        },
        {
          what: "scanning with school A's rule",
          as,
          method: 'post',
          path: () => `/v1/conversion-rules/${w.ruleA}/eligibility-scan`,
          status: 404,
        },
        {
          what: 'deciding an application addressed to school A',
          as,
          method: 'post',
          path: () => `/v1/exemption-applications/${w.learner.applicationId}/decision`,
          body: () => ({ decision: 'APPROVE', reason: '越权批准' }),
          status: 404,
        },
        {
          what: 'creating a login (ADMIN only)',
          as,
          method: 'post',
          path: () => '/v1/users',
          body: () => ({
            username: 'sneaky.admin',
            password: 'correct-horse-battery',
            role: 'ADMIN',
          }),
          status: 403,
        },
      ],
      () => secretsOf(w.learner),
    );
  });

  describe("a learner guessing another learner's ids reads nothing of theirs and writes nothing", () => {
    const as = 'victim' as const;
    expectRefused(
      [
        {
          what: 'their account',
          as,
          method: 'get',
          path: () => `/v1/learners/${w.learner.id}/account`,
          status: 404,
        },
        {
          what: 'their entries',
          as,
          method: 'get',
          path: () => `/v1/learners/${w.learner.id}/entries?limit=200`,
          status: 404,
        },
        {
          what: 'their eligibility',
          as,
          method: 'get',
          path: () => `/v1/learners/${w.learner.id}/eligibility`,
          status: 404,
        },
        {
          what: 'their application',
          as,
          method: 'get',
          path: () => `/v1/exemption-applications/${w.learner.applicationId}`,
          status: 404,
        },
        {
          what: 'their audit events',
          as,
          method: 'get',
          path: () => `/v1/audit/events?learnerId=${w.learner.id}`,
          status: 404,
        },
        {
          what: 'the decision inbox (staff only)',
          as,
          method: 'get',
          path: () => '/v1/exemption-applications?status=SUBMITTED',
          status: 403,
        },
        {
          what: 'a look-up by their identity number (staff only)',
          as,
          method: 'get',
          path: () => `/v1/learners?idType=PASSPORT&idNumber=${w.learner.idNumber}`,
          status: 403,
        },
        {
          what: 'applying on their behalf',
          as,
          method: 'post',
          path: () => `/v1/learners/${w.learner.id}/exemption-applications`,
          body: () => ({ ruleId: w.ruleA, target: { courseId: w.courseA } }),
          status: 404,
        },
        {
          what: 'reversing their entry',
          as,
          method: 'post',
          path: () => `/v1/entries/${w.learner.creditEntry}/reversal`,
          body: () => ({ reason: '恶意' }),
          status: 403,
        },
        {
          what: 'a random id',
          as,
          method: 'get',
          path: () => '/v1/learners/5d2f8a1e-9c3b-4e7d-8f6a-2b1c0d9e8f7a/account',
          status: 404,
        },
        {
          what: 'the nil id',
          as,
          method: 'get',
          path: () => '/v1/learners/00000000-0000-0000-0000-000000000000/entries',
          status: 404,
        },
      ],
      () => secretsOf(w.learner),
    );

    it("sees only their own audit events when they name none, and none of the other learner's", async () => {
      const response = await t
        .http()
        .get('/v1/audit/events?limit=200')
        .set(bearer(w.tokens.victim))
        .expect(200);
      const items = response.body.items as { learnerId: string }[];
      expect(items.length).toBeGreaterThan(0);
      expect(new Set(items.map((item) => item.learnerId))).toEqual(new Set([w.victim.id]));
      const text = JSON.stringify(response.body);
      for (const secret of secretsOf(w.learner)) expect(text).not.toContain(secret);
    });

    it("cannot read a job someone else queued (another learner's or another school's)", async () => {
      const queued = await t
        .http()
        .post(`/v1/conversion-rules/${w.ruleA}/eligibility-scan`)
        .set(bearer(w.tokens.registrarA))
        .send({});
      expect(queued.status).toBe(202);
      for (const caller of ['victim', 'registrarB', 'examinerX'] as const) {
        const read = await t
          .http()
          .get(`/v1/jobs/${queued.body.jobId}`)
          .set(bearer(w.tokens[caller]));
        expect({ caller, status: read.status }).toEqual({ caller, status: 404 });
      }
      await t
        .http()
        .get(`/v1/jobs/${queued.body.jobId}`)
        .set(bearer(w.tokens.registrarA))
        .expect(200);
    });

    it('(control) the owner reads the same resources, so the checks above can see a leak', async () => {
      const account = await t
        .http()
        .get(`/v1/learners/${w.learner.id}/account`)
        .set(bearer(w.tokens.learner))
        .expect(200);
      const text = JSON.stringify(account.body);
      expect(text).toContain(w.learner.certificateNo);
      expect(text).toContain(w.learner.diplomaNo);
      const events = await t
        .http()
        .get('/v1/audit/events?limit=200')
        .set(bearer(w.tokens.learner))
        .expect(200);
      expect(JSON.stringify(events.body)).toContain(w.learner.creditEntry);
      await t
        .http()
        .get(`/v1/exemption-applications/${w.learner.applicationId}`)
        .set(bearer(w.tokens.learner))
        .expect(200);
    });
  });

  describe("an examiner acting on another body's certificates is refused, and the certificate stands", () => {
    const as = 'examinerY' as const;
    expectRefused(
      [
        {
          what: 'revoking it',
          as,
          method: 'post',
          path: () => `/v1/certificates/${w.learner.certificateEntry}/revocation`,
          body: () => ({ reason: '恶意吊销' }),
          status: 404,
        },
        {
          what: 'reversing it',
          as,
          method: 'post',
          path: () => `/v1/entries/${w.learner.certificateEntry}/reversal`,
          body: () => ({ reason: '恶意撤销' }),
          status: 404,
        },
        {
          what: "recording one of that body's scheme",
          as,
          method: 'post',
          path: () => `/v1/learners/${w.learner.id}/certificates`,
          body: () => ({
            schemeId: w.schemeX,
            level: 'SENIOR',
            certificateNo: marker('FAKE'),
            issuedAt: '2025-01-01',
          }),
          status: 404,
        },
      ],
      () => secretsOf(w.learner),
    );

    it('leaves the certificate ACTIVE on the account', async () => {
      const account = await t
        .http()
        .get(`/v1/learners/${w.learner.id}/account`)
        .set(bearer(w.tokens.admin))
        .expect(200);
      const certificate = (account.body.certificates as { id: string; status: string }[]).find(
        (entry) => entry.id === w.learner.certificateEntry,
      );
      expect(certificate?.status).toBe('ACTIVE');
    });
  });

  describe('oversized and malformed requests are refused early with a problem', () => {
    const problemOf = (response: {
      status: number;
      headers: Record<string, string>;
      body: string;
    }) => ({
      status: response.status,
      type: response.headers['content-type'].split(';')[0],
      code: (JSON.parse(response.body) as { code: string }).code,
    });

    it('answers 413 from Content-Length alone, before the body is sent', async () => {
      const before = await tableCounts(t.superuser);
      const client = await openRaw(
        port,
        `POST /v1/learners HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${w.tokens.admin}\r\nContent-Type: application/json\r\nContent-Length: 52428800\r\n\r\n{"name":`,
      );
      const response = await within(client.response, 10_000, '413 before the body');
      expect(problemOf(response)).toEqual({
        status: 413,
        type: 'application/problem+json',
        code: 'REQUEST.BODY_TOO_LARGE',
      });
      client.socket.destroy();
      expect(changedTables(before, await tableCounts(t.superuser))).toEqual([]);
    });

    it('answers 413 to a chunked body that grows past the limit', async () => {
      const client = await openRaw(
        port,
        `POST /v1/learners HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${w.tokens.admin}\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n`,
      );
      const chunk = 'x'.repeat(16 * 1024);
      // Keep sending until the server answers: it must do so once the limit is passed, not at the end.
      let sent = 0;
      const pump = setInterval(() => {
        if (client.socket.writable && sent < 4 * 1024 * 1024) {
          client.socket.write(`${chunk.length.toString(16)}\r\n${chunk}\r\n`);
          sent += chunk.length;
        }
      }, 5);
      try {
        const response = await within(client.response, 10_000, '413 for a chunked body');
        expect(problemOf(response)).toEqual({
          status: 413,
          type: 'application/problem+json',
          code: 'REQUEST.BODY_TOO_LARGE',
        });
        expect(sent).toBeLessThan(4 * 1024 * 1024);
      } finally {
        clearInterval(pump);
        client.socket.destroy();
      }
    });

    it.each([
      [
        'a 20,000-character path',
        (): string => `/v1/learners/${'a'.repeat(20_000)}/account`,
        431,
        'REQUEST.HEADERS_TOO_LARGE',
      ],
      [
        'a 20,000-character query string',
        (): string => `/v1/learners/${w.learner.id}/entries?cursor=${'c'.repeat(20_000)}`,
        431,
        'REQUEST.HEADERS_TOO_LARGE',
      ],
      [
        'a 12,000-character query value (under the header limit)',
        (): string => `/v1/learners/${w.learner.id}/entries?cursor=${'c'.repeat(12_000)}`,
        422,
        'VALIDATION_FAILED',
      ],
      [
        '2,000 unknown query parameters',
        (): string =>
          `/v1/learners/${w.learner.id}/entries?${Array.from({ length: 2_000 }, (_, i) => `p${i}=1`).join('&')}`,
        422,
        'VALIDATION_FAILED',
      ],
      [
        'a 300-character path segment',
        (): string => `/v1/learners/${'b'.repeat(300)}/account`,
        414,
        'REQUEST.URI_TOO_LONG',
      ],
      ['a broken percent-escape', (): string => `/v1/learners/%zz/account`, 400, 'REQUEST.BAD_URL'],
    ] as const)('refuses %s', async (_, path, status, code) => {
      const response = await request(server).get(path()).set(bearer(w.tokens.learner));
      expect({
        status: response.status,
        type: response.headers['content-type'],
        code: (JSON.parse(response.text) as { code: string }).code,
      }).toEqual({
        status,
        type: expect.stringContaining('application/problem+json'),
        code,
      });
    });

    it('answers bytes that are not HTTP with a 400 problem and closes the connection', async () => {
      const client = await openRaw(port, '\u0016\u0003\u0001 not http at all\r\n\r\n');
      expect(problemOf(await within(client.response, 10_000, '400'))).toEqual({
        status: 400,
        type: 'application/problem+json',
        code: 'REQUEST.BAD',
      });
      await within(client.closed, 10_000, 'closed after a 400');
    });

    it('refuses 20 KB of headers with a 431 problem', async () => {
      const client = await openRaw(
        port,
        `GET /health/live HTTP/1.1\r\nHost: x\r\nX-Padding: ${'p'.repeat(20_000)}\r\n\r\n`,
      );
      expect(problemOf(await within(client.response, 10_000, '431'))).toEqual({
        status: 431,
        type: 'application/problem+json',
        code: 'REQUEST.HEADERS_TOO_LARGE',
      });
    });

    it('refuses JSON nested 10,000 deep with a 400 problem instead of exhausting the stack (a 500 before)', async () => {
      const before = await tableCounts(t.superuser);
      const response = await request(server)
        .post(`/v1/entries/${w.learner.creditEntry}/reversal`)
        .set(bearer(w.tokens.registrarA))
        .set('content-type', 'application/json')
        .send(`${'{"a":'.repeat(10_000)}1${'}'.repeat(10_000)}`);
      expect({ status: response.status, code: response.body.code }).toEqual({
        status: 400,
        code: 'REQUEST.JSON_TOO_DEEP',
      });
      expect(changedTables(before, await tableCounts(t.superuser))).toEqual([]);
    });
  });

  describe('slow and dropped clients', () => {
    const stalled: RawExchange[] = [];

    afterAll(() => {
      for (const client of stalled) client.socket.destroy();
    });

    it('has timeouts that close stalled sockets (Fastify would otherwise keep them for ever)', () => {
      expect({
        requestTimeout: server.requestTimeout,
        headersTimeout: server.headersTimeout,
        connectionTimeout: server.timeout,
        keepAliveTimeout: server.keepAliveTimeout,
      }).toEqual({
        requestTimeout: HTTP_TIMEOUTS.requestTimeout,
        headersTimeout: HTTP_TIMEOUTS.headersTimeout,
        connectionTimeout: HTTP_TIMEOUTS.connectionTimeout,
        keepAliveTimeout: HTTP_TIMEOUTS.keepAliveTimeout,
      });
      for (const value of Object.values(HTTP_TIMEOUTS)) expect(value).toBeGreaterThan(0);
    });

    it('keeps answering others while 60 clients stall half-way or drop', async () => {
      const half = [
        '',
        'GET /v1/auth/me HTTP/1.1\r\nHost: x\r\nAuthor',
        `POST /v1/learners HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${w.tokens.admin}\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{"name":"`,
      ];
      for (let index = 0; index < 60; index++)
        stalled.push(await openRaw(port, half[index % half.length]));
      // Clients that send a whole write and vanish before the answer.
      for (let index = 0; index < 10; index++) {
        const body = JSON.stringify({ name: '掉线', idType: 'PASSPORT', idNumber: marker('E') });
        const dropped = await openRaw(
          port,
          `POST /v1/learners HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${w.tokens.admin}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
        );
        dropped.socket.destroy();
      }
      const normal = await Promise.all(
        Array.from({ length: 10 }, (_, index) =>
          index % 2
            ? request(server).get('/v1/auth/me').set(bearer(w.tokens.learner))
            : request(server)
                .get(`/v1/learners/${w.learner.id}/account`)
                .set(bearer(w.tokens.learner)),
        ),
      );
      expect(normal.map((response) => response.status)).toEqual(Array(10).fill(200));
      const write = await request(server)
        .post(`/v1/learners/${w.learner.id}/course-credits`)
        .set(bearer(w.tokens.registrarA))
        .send({ courseId: w.courseA, term: '2022-2023-1', score: 30, completedAt: '2023-01-10' });
      expect(write.status).toBe(201);
      expect(stalled.filter((client) => client.socket.destroyed)).toHaveLength(0);
    });

    it('closes the stalled sockets itself once the limits pass, answering 408 problem+json', async () => {
      // The limits are lowered on the live server for this test only, so it takes seconds, not 30 s;
      // Node checks them every HTTP_TIMEOUTS.connectionsCheckingInterval.
      const saved = { request: server.requestTimeout, headers: server.headersTimeout };
      server.headersTimeout = 500;
      server.requestTimeout = 1_000;
      try {
        await within(
          Promise.all(stalled.map((client) => client.closed)),
          HTTP_TIMEOUTS.connectionsCheckingInterval * 4 + 2_000,
          'stalled sockets closed by the server',
        );
      } finally {
        server.headersTimeout = saved.headers;
        server.requestTimeout = saved.request;
      }
      // Every one of them, even those that never sent a byte, is answered 408 problem+json, then closed.
      const answers = stalled.map((client) => {
        const text = client.received();
        return `${text.split('\r\n')[0]} ${/content-type: ([^;\r]+)/i.exec(text)?.[1]} ${/"code":"([^"]+)"/.exec(text)?.[1]}`;
      });
      expect(new Set(answers)).toEqual(
        new Set(['HTTP/1.1 408 Request Timeout application/problem+json REQUEST.TIMEOUT']),
      );
      await request(server).get('/health/live').expect(200);
    }, 30_000);
  });
});
