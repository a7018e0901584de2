import { Role } from '@app/core';
import { aCertificationBody, aLearner, anInstitution, bearer } from '../support/factories';
import { waitForAuditCaughtUp } from '../support/audit-helpers';
import { auditTuning } from '../support/audit-tuning';
import { changedTables, tableCounts } from '../support/table-counts';
import { createTestApp, TestApp } from '../support/test-app';

type Body = Record<string, unknown>;

const PASSWORD = 'lan-river-tea-7134';

/**
 * What an administrator does with logins, and what a person does with their own: each change
 * is one audited write, and a token stops working on the very next request once its login is
 * disabled, changed, reset, or signs out. TOKEN_CHECK_CACHE_MS keeps its default here (2 s):
 * the process that makes a change must see it at once, cache or not.
 */
describe('people an admin can manage', () => {
  let t: TestApp;
  let admin: string;
  let school: string;
  let otherSchool: string;
  let body: string;
  let learner: string;

  const get = (token: string, path: string) => t.http().get(path).set(bearer(token));
  const post = (token: string, path: string, payload: object = {}) =>
    t.http().post(path).set(bearer(token)).send(payload);
  const patch = (token: string, id: string, payload: object) =>
    t.http().patch(`/v1/users/${id}`).set(bearer(token)).send(payload);
  const login = (username: string, password: string) =>
    t.http().post('/v1/auth/login').send({ username, password });

  let counter = 0;
  /** A login made over the API (so it has its user.created event), and a token for it. */
  const aLogin = async (
    role: Role,
    scope: object = {},
    extra: object = {},
  ): Promise<{ id: string; username: string; token: string }> => {
    counter += 1;
    const username = `${role.toLowerCase()}.${counter}.${process.pid}`;
    const created = await post(admin, '/v1/users', {
      username,
      password: PASSWORD,
      role,
      ...scope,
      ...extra,
    });
    expect(created.status).toBe(201);
    const token = (await login(username, PASSWORD).expect(200)).body.accessToken as string;
    return { id: created.body.id as string, username, token };
  };

  const eventsOf = async (userId: string): Promise<{ type: string; payload: Body }[]> =>
    t.superuser.query(
      `SELECT event_type AS type, payload FROM outbox_events
        WHERE payload->'changes' @> jsonb_build_array(jsonb_build_object('id', $1::text))
        ORDER BY id`,
      [userId],
    );

  /** Row counts once the worker has appended what is pending, so only the request under test moves them. */
  const settledCounts = async () => {
    await waitForAuditCaughtUp(t.dataSource);
    return tableCounts(t.superuser);
  };

  const storedState = async (userId: string): Promise<Body> => {
    const events = await eventsOf(userId);
    const last = events[events.length - 1].payload as { changes: { state: Body }[] };
    return last.changes[0].state;
  };

  beforeAll(async () => {
    t = await createTestApp('users admin', {
      withWorker: true,
      modules: [auditTuning({ treeHeadEveryMs: 3_600_000 })],
    });
    admin = await t.tokenFor(Role.ADMIN);
    school = await anInstitution(t, { name: '湖南示范职业技术学院' });
    otherSchool = await anInstitution(t, { name: '长沙中等职业学校' });
    body = await aCertificationBody(t, { name: '工业和信息化部教育与考试中心' });
    learner = await aLearner(t, { name: '王芳' });
  }, 120_000);

  afterAll(async () => {
    await t?.close();
  }, 60_000);

  describe('listing and reading', () => {
    let registrar: { id: string; username: string };
    let examiner: { id: string; username: string };
    let learnerLogin: { id: string; username: string };

    beforeAll(async () => {
      registrar = await aLogin(
        Role.REGISTRAR,
        { institutionId: school },
        { displayName: '李老师' },
      );
      examiner = await aLogin(Role.EXAMINER, { certificationBodyId: body });
      learnerLogin = await aLogin(Role.LEARNER, { learnerId: learner });
    });

    it('names each login’s scope in words, and its display name', async () => {
      const response = await get(admin, `/v1/users/${registrar.id}`).expect(200);
      expect(response.body).toEqual({
        id: registrar.id,
        username: registrar.username,
        displayName: '李老师',
        role: 'REGISTRAR',
        institutionId: school,
        certificationBodyId: null,
        learnerId: null,
        scopeName: '湖南示范职业技术学院',
        disabled: false,
        disabledAt: null,
        passwordChangeRequired: false,
        createdAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      });
      expect((await get(admin, `/v1/users/${examiner.id}`).expect(200)).body.scopeName).toBe(
        '工业和信息化部教育与考试中心',
      );
      expect((await get(admin, `/v1/users/${learnerLogin.id}`).expect(200)).body.scopeName).toBe(
        '王芳',
      );
    });

    it('filters by role, institution, body and part of the username or display name', async () => {
      const ids = async (query: string) =>
        ((await get(admin, `/v1/users?${query}`).expect(200)).body.items as Body[]).map(
          (item) => item.id,
        );
      expect(await ids('role=EXAMINER')).toEqual([examiner.id]);
      expect(await ids(`institutionId=${school}`)).toEqual([registrar.id]);
      expect(await ids(`certificationBodyId=${body}`)).toEqual([examiner.id]);
      expect(await ids(`q=${encodeURIComponent('李老')}`)).toEqual([registrar.id]);
      expect(await ids(`q=${encodeURIComponent(learnerLogin.username.toUpperCase())}`)).toEqual([
        learnerLogin.id,
      ]);
      // `%` and `_` are themselves in a search, not wildcards.
      expect(await ids('q=%25')).toEqual([]);
    });

    it('pages through every login in username order, each once', async () => {
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const query: string = cursor ? `&cursor=${cursor}` : '';
        const page = (await get(admin, `/v1/users?limit=2${query}`).expect(200)).body as {
          items: Body[];
          nextCursor: string | null;
        };
        expect(page.items.length).toBeLessThanOrEqual(2);
        seen.push(...page.items.map((item) => item.username as string));
        cursor = page.nextCursor;
      } while (cursor);
      const rows: { username: string }[] = await t.dataSource.query(
        'SELECT username FROM users ORDER BY lower(username)',
      );
      expect(seen).toEqual(rows.map((row) => row.username));
    });

    it('refuses a cursor it did not issue (422)', async () => {
      const response = await get(admin, '/v1/users?cursor=not-ours').expect(422);
      expect(response.body.errors).toMatchObject([
        { field: 'cursor', message: 'cursor is not one this API issued' },
      ]);
    });

    it('answers 404 for an unknown user and 403 for anyone but an admin', async () => {
      const unknown = '00000000-0000-4000-8000-000000000000';
      expect((await get(admin, `/v1/users/${unknown}`).expect(404)).body.code).toBe(
        'USERS.NOT_FOUND',
      );
      expect((await patch(admin, unknown, { displayName: 'x' }).expect(404)).body.code).toBe(
        'USERS.NOT_FOUND',
      );
      expect((await post(admin, `/v1/users/${unknown}/password-reset`).expect(404)).body.code).toBe(
        'USERS.NOT_FOUND',
      );
      const registrarToken = (await login(registrar.username, PASSWORD).expect(200)).body
        .accessToken as string;
      for (const response of [
        await get(registrarToken, '/v1/users'),
        await get(registrarToken, `/v1/users/${examiner.id}`),
        await patch(registrarToken, examiner.id, { disabled: true }),
        await post(registrarToken, `/v1/users/${examiner.id}/password-reset`),
      ]) {
        expect({ status: response.status, code: response.body.code }).toEqual({
          status: 403,
          code: 'AUTH.FORBIDDEN',
        });
      }
      expect((await get(admin, `/v1/users/${examiner.id}`).expect(200)).body.disabled).toBe(false);
    });
  });

  describe('disabling and enabling', () => {
    it('refuses a disabled login’s token on its next request and its sign-in, until enabled', async () => {
      const registrar = await aLogin(Role.REGISTRAR, { institutionId: school });
      await get(registrar.token, '/v1/auth/me').expect(200);

      const disabled = await patch(admin, registrar.id, { disabled: true }).expect(200);
      expect(disabled.body).toMatchObject({ disabled: true, disabledAt: expect.any(String) });

      const refused = await get(registrar.token, '/v1/auth/me');
      expect({ status: refused.status, code: refused.body.code }).toEqual({
        status: 401,
        code: 'AUTH.ACCOUNT_DISABLED',
      });
      const signIn = await login(registrar.username, PASSWORD);
      expect({ status: signIn.status, code: signIn.body.code }).toEqual({
        status: 401,
        code: 'AUTH.ACCOUNT_DISABLED',
      });
      // A wrong password learns nothing about the login.
      expect((await login(registrar.username, 'not-the-password').expect(401)).body.code).toBe(
        'AUTH.INVALID_CREDENTIALS',
      );

      await patch(admin, registrar.id, { disabled: false }).expect(200);
      // The token from before stays ended: enabling does not revive it.
      expect((await get(registrar.token, '/v1/auth/me').expect(401)).body.code).toBe(
        'AUTH.TOKEN_REVOKED',
      );
      const fresh = (await login(registrar.username, PASSWORD).expect(200)).body.accessToken;
      await get(fresh as string, '/v1/auth/me').expect(200);

      expect((await eventsOf(registrar.id)).map((event) => event.type)).toEqual([
        'user.created',
        'user.disabled',
        'user.changed',
      ]);
      const [, disabledEvent, enabledEvent] = await eventsOf(registrar.id);
      expect(disabledEvent.payload).toMatchObject({
        actor: { role: 'ADMIN' },
        changes: [{ kind: 'user', id: registrar.id, state: { disabledAt: expect.any(String) } }],
      });
      expect(enabledEvent.payload.details).toEqual({ fields: ['disabled'] });
      expect(
        (enabledEvent.payload as { changes: { state: Body }[] }).changes[0].state,
      ).not.toHaveProperty('disabledAt');
    });

    it('keeps the last enabled admin (409), writing nothing', async () => {
      const admins: { id: string }[] = await t.dataSource.query(
        `SELECT id::text AS id FROM users WHERE role = 'ADMIN' AND disabled_at IS NULL`,
      );
      expect(admins).toHaveLength(1);
      const before = await settledCounts();
      for (const change of [{ disabled: true }, { role: 'REGISTRAR', institutionId: school }]) {
        const response = await patch(admin, admins[0].id, change);
        expect({ status: response.status, code: response.body.code }).toEqual({
          status: 409,
          code: 'USERS.LAST_ADMIN',
        });
      }
      expect(changedTables(before, await settledCounts())).toEqual([]);
      await get(admin, '/v1/auth/me').expect(200);
    });
  });

  describe('changing role, scope and display name', () => {
    it('a scope change takes effect on the next request: the old token is refused, a new one carries the new scope', async () => {
      const registrar = await aLogin(Role.REGISTRAR, { institutionId: school });
      const changed = await patch(admin, registrar.id, { institutionId: otherSchool }).expect(200);
      expect(changed.body).toMatchObject({
        institutionId: otherSchool,
        scopeName: '长沙中等职业学校',
      });
      const refused = await get(registrar.token, '/v1/auth/me');
      expect({ status: refused.status, code: refused.body.code }).toEqual({
        status: 401,
        code: 'AUTH.TOKEN_REVOKED',
      });
      const token = (await login(registrar.username, PASSWORD).expect(200)).body.accessToken;
      expect((await get(token as string, '/v1/auth/me').expect(200)).body.institutionId).toBe(
        otherSchool,
      );
      const [, event] = await eventsOf(registrar.id);
      expect({ type: event.type, details: event.payload.details }).toEqual({
        type: 'user.changed',
        details: { fields: ['institutionId'] },
      });
    });

    it('a new role takes exactly the scope given, by the rules of creation', async () => {
      const registrar = await aLogin(Role.REGISTRAR, { institutionId: school });
      const missing = await patch(admin, registrar.id, { role: 'EXAMINER' }).expect(422);
      expect(missing.body.errors).toMatchObject([
        { field: 'certificationBodyId', message: 'role EXAMINER needs certificationBodyId' },
      ]);
      const unknownBody = await patch(admin, registrar.id, {
        role: 'EXAMINER',
        certificationBodyId: '00000000-0000-4000-8000-000000000000',
      }).expect(422);
      expect(unknownBody.body.errors).toMatchObject([
        {
          field: 'certificationBodyId',
          message: 'certificationBodyId must name an existing certification body',
        },
      ]);
      const examiner = await patch(admin, registrar.id, {
        role: 'EXAMINER',
        certificationBodyId: body,
      }).expect(200);
      expect(examiner.body).toMatchObject({
        role: 'EXAMINER',
        institutionId: null,
        certificationBodyId: body,
        scopeName: '工业和信息化部教育与考试中心',
      });
      expect((await eventsOf(registrar.id)).map((event) => event.type)).toEqual([
        'user.created',
        'user.changed',
      ]);
    });

    it('a refused change writes nothing and leaves the token working', async () => {
      const registrar = await aLogin(Role.REGISTRAR, { institutionId: school });
      const before = await settledCounts();
      const stateBefore = await storedState(registrar.id);
      for (const change of [
        { institutionId: '00000000-0000-4000-8000-000000000000' },
        { role: 'ADMIN', institutionId: school },
        { displayName: '   ' },
        { disabled: 'yes' },
        { role: null },
      ]) {
        expect((await patch(admin, registrar.id, change)).status).toBe(422);
      }
      expect(changedTables(before, await settledCounts())).toEqual([]);
      expect(await storedState(registrar.id)).toEqual(stateBefore);
      await get(registrar.token, '/v1/auth/me').expect(200);
    });

    it('a display name change keeps the tokens, and names the person in the views', async () => {
      const registrar = await aLogin(Role.REGISTRAR, { institutionId: school });
      const changed = await patch(admin, registrar.id, { displayName: '张老师' }).expect(200);
      expect(changed.body.displayName).toBe('张老师');
      await get(registrar.token, '/v1/auth/me').expect(200);
      expect((await storedState(registrar.id)).displayName).toBe('张老师');
      const cleared = await patch(admin, registrar.id, { displayName: null }).expect(200);
      expect(cleared.body.displayName).toBeNull();
      // The same value again changes nothing and writes nothing.
      const before = (await eventsOf(registrar.id)).length;
      await patch(admin, registrar.id, { displayName: null }).expect(200);
      expect(await eventsOf(registrar.id)).toHaveLength(before);
    });
  });

  describe('passwords', () => {
    it.each([
      ['password1234', 'AUTH.PASSWORD_TOO_COMMON', /^password is one of the most common passwords/],
      [
        'Sunshine2026!',
        'AUTH.PASSWORD_TOO_COMMON',
        /^password is one of the most common passwords/,
      ],
      ['aaaaaaaaaaaaaa', 'AUTH.PASSWORD_TOO_PREDICTABLE', /^password is one character repeated/],
    ])(
      'refuses to create a login with %s (%s), writing nothing',
      async (password, code, message) => {
        const before = await settledCounts();
        const response = await post(admin, '/v1/users', {
          username: `weak.${counter++}`,
          password,
          role: 'ADMIN',
        });
        expect({ status: response.status, code: response.body.code }).toEqual({
          status: 422,
          code,
        });
        expect(response.body.errors).toMatchObject([
          { field: 'password', message: expect.stringMatching(message) },
        ]);
        expect(changedTables(before, await settledCounts())).toEqual([]);
      },
    );

    it('refuses a password that contains the username', async () => {
      const response = await post(admin, '/v1/users', {
        username: 'zhao.lei',
        password: 'Zhao.Lei-secret-2026',
        role: 'ADMIN',
      });
      expect({ status: response.status, code: response.body.code }).toEqual({
        status: 422,
        code: 'AUTH.PASSWORD_CONTAINS_USERNAME',
      });
    });

    it('an admin’s reset ends the tokens and hands out a temporary password that must be replaced first', async () => {
      const registrar = await aLogin(Role.REGISTRAR, { institutionId: school });
      const reset = await post(admin, `/v1/users/${registrar.id}/password-reset`).expect(200);
      expect(reset.headers['cache-control']).toBe('no-store');
      const temporary = reset.body.temporaryPassword as string;
      expect(temporary).toMatch(/^[A-Z2-9]{4}(-[A-Z2-9]{4}){3}$/);
      expect((await get(registrar.token, '/v1/auth/me').expect(401)).body.code).toBe(
        'AUTH.TOKEN_REVOKED',
      );
      await login(registrar.username, PASSWORD).expect(401);

      const restricted = (await login(registrar.username, temporary).expect(200)).body
        .accessToken as string;
      expect((await get(restricted, '/v1/auth/me').expect(200)).body.passwordChangeRequired).toBe(
        true,
      );
      const blocked = await get(restricted, `/v1/institutions/${school}`);
      expect({ status: blocked.status, code: blocked.body.code }).toEqual({
        status: 403,
        code: 'AUTH.PASSWORD_CHANGE_REQUIRED',
      });

      const weak = await post(restricted, '/v1/auth/password', {
        currentPassword: temporary,
        newPassword: 'password1234',
      });
      expect({ status: weak.status, code: weak.body.code, errors: weak.body.errors }).toEqual({
        status: 422,
        code: 'AUTH.PASSWORD_TOO_COMMON',
        errors: [
          {
            field: 'newPassword',
            code: expect.any(String),
            message: expect.stringMatching(/^newPassword is one of the most common passwords/),
          },
        ],
      });
      const changed = await post(restricted, '/v1/auth/password', {
        currentPassword: temporary,
        newPassword: 'quiet-harbour-lantern-58',
      }).expect(200);
      const token = changed.body.accessToken as string;
      expect((await get(token, '/v1/auth/me').expect(200)).body.passwordChangeRequired).toBe(false);
      await get(token, `/v1/institutions/${school}`).expect(200);
      await get(restricted, '/v1/auth/me').expect(401);
      await login(registrar.username, 'quiet-harbour-lantern-58').expect(200);

      const events = await eventsOf(registrar.id);
      expect(events.map((event) => event.type)).toEqual([
        'user.created',
        'user.password_reset',
        'user.changed',
      ]);
      const states = events.map(
        (event) => (event.payload as { changes: { state: Body }[] }).changes[0].state,
      );
      expect(states[1]).toMatchObject({ passwordChangeRequired: true, tokenVersion: 2 });
      expect(states[2]).not.toHaveProperty('passwordChangeRequired');
      expect(new Set(states.map((state) => state.passwordHashSha256)).size).toBe(3);
      expect(events[2].payload.details).toEqual({ fields: ['password', 'passwordChangeRequired'] });
    });

    it('a person changes their own password only with the current one, and gets a new token', async () => {
      const examiner = await aLogin(Role.EXAMINER, { certificationBodyId: body });
      const before = await settledCounts();
      const wrong = await post(examiner.token, '/v1/auth/password', {
        currentPassword: 'not-my-password',
        newPassword: 'quiet-harbour-lantern-58',
      });
      expect({ status: wrong.status, code: wrong.body.code }).toEqual({
        status: 422,
        code: 'AUTH.CURRENT_PASSWORD_WRONG',
      });
      const same = await post(examiner.token, '/v1/auth/password', {
        currentPassword: PASSWORD,
        newPassword: PASSWORD,
      });
      expect(same.body.code).toBe('AUTH.PASSWORD_UNCHANGED');
      const named = await post(examiner.token, '/v1/auth/password', {
        currentPassword: PASSWORD,
        newPassword: `${examiner.username}-x`,
      });
      expect(named.body.code).toBe('AUTH.PASSWORD_CONTAINS_USERNAME');
      expect(changedTables(before, await settledCounts())).toEqual([]);
      await get(examiner.token, '/v1/auth/me').expect(200);

      const changed = await post(examiner.token, '/v1/auth/password', {
        currentPassword: PASSWORD,
        newPassword: 'amber-kite-orchard-93',
      }).expect(200);
      await get(changed.body.accessToken as string, '/v1/auth/me').expect(200);
      expect((await get(examiner.token, '/v1/auth/me').expect(401)).body.code).toBe(
        'AUTH.TOKEN_REVOKED',
      );
      await login(examiner.username, PASSWORD).expect(401);
      await login(examiner.username, 'amber-kite-orchard-93').expect(200);
    });
  });

  describe('signing out', () => {
    it('ends the token (and the login’s other tokens) at once', async () => {
      const learnerLogin = await aLogin(Role.LEARNER, { learnerId: await aLearner(t) });
      const second = (await login(learnerLogin.username, PASSWORD).expect(200)).body
        .accessToken as string;
      await post(learnerLogin.token, '/v1/auth/logout').expect(204);
      for (const token of [learnerLogin.token, second]) {
        const response = await get(token, '/v1/auth/me');
        expect({ status: response.status, code: response.body.code }).toEqual({
          status: 401,
          code: 'AUTH.TOKEN_REVOKED',
        });
      }
      await login(learnerLogin.username, PASSWORD).expect(200);
      const [, event] = await eventsOf(learnerLogin.id);
      expect({ type: event.type, details: event.payload.details }).toEqual({
        type: 'user.changed',
        details: { fields: ['tokenVersion'] },
      });
    });
  });

  describe('the audit log', () => {
    const verify = async () => {
      await waitForAuditCaughtUp(t.dataSource);
      return (await get(admin, '/v1/audit/verify').expect(200)).body as Body;
    };

    it('holds every login as stored, after every kind of change above', async () => {
      const report = await verify();
      const users = (report.tables as { code: string; rows: number; audited: number }[]).find(
        (table) => table.code === 'USER',
      );
      expect(report.problems).toEqual([]);
      expect(users).toEqual(expect.objectContaining({ pending: 0, problems: 0 }));
      expect(users!.audited).toBe(users!.rows);
    });

    it('names a token version set back in the database (which would revive ended tokens)', async () => {
      const [row]: { id: string }[] = await t.dataSource.query(
        'SELECT id::text AS id FROM users WHERE token_version > 1 ORDER BY id LIMIT 1',
      );
      await t.superuser.query('UPDATE users SET token_version = 1 WHERE id = $1', [row.id]);
      const report = await verify();
      const problems = report.problems as { code: string; detail: string }[];
      expect(problems.map((problem) => problem.code)).toEqual(['USER_ROW_MODIFIED']);
      expect(problems[0].detail).toContain(`user ${row.id}`);
      expect(problems[0].detail).toContain('tokenVersion');
    });
  });
});
