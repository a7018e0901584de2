import { randomUUID } from 'node:crypto';
import {
  AuditAppender,
  AuditTrust,
  AuditVerificationReport,
  AuditVerifier,
  rootAt,
  signTreeHead,
  TreeHeadService,
  treeNodeReader,
} from '@app/audit';
import {
  anAuditScene,
  AuditScene,
  chainRows,
  postSceneCredit,
  requireRealPostgresOrSkip,
} from '../support/audit-helpers';
import { ChainAttacker, forgedEvent, LogSnapshot } from '../support/audit-attacker';
import { bearer } from '../support/factories';
import { createTestApp, TestApp } from '../support/test-app';

const realPostgres = requireRealPostgresOrSkip('audit tamper detection');

/**
 * Invariant 7: an attacker with database access switches the append-only trigger off and edits
 * audit_events. Verification must find each edit and name the first bad sequence number.
 * The chain has 10 records; every scenario starts from it intact and puts it back afterwards.
 */
(realPostgres ? describe : describe.skip)('audit chain tamper detection (real PostgreSQL)', () => {
  let t: TestApp;
  let scene: AuditScene;
  let attacker: ChainAttacker;
  let intact: LogSnapshot;
  const verify = (): Promise<AuditVerificationReport> => t.app.get(AuditVerifier).verify();

  beforeAll(async () => {
    t = await createTestApp('audit tamper');
    scene = await anAuditScene(t, { courses: 5, learners: 2 });
    for (let n = 0; n < 10; n++) await postSceneCredit(t, { scene, n }).expect(201);
    await expect(t.app.get(AuditAppender).appendPending()).resolves.toMatchObject({ appended: 10 });
    attacker = new ChainAttacker(t.superuser);
    intact = await attacker.snapshot();
  }, 120_000);

  afterEach(async () => {
    await attacker.restore(intact);
    // Proves the restore, and that the checks pass on an untouched chain.
    await expect(verify()).resolves.toMatchObject({ valid: true, headSeq: 10, problems: [] });
  });

  afterAll(async () => {
    await t?.close();
  }, 60_000);

  it('refuses UPDATE, DELETE and TRUNCATE while the trigger is on (SQLSTATE CB001)', async () => {
    for (const sql of [
      'UPDATE audit_events SET hash = prev_hash WHERE seq = 1',
      'DELETE FROM audit_events WHERE seq = 10',
      'TRUNCATE audit_events',
    ]) {
      await expect(t.dataSource.query(sql)).rejects.toMatchObject({
        driverError: { code: 'CB001' },
      });
    }
    expect(await chainRows(t.dataSource)).toHaveLength(10);
  });

  it('finds one changed byte in one payload at its seq', async () => {
    await attacker.changeOneByte(5);
    const report = await verify();
    expect(report).toMatchObject({
      valid: false,
      firstInvalidSeq: 5,
      problemCode: 'HASH_MISMATCH',
      headSeq: 4,
      checked: 4,
    });
    // The same answer over HTTP, for an ADMIN.
    const response = await t.http().get('/v1/audit/verify').set(bearer(scene.admin)).expect(200);
    expect(response.body).toMatchObject({
      valid: false,
      firstInvalidSeq: 5,
      problemCode: 'HASH_MISMATCH',
    });
  });

  it('finds a deleted middle row at its seq, and the ledger entry left without a record', async () => {
    const [, , , , , sixth] = await chainRows(t.dataSource);
    await attacker.deleteRow(6);
    const report = await verify();
    expect(report).toMatchObject({
      valid: false,
      firstInvalidSeq: 6,
      problemCode: 'MISSING_ROWS',
      headSeq: 5,
    });
    expect(report.ledger).toMatchObject({
      missing: 1,
      missingEntryIds: [sixth.event.data?.entry?.id],
    });
    expect(report.problems.map((problem) => problem.code)).toEqual([
      'MISSING_ROWS',
      'MISSING_AUDIT_RECORD',
    ]);
  });

  it('finds a deleted middle row even when later rows are renumbered to close the gap', async () => {
    await attacker.deleteAndRenumber(6);
    await expect(verify()).resolves.toMatchObject({
      valid: false,
      firstInvalidSeq: 6,
      problemCode: 'BROKEN_LINK',
    });
  });

  it.each([
    [4, 7],
    [2, 3],
  ])('finds rows %i and %i swapped at the first of them', async (a, b) => {
    await attacker.swap(a, b);
    await expect(verify()).resolves.toMatchObject({
      valid: false,
      firstInvalidSeq: a,
      problemCode: 'BROKEN_LINK',
    });
  });

  it('finds a forged row inserted in the middle, correctly hashed, at its seq', async () => {
    await attacker.insertForged(5, forgedEvent(scene.learners[0], scene.school, randomUUID()));
    await expect(verify()).resolves.toMatchObject({
      valid: false,
      firstInvalidSeq: 5,
      problemCode: 'INSERTED_ROWS',
    });
  });

  it('finds a forged row appended after the head for an entry that does not exist', async () => {
    const seq = await attacker.appendForged(
      forgedEvent(scene.learners[0], scene.school, randomUUID()),
    );
    expect(seq).toBe(11);
    const report = await verify();
    expect(report).toMatchObject({
      valid: false,
      firstInvalidSeq: 11,
      problemCode: 'RECORD_WITHOUT_ENTRY',
    });
    expect(report.headSeq).toBe(11); // the chain itself is consistent: only the cross-check sees it
  });

  it('finds a second record of a real ledger entry appended after the head', async () => {
    const [first] = await chainRows(t.dataSource);
    await attacker.appendForged({ ...first.event, outboxId: '900001' });
    await expect(verify()).resolves.toMatchObject({
      valid: false,
      firstInvalidSeq: 11,
      problemCode: 'DUPLICATE_RECORD',
    });
  });

  it('finds a learner_id column moved off its hashed event (which would hide it from that learner)', async () => {
    await attacker.tamper((sql) =>
      sql.query('UPDATE audit_events SET learner_id = $1 WHERE seq = 3', [randomUUID()]),
    );
    await expect(verify()).resolves.toMatchObject({
      valid: false,
      firstInvalidSeq: 3,
      problemCode: 'COLUMN_MISMATCH',
    });
  });

  describe('against a signed tree head at size 10', () => {
    beforeEach(async () => {
      await t.app.get(TreeHeadService).sign({ onlyIfTreeGrew: false });
    });

    it('refuses UPDATE, DELETE and TRUNCATE of heads and tree nodes while the triggers are on (SQLSTATE CB001)', async () => {
      for (const sql of [
        'UPDATE audit_tree_heads SET tree_size = 1',
        'DELETE FROM audit_tree_heads',
        'TRUNCATE audit_tree_heads',
        'UPDATE audit_tree_nodes SET hash = sha256(hash)',
        'DELETE FROM audit_tree_nodes WHERE level = 0',
        'TRUNCATE audit_tree_nodes',
      ]) {
        await expect(t.dataSource.query(sql)).rejects.toMatchObject({
          driverError: { code: 'CB001' },
        });
      }
      const rows: { tree_size: string }[] = await t.dataSource.query(
        'SELECT tree_size FROM audit_tree_heads',
      );
      expect(rows.map((row) => row.tree_size)).toContain('10');
    });

    it('finds the tail truncated (records and tree) after the head at the first missing seq', async () => {
      await attacker.truncateFrom(8);
      const report = await verify();
      expect(report).toMatchObject({
        valid: false,
        firstInvalidSeq: 8,
        problemCode: 'TREE_HEAD_BEYOND_LOG',
        headSeq: 7,
        tree: { size: 7 },
      });
      expect(report.treeHeads).toMatchObject({ stored: 1, verified: 0 });
      expect(report.ledger.missing).toBe(3);
    });

    it('finds a tail rewritten with consistent chain hashes at the first rewritten leaf', async () => {
      await attacker.rewriteFrom(8, (event) => {
        (event.actor as Record<string, unknown>).role = 'ADMIN';
      });
      const report = await verify();
      expect(report).toMatchObject({
        valid: false,
        firstInvalidSeq: 8,
        problemCode: 'TREE_NODE_MISMATCH',
      });
      expect(report.problems.map((problem) => [problem.code, problem.seq])).toEqual(
        expect.arrayContaining([['TREE_HEAD_ROOT_MISMATCH', 10]]),
      );
    });

    it('finds a tail rewritten with consistent chain hashes and tree, at the head', async () => {
      await attacker.rewriteFrom(8, (event) => {
        (event.actor as Record<string, unknown>).role = 'ADMIN';
      });
      await attacker.rebuildTree();
      await expect(verify()).resolves.toMatchObject({
        valid: false,
        firstInvalidSeq: 10,
        problemCode: 'TREE_HEAD_ROOT_MISMATCH',
        treeHeads: { stored: 1, verified: 0 },
      });
    });

    it('signs again only the original root when a record before the head was changed', async () => {
      const [before] = (await t.http().get('/v1/audit/tree-heads?limit=1').expect(200)).body
        .items as { rootHash: string }[];
      await attacker.changeOneByte(9);
      const response = await t
        .http()
        .post('/v1/audit/tree-heads')
        .set(bearer(scene.admin))
        .expect(201);
      expect(response.body).toMatchObject({ treeSize: 10, rootHash: before.rootHash });
      await expect(verify()).resolves.toMatchObject({
        valid: false,
        firstInvalidSeq: 9,
        problemCode: 'HASH_MISMATCH',
      });
    });
  });

  it('refuses to sign a tree head over records damaged since the last head (409), or over a truncated log', async () => {
    const trust = t.app.get(AuditTrust);
    const rootAt7 = (await rootAt(treeNodeReader(t.dataSource), 7)).toString('hex');
    const signed = signTreeHead(trust, {
      origin: trust.origin,
      treeSize: 7,
      rootHash: rootAt7,
      timestamp: new Date().toISOString(),
    });
    await t.dataSource.query(
      `INSERT INTO audit_tree_heads (chain_id, tree_size, root_hash, signed_at, key_fingerprint, payload, signature, note_signature)
       VALUES (1, 7, $1, now(), $2, $3, $4, $5)`,
      [rootAt7, signed.keyFingerprint, signed.payload, signed.signature, signed.noteSignature],
    );
    await attacker.changeOneByte(9);
    const response = await t
      .http()
      .post('/v1/audit/tree-heads')
      .set(bearer(scene.admin))
      .expect(409);
    expect(response.body).toMatchObject({
      code: 'AUDIT.CHAIN_BROKEN',
      firstInvalidSeq: 9,
      problemCode: 'HASH_MISMATCH',
    });
    await attacker.truncateFrom(6);
    const truncated = await t
      .http()
      .post('/v1/audit/tree-heads')
      .set(bearer(scene.admin))
      .expect(409);
    expect(truncated.body).toMatchObject({
      firstInvalidSeq: 6,
      problemCode: 'TREE_HEAD_BEYOND_LOG',
    });
  });
});
