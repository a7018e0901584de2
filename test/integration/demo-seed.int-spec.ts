import {
  DEMO_BODIES,
  DEMO_CERTIFICATES,
  DEMO_LEARNERS,
  DEMO_LOGINS,
  DEMO_OUTCOMES,
  DEMO_SCHOOLS,
  DemoSeedResult,
  formatDemoLogins,
  seedDemo,
} from '@app/demo';
import { bearer } from '../support/factories';
import { unnamedIds } from '../support/unnamed-ids';
import { CATALOG_TABLES, rowCounts } from '../support/table-counts';
import { createTestApp, TestApp } from '../support/test-app';

/** The Hunan 免修 pair, a 免试 rule and a 学分互认 rule. */
const DEMO_RULE_COUNT = 4;

const TABLES = [
  ...CATALOG_TABLES,
  'learners',
  'users',
  'ledger_entries',
  'outbox_events',
  'idempotency_records',
];

describe('demo seed', () => {
  let t: TestApp;
  let first: DemoSeedResult;

  beforeAll(async () => {
    t = await createTestApp('demo_seed');
    first = await seedDemo(t.app);
  }, 120_000);

  afterAll(async () => {
    await t?.close();
  }, 60_000);

  it('writes the real certificates and bodies, each scheme with three levels of two components', async () => {
    const counts = await rowCounts(t, TABLES);
    expect(counts).toMatchObject({
      certification_bodies: DEMO_BODIES.length,
      certificate_schemes: DEMO_CERTIFICATES.length,
      scheme_levels: DEMO_CERTIFICATES.length * 3,
      level_components: DEMO_CERTIFICATES.length * 6,
    });
    expect(DEMO_BODIES).toHaveLength(15);
    expect(DEMO_CERTIFICATES).toHaveLength(16);
    const web = await t.dataSource.query(
      `SELECT b.name AS body, l.level, l.recognised_credits::text AS credits, array_agg(c.code ORDER BY c.code) AS components
       FROM certificate_schemes s JOIN certification_bodies b ON b.id = s.certification_body_id
       JOIN scheme_levels l ON l.scheme_id = s.id JOIN level_components c ON c.scheme_level_id = l.id
       WHERE s.code = 'X-WEB-FE' GROUP BY b.name, l.level, l.recognised_credits ORDER BY l.recognised_credits`,
    );
    expect(web).toEqual([
      {
        body: '工业和信息化部教育与考试中心',
        level: 'JUNIOR',
        credits: '4.00',
        components: ['PRACTICAL', 'THEORY'],
      },
      {
        body: '工业和信息化部教育与考试中心',
        level: 'INTERMEDIATE',
        credits: '6.00',
        components: ['PRACTICAL', 'THEORY'],
      },
      {
        body: '工业和信息化部教育与考试中心',
        level: 'SENIOR',
        credits: '8.00',
        components: ['PRACTICAL', 'THEORY'],
      },
    ]);
  });

  it('writes a secondary and a higher vocational school with programs and courses in every category', async () => {
    const schools = await t.dataSource.query(
      `SELECT i.kind, count(DISTINCT c.category)::int AS categories, count(DISTINCT p.id)::int AS programs
       FROM institutions i JOIN courses c ON c.institution_id = i.id JOIN programs p ON p.institution_id = i.id
       GROUP BY i.kind ORDER BY i.kind`,
    );
    expect(schools).toEqual([
      { kind: 'HIGHER_VOCATIONAL', categories: 5, programs: 2 },
      { kind: 'SECONDARY_VOCATIONAL', categories: 5, programs: 2 },
    ]);
    const [software] = await t.dataSource.query(
      `SELECT total_credits::text AS total, max_exempt_credits::text AS cap FROM programs WHERE id = $1`,
      [first.refs!.programs['510203']],
    );
    expect(software).toEqual({ total: '140.00', cap: '20.00' });
    const courses = DEMO_SCHOOLS.flatMap((school) => school.courses);
    expect(Object.keys(first.refs!.courses).sort()).toEqual(
      courses.map((course) => course.code).sort(),
    );
    for (const code of [...first.refs!.webFrontEnd.foundation, ...first.refs!.webFrontEnd.core]) {
      expect(first.refs!.courses[code]).toEqual(expect.any(String));
    }
  });

  it('creates a login for every role, opens the learners and records their outcomes with outbox events', async () => {
    expect(first).toMatchObject({ seeded: true, outcomesRecorded: DEMO_OUTCOMES.length });
    const roles = await t.dataSource.query(
      `SELECT role, count(*)::int AS n FROM users WHERE username LIKE 'demo-%' GROUP BY role ORDER BY role`,
    );
    expect(roles).toEqual([
      { role: 'ADMIN', n: 1 },
      { role: 'EXAMINER', n: 1 },
      { role: 'LEARNER', n: 2 },
      { role: 'REGISTRAR', n: 2 },
    ]);
    const counts = await rowCounts(t, TABLES);
    expect(counts.learners).toBe(DEMO_LEARNERS.length);
    expect(counts.ledger_entries).toBe(DEMO_OUTCOMES.length);
    const [events] = await t.dataSource.query(
      `SELECT count(*)::int AS n FROM outbox_events WHERE event_type = 'ledger.entry.recorded'`,
    );
    expect(events.n).toBe(DEMO_OUTCOMES.length);
    const kinds = await t.dataSource.query(
      `SELECT kind, count(*)::int AS n FROM ledger_entries GROUP BY kind ORDER BY kind`,
    );
    expect(kinds).toEqual([
      { kind: 'CERTIFICATE', n: 4 },
      { kind: 'COURSE_CREDIT', n: 13 },
      { kind: 'DIPLOMA', n: 1 },
    ]);
    const [failed] = await t.dataSource.query(
      `SELECT count(*)::int AS n FROM ledger_entries WHERE kind = 'COURSE_CREDIT' AND NOT passed`,
    );
    expect(failed.n).toBe(1);
    const rows: { id_number_encrypted: string; opened_by_institution_id: string | null }[] =
      await t.dataSource.query(
        `SELECT id_number_encrypted, opened_by_institution_id FROM learners`,
      );
    for (const learner of DEMO_LEARNERS) {
      expect(JSON.stringify(rows)).not.toContain(learner.idNumber);
    }
    expect(rows.filter((row) => row.opened_by_institution_id !== null)).toHaveLength(3);
  });

  it('lets the printed logins sign in, and a demo learner see their own account', async () => {
    const printed = formatDemoLogins(first.logins);
    for (const login of DEMO_LOGINS) {
      expect(printed).toContain(login.username);
      expect(printed).toContain(login.password);
      await t
        .http()
        .post('/v1/auth/login')
        .send({ username: login.username, password: login.password })
        .expect(200);
    }
    const learner = DEMO_LOGINS.find((login) => login.username === 'demo-learner-1')!;
    const login = { username: learner.username, password: learner.password };
    const token = (await t.http().post('/v1/auth/login').send(login).expect(200)).body.accessToken;
    const account = await t.http().get('/v1/me/account').set(bearer(token)).expect(200);
    expect(account.body.learner.id).toBe(first.refs!.learners.zhangWei);
    expect(account.body.certificates).toHaveLength(1);
  });

  it('walks a registrar’s day by names: finds a student on the roster, records a credit by course code, reads an account with no id to resolve', async () => {
    const registrar = DEMO_LOGINS.find((login) => login.username === 'demo-registrar-hvc')!;
    const token = (
      await t
        .http()
        .post('/v1/auth/login')
        .send({ username: registrar.username, password: registrar.password })
        .expect(200)
    ).body.accessToken;
    const me = (await t.http().get('/v1/auth/me').set(bearer(token)).expect(200)).body;
    expect(me).toMatchObject({ displayName: '教务处 刘敏', scopeName: '湖南示范信息职业技术学院' });
    const roster = await t
      .http()
      .get(`/v1/institutions/${me.institutionId}/learners`)
      .query({ q: '张' })
      .set(bearer(token))
      .expect(200);
    expect(roster.body.items).toEqual([
      expect.objectContaining({
        name: '张伟',
        studentNo: '2023510203137',
        program: expect.objectContaining({ code: '510203', name: '软件技术' }),
        status: 'ACTIVE',
      }),
    ]);
    const student = roster.body.items[0].learnerId as string;
    await t
      .http()
      .post(`/v1/learners/${student}/course-credits`)
      .set(bearer(token))
      .send({ courseCode: 'HV-SE201', term: '2024-2025-2', score: 83.5, completedAt: '2025-06-30' })
      .expect(201);
    const account = await t
      .http()
      .get(`/v1/learners/${student}/account`)
      .set(bearer(token))
      .expect(200);
    expect(unnamedIds(account.body)).toEqual([]);
    expect(account.body.learner).toMatchObject({ name: '张伟', birthDate: null, birthYear: 2004 });
    expect(account.body.courseCredits).toContainEqual(
      expect.objectContaining({
        course: expect.objectContaining({ code: 'HV-SE201', name: 'Java Web应用开发' }),
        institution: expect.objectContaining({ name: '湖南示范信息职业技术学院' }),
        recorder: expect.objectContaining({ name: '教务处 刘敏' }),
      }),
    );
    expect(account.body.certificates[0]).toMatchObject({
      scheme: { name: 'Web前端开发职业技能等级证书' },
      levelName: '中级',
      recorder: { name: '考务 陈刚' },
    });
  });

  it('activates the demo conversion rules: the Hunan 免修 pair, a 免试 rule and a 学分互认 rule', async () => {
    const rows: { kind: string; n: number }[] = await t.dataSource.query(
      `SELECT r.kind, count(*)::int AS n FROM rule_versions v JOIN conversion_rules r ON r.id = v.rule_id
       WHERE v.status = 'ACTIVE' GROUP BY r.kind ORDER BY r.kind`,
    );
    expect(rows).toEqual([
      { kind: 'CERT_TO_COURSE', n: 2 },
      { kind: 'COURSE_TO_COURSE', n: 1 },
      { kind: 'COURSE_TO_EXAM', n: 1 },
    ]);
    expect(rows.reduce((total, row) => total + row.n, 0)).toBe(DEMO_RULE_COUNT);
  });

  it('audits every catalog row and rule it writes, one event each, as the demo admin', async () => {
    const events: { type: string; username: string; n: number; rows: number }[] =
      await t.dataSource.query(
        `SELECT event_type AS type, payload->'actor'->>'username' AS username, count(*)::int AS n,
                sum(jsonb_array_length(payload->'changes'))::int AS rows
           FROM outbox_events WHERE event_type LIKE 'catalog.%' OR event_type LIKE 'conversion.%'
          GROUP BY 1, 2 ORDER BY 1`,
      );
    const counts = await rowCounts(t, CATALOG_TABLES);
    const rules = DEMO_RULE_COUNT;
    expect(events).toEqual([
      {
        type: 'catalog.certificate_scheme.created',
        username: 'demo-admin',
        n: counts.certificate_schemes,
        rows: counts.certificate_schemes,
      },
      {
        type: 'catalog.certification_body.created',
        username: 'demo-admin',
        n: counts.certification_bodies,
        rows: counts.certification_bodies,
      },
      {
        type: 'catalog.course.created',
        username: 'demo-admin',
        n: counts.courses,
        rows: counts.courses,
      },
      {
        type: 'catalog.institution.created',
        username: 'demo-admin',
        n: counts.institutions,
        rows: counts.institutions,
      },
      {
        type: 'catalog.program.created',
        username: 'demo-admin',
        n: counts.programs,
        rows: counts.programs,
      },
      { type: 'conversion.rule.activated', username: 'demo-admin', n: rules, rows: rules },
      // The rule and its first version.
      { type: 'conversion.rule.created', username: 'demo-admin', n: rules, rows: 2 * rules },
    ]);
  });

  it('changes nothing when it runs again', async () => {
    const before = await rowCounts(t, TABLES);
    const again = await seedDemo(t.app);
    expect(again).toMatchObject({ seeded: false, outcomesRecorded: 0 });
    expect(again.refs).toEqual(first.refs);
    expect(await rowCounts(t, TABLES)).toEqual(before);
  });
});
