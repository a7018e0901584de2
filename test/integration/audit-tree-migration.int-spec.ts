import { AuditAppender, AuditVerifier } from '@app/audit';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '@app/core';
import { migrate, MIGRATIONS } from '@app/platform';
import { anAuditScene, postSceneCredit } from '../support/audit-helpers';
import { createTestApp, TestApp } from '../support/test-app';

/**
 * A database that already holds audit records when the tree arrives: the migration back-fills
 * exactly the nodes the appender would have written, so the log verifies and appends go on.
 */
describe('the Merkle tree migration on a log that already has records', () => {
  let t: TestApp;
  const nodes = (): Promise<{ level: number; idx: string; hash: string }[]> =>
    t.dataSource.query(
      "SELECT level, idx, encode(hash, 'hex') AS hash FROM audit_tree_nodes ORDER BY level, idx",
    );

  /** Complete perfect subtrees of a tree of n leaves: n/1 + n/2 + n/4 + … (whole parts). */
  const nodeCount = (n: number): number => {
    let count = 0;
    for (let width = 1; width <= n; width *= 2) count += Math.floor(n / width);
    return count;
  };

  beforeAll(async () => {
    t = await createTestApp('audit tree migration');
  }, 120_000);

  afterAll(async () => {
    await t?.close();
  }, 60_000);

  it('back-fills the nodes the appender writes, and the appender continues from them', async () => {
    const scene = await anAuditScene(t, { courses: 4, learners: 2 });
    for (let n = 0; n < 7; n++) await postSceneCredit(t, { scene, n }).expect(201);
    // The scene's own records (its people and catalog rows) come first, then the 7 credits.
    const size = (await t.app.get(AuditAppender).appendPending()).appended;
    expect(size).toBeGreaterThan(7);
    const written = await nodes();
    expect(written).toHaveLength(nodeCount(size));

    const Migration = MIGRATIONS.find(
      (migration) => migration.name === 'MerkleTreeAndSignedHeads1796173000000',
    );
    if (!Migration) throw new Error('the migration is not registered');
    const migration = new Migration();
    // As migrations run: as the owner role, which then grants the runtime role again.
    const owner = new DataSource(
      dataSourceOptions(
        { databaseUrl: t.database.ownerUrl, dbPoolSize: 1, dbStatementTimeoutMs: 60_000 },
        [],
        [],
        'audit-tree-migration-test',
      ),
    );
    await owner.initialize();
    const runner = owner.createQueryRunner();
    try {
      await migration.down(runner);
      await expect(
        runner.query("SELECT to_regclass('audit_tree_nodes') IS NULL AS gone"),
      ).resolves.toEqual([{ gone: true }]);
      await migration.up(runner);
    } finally {
      await runner.release();
      await owner.destroy();
    }
    await expect(migrate(t.config, 'audit-tree-migration-test')).resolves.toEqual([]);
    expect(await nodes()).toEqual(written);

    await postSceneCredit(t, { scene, n: 7 }).expect(201);
    await expect(t.app.get(AuditAppender).appendPending()).resolves.toMatchObject({ appended: 1 });
    expect(await nodes()).toHaveLength(nodeCount(size + 1));
    await expect(t.app.get(AuditVerifier).verify()).resolves.toMatchObject({
      valid: true,
      tree: { size: size + 1 },
    });
  });
});
