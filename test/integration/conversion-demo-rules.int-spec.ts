import { createDemoRules, DemoRuleIds, seedDemo } from '@app/demo';
import { createTestApp, TestApp } from '../support/test-app';

describe('demo conversion rules on the demo catalog', () => {
  let t: TestApp;
  let ids: DemoRuleIds;
  let refs: NonNullable<Awaited<ReturnType<typeof seedDemo>>['refs']>;

  beforeAll(async () => {
    t = await createTestApp('conversion_demo_rules');
    const seeded = await seedDemo(t.app);
    if (!seeded.refs) throw new Error('the demo seed wrote no demo data');
    refs = seeded.refs;
    ids = await t.dataSource.transaction((manager) =>
      createDemoRules(t.app, manager, refs.principals['demo-admin'], refs),
    );
  }, 120_000);

  afterAll(async () => {
    await t?.close();
  }, 60_000);

  it('creates and activates the Hunan set, the 免试 rule and the 学分互认 rule, with the right owners', async () => {
    const rows: {
      id: string;
      kind: string;
      owner_institution_id: string | null;
      owner_certification_body_id: string | null;
      status: string;
    }[] = await t.dataSource.query(
      `SELECT r.id, r.kind, r.owner_institution_id, r.owner_certification_body_id, v.status
         FROM conversion_rules r JOIN rule_versions v ON v.rule_id = r.id WHERE r.id = ANY($1::uuid[])`,
      [Object.values(ids)],
    );
    const byId = new Map(rows.map((row) => [row.id, row]));
    expect(rows).toHaveLength(4);
    expect(rows.every((row) => row.status === 'ACTIVE')).toBe(true);
    expect(byId.get(ids.hunanFoundation)).toMatchObject({
      kind: 'CERT_TO_COURSE',
      owner_institution_id: refs.institutions.higher,
    });
    expect(byId.get(ids.hunanCore)).toMatchObject({
      kind: 'CERT_TO_COURSE',
      owner_institution_id: refs.institutions.higher,
    });
    expect(byId.get(ids.webTheoryExemption)).toMatchObject({
      kind: 'COURSE_TO_EXAM',
      owner_certification_body_id: refs.bodies['MIIT-CEEC'],
    });
    expect(byId.get(ids.mutualRecognition)).toMatchObject({
      kind: 'COURSE_TO_COURSE',
      owner_institution_id: refs.institutions.higher,
    });
  });

  it('is idempotent: a second call finds the same rules and writes nothing', async () => {
    const before: { n: number }[] = await t.dataSource.query(
      'SELECT count(*)::int AS n FROM rule_versions',
    );
    const again = await t.dataSource.transaction((manager) =>
      createDemoRules(t.app, manager, refs.principals['demo-admin'], refs),
    );
    expect(again).toEqual(ids);
    const after: { n: number }[] = await t.dataSource.query(
      'SELECT count(*)::int AS n FROM rule_versions',
    );
    expect(after[0].n).toBe(before[0].n);
  });

  it('the Hunan foundation rule: JUNIOR and SENIOR only; the core rule: INTERMEDIATE and up; 8 credits per certificate', async () => {
    const [foundation, core]: { condition: unknown; max_credits_per_evidence: string }[][] =
      await Promise.all(
        [ids.hunanFoundation, ids.hunanCore].map((ruleId) =>
          t.dataSource.query(
            `SELECT condition, max_credits_per_evidence::text FROM rule_versions WHERE rule_id = $1`,
            [ruleId],
          ),
        ),
      );
    const scheme = refs.schemes['X-WEB-FE'];
    expect(foundation[0]).toEqual({
      condition: {
        any: [
          { certificate: { schemeId: scheme, minLevel: 'JUNIOR', maxLevel: 'JUNIOR' } },
          { certificate: { schemeId: scheme, minLevel: 'SENIOR' } },
        ],
      },
      max_credits_per_evidence: '8.00',
    });
    expect(core[0]).toEqual({
      condition: { certificate: { schemeId: scheme, minLevel: 'INTERMEDIATE' } },
      max_credits_per_evidence: '8.00',
    });
  });
});
