import { canonicalJson } from '@app/core';
import {
  AuditAppender,
  AuditTrust,
  AuditVerificationReport,
  AuditVerifier,
  generateSigningKey,
  keyFingerprint,
  leafHash,
  MerkleFrontier,
  signTreeHead,
  TreeHeadService,
  TreeHeadView,
  verifyConsistency,
  verifyInclusion,
} from '@app/audit';
import {
  anAuditScene,
  AuditScene,
  chainRows,
  postSceneCredit,
  requireRealPostgresOrSkip,
} from '../support/audit-helpers';
import { auditedTables } from '@app/platform';
import { ChainAttacker, LogSnapshot } from '../support/audit-attacker';
import { createTestApp, TestApp } from '../support/test-app';

const realPostgres = requireRealPostgresOrSkip('audit tree tamper detection');

const hex = (value: string): Buffer => Buffer.from(value, 'hex');

/**
 * The Merkle tree and its signed heads under attack by someone holding the database: heads
 * deleted after a consistent rewrite, head rows forged with another key or at a huge size,
 * stored nodes edited. The log holds the scene's records (institution, courses, learners,
 * logins) and then 10 credits, at `at(1)` to `at(10)`, with heads at sizes `at(5)` and `at(10)`;
 * every scenario starts from it intact and puts it back afterwards.
 */
(realPostgres ? describe : describe.skip)('audit tree tamper detection (real PostgreSQL)', () => {
  let t: TestApp;
  let scene: AuditScene;
  let attacker: ChainAttacker;
  let intact: LogSnapshot;
  let head5: TreeHeadView;
  let head10: TreeHeadView;
  /** Records before the first credit's. */
  let base: number;
  const at = (credit: number): number => base + credit;
  const verify = (): Promise<AuditVerificationReport> => t.app.get(AuditVerifier).verify();
  const trustWith = (settings: { auditTrustedHead?: string; auditRetiredPublicKeys?: string }) =>
    new AuditTrust({
      auditLogOrigin: t.config.auditLogOrigin,
      auditSigningKey: t.config.auditSigningKey,
      ...settings,
    });
  const verifyPinned = (pinned: string): Promise<AuditVerificationReport> =>
    new AuditVerifier(
      t.dataSource,
      trustWith({ auditTrustedHead: pinned }),
      auditedTables(),
    ).verify();
  const codes = (report: AuditVerificationReport) =>
    report.problems.map((problem) => [problem.code, problem.seq ?? null]);
  const rewriteActorFrom = (seq: number) =>
    attacker.rewriteFrom(seq, (event) => {
      (event.actor as Record<string, unknown>).username = 'mallory';
    });

  /** A head row as an attacker INSERTs it: a well-formed head signed with a key of their own. */
  async function insertForgedHead(options: {
    treeSize: number;
    rootHash: string;
    claimKeyOf?: 'attacker' | 'log';
  }): Promise<void> {
    const mallory = generateSigningKey();
    const forger = new AuditTrust({
      auditLogOrigin: t.config.auditLogOrigin,
      auditSigningKey: mallory.privateKeyPem,
    });
    const signed = signTreeHead(forger, {
      origin: forger.origin,
      treeSize: options.treeSize,
      rootHash: options.rootHash,
      timestamp: new Date().toISOString(),
    });
    const fingerprint =
      options.claimKeyOf === 'log'
        ? t.app.get(AuditTrust).currentKey.fingerprint
        : signed.keyFingerprint;
    // The application's own connection: a plain INSERT, no trigger to switch off.
    await t.dataSource.query(
      `INSERT INTO audit_tree_heads (chain_id, tree_size, root_hash, signed_at, key_fingerprint, payload, signature, note_signature)
       VALUES (1, $1, $2, now(), $3, $4, $5, $6)`,
      [
        options.treeSize,
        options.rootHash,
        fingerprint,
        signed.payload,
        signed.signature,
        signed.noteSignature,
      ],
    );
  }

  beforeAll(async () => {
    t = await createTestApp('audit tree tamper');
    scene = await anAuditScene(t, { courses: 5, learners: 2 });
    const appender = t.app.get(AuditAppender);
    const heads = t.app.get(TreeHeadService);
    base = (await appender.appendPending()).appended;
    for (let n = 0; n < 5; n++) await postSceneCredit(t, { scene, n }).expect(201);
    await expect(appender.appendPending()).resolves.toMatchObject({ appended: 5 });
    head5 = (await heads.sign({ onlyIfTreeGrew: true })).head as TreeHeadView;
    for (let n = 5; n < 10; n++) await postSceneCredit(t, { scene, n }).expect(201);
    await expect(appender.appendPending()).resolves.toMatchObject({ appended: 5 });
    head10 = (await heads.sign({ onlyIfTreeGrew: true })).head as TreeHeadView;
    expect([head5.treeSize, head10.treeSize]).toEqual([at(5), at(10)]);
    attacker = new ChainAttacker(t.superuser);
    intact = await attacker.snapshot();
  }, 120_000);

  afterEach(async () => {
    await attacker.restore(intact);
    // Proves the restore, and that the checks pass on an untouched log.
    await expect(verify()).resolves.toMatchObject({
      valid: true,
      problems: [],
      treeHeads: { stored: 2, verified: 2, latest: { treeSize: at(10) } },
    });
  });

  afterAll(async () => {
    await t?.close();
  }, 60_000);

  describe('heads deleted after the records and the tree were rewritten consistently', () => {
    it('all heads: only the pinned AUDIT_TRUSTED_HEAD can tell, as a note or as size:root', async () => {
      await rewriteActorFrom(at(3));
      await attacker.rebuildTree();
      await attacker.deleteHeads('all');
      const unpinned = await verify();
      expect(unpinned.treeHeads).toMatchObject({ stored: 0, verified: 0 });
      expect(codes(unpinned).filter(([code]) => /^(TREE|TRUSTED)_/.test(String(code)))).toEqual([]);
      for (const pinned of [head10.note, `${at(10)}:${head10.rootHash}`]) {
        const report = await verifyPinned(pinned);
        expect(report).toMatchObject({
          valid: false,
          firstInvalidSeq: at(10),
          problemCode: 'TRUSTED_HEAD_MISMATCH',
          trustedHead: { treeSize: at(10), rootHash: head10.rootHash, matches: false },
        });
      }
      // The pin of an older size the rewrite did not reach still agrees.
      await expect(
        verifyPinned(`${at(2)}:${(await rootOfRecords(at(2))).toString('hex')}`),
      ).resolves.toMatchObject({
        trustedHead: { treeSize: at(2), matches: true },
      });
    });

    it('only the newest head, the rewrite after the older one: the pin catches it', async () => {
      await rewriteActorFrom(at(7));
      await attacker.rebuildTree();
      await attacker.deleteHeads('newest');
      const unpinned = await verify();
      expect(unpinned.treeHeads).toMatchObject({
        stored: 1,
        verified: 1,
        latest: { treeSize: at(5) },
      });
      await expect(verifyPinned(head10.note)).resolves.toMatchObject({
        valid: false,
        problemCode: 'TRUSTED_HEAD_MISMATCH',
      });
    });

    it('only the newest head, the rewrite before the older one: the older head catches it', async () => {
      await rewriteActorFrom(at(3));
      await attacker.rebuildTree();
      await attacker.deleteHeads('newest');
      await expect(verify()).resolves.toMatchObject({
        valid: false,
        firstInvalidSeq: at(5),
        problemCode: 'TREE_HEAD_ROOT_MISMATCH',
        treeHeads: { stored: 1, verified: 0 },
      });
    });

    it('a head signed again over the rewrite does not launder it for whoever holds the old one', async () => {
      await rewriteActorFrom(at(7));
      await attacker.rebuildTree();
      await attacker.deleteHeads('newest');
      // The rewrite extends the surviving head at at(5) consistently, so the log signs it: a fork
      // at size at(10) that a witness or a pin of the first head at(10) sees.
      const { head } = await t.app.get(TreeHeadService).sign({ onlyIfTreeGrew: false });
      expect(head?.treeSize).toBe(at(10));
      expect(head?.rootHash).not.toBe(head10.rootHash);
      await expect(verifyPinned(head10.note)).resolves.toMatchObject({
        valid: false,
        problemCode: 'TRUSTED_HEAD_MISMATCH',
      });
    });
  });

  describe('a head row forged with another key', () => {
    it('is reported and never served, not by /tree-heads/latest nor /checkpoints/latest nor the list', async () => {
      // Newer rows than the real head of the same size, so they would be served first.
      await insertForgedHead({ treeSize: at(10), rootHash: head10.rootHash });
      await insertForgedHead({ treeSize: at(10), rootHash: head10.rootHash, claimKeyOf: 'log' });
      const report = await verify();
      expect(codes(report)).toEqual(
        expect.arrayContaining([
          ['TREE_HEAD_UNKNOWN_KEY', null],
          ['TREE_HEAD_SIGNATURE_INVALID', null],
        ]),
      );
      expect(report.treeHeads).toMatchObject({
        stored: 4,
        verified: 2,
        latest: { treeSize: at(10) },
      });
      const latest = await t.http().get('/v1/audit/tree-heads/latest').expect(200);
      expect(latest.body).toEqual(head10);
      const checkpoint = await t.http().get('/v1/audit/checkpoints/latest').expect(200);
      expect(checkpoint.body).toMatchObject({
        ...head10,
        publicKeyBase64: t.app.get(AuditTrust).currentKey.publicKeyBase64,
      });
      const note = await t.http().get('/v1/audit/tree-heads/latest?format=note').expect(200);
      expect(note.text).toBe(head10.note);
      const list = await t.http().get('/v1/audit/tree-heads').expect(200);
      expect(list.body.items.map((item: TreeHeadView) => item.treeSize)).toEqual([at(10), at(5)]);
    });

    it('at a huge tree size is reported, and a real break elsewhere is still found', async () => {
      await insertForgedHead({ treeSize: 1_000_000_000_000, rootHash: 'ab'.repeat(32) });
      await attacker.changeOneByte(at(4));
      const report = await verify();
      expect(report).toMatchObject({
        valid: false,
        firstInvalidSeq: at(4),
        problemCode: 'HASH_MISMATCH',
      });
      expect(codes(report)).toEqual([
        ['HASH_MISMATCH', at(4)],
        ['TREE_HEAD_UNKNOWN_KEY', null],
      ]);
      // The real heads lie beyond the break, so they could not be compared.
      expect(report.treeHeads).toMatchObject({ stored: 3, verified: 0, unchecked: 2 });
      await expect(t.http().get('/v1/audit/tree-heads/latest').expect(200)).resolves.toMatchObject({
        body: { treeSize: at(10) },
      });
    });

    it('a real head whose columns were edited to a huge size is reported, judged by what it signed, and not served', async () => {
      await attacker.tamper((sql) =>
        sql.query('UPDATE audit_tree_heads SET tree_size = 1000000000000 WHERE tree_size = $1', [
          at(5),
        ]),
      );
      const report = await verify();
      expect(codes(report)).toEqual([['TREE_HEAD_COLUMN_MISMATCH', null]]);
      expect(report.treeHeads).toMatchObject({ verified: 2 });
      const latest = await t.http().get('/v1/audit/tree-heads/latest').expect(200);
      expect(latest.body).toEqual(head10);
      const list = await t.http().get('/v1/audit/tree-heads').expect(200);
      expect(list.body.items).toEqual([head10]);
    });
  });

  describe('stored tree nodes altered', () => {
    // Nodes well inside the tree; each is reported at the first record it covers, idx·2^level + 1.
    it.each([
      ['a leaf', 0, 3, 'TREE_NODE_MISMATCH', 4],
      ['an interior node', 2, 1, 'TREE_NODE_MISMATCH', 5],
    ])('finds %s changed (level %i, index %i)', async (_label, level, index, code, seq) => {
      await attacker.tamper((sql) =>
        sql.query('UPDATE audit_tree_nodes SET hash = sha256(hash) WHERE level = $1 AND idx = $2', [
          level,
          index,
        ]),
      );
      await expect(verify()).resolves.toMatchObject({
        valid: false,
        firstInvalidSeq: seq,
        problemCode: code,
      });
    });

    it('finds a node deleted, and one inserted beyond the log', async () => {
      await attacker.tamper((sql) =>
        sql.query('DELETE FROM audit_tree_nodes WHERE level = 1 AND idx = 3'),
      );
      await expect(verify()).resolves.toMatchObject({
        firstInvalidSeq: 7,
        problemCode: 'TREE_NODE_MISSING',
      });
      await attacker.restore(intact);
      // The leaf of a record one past the log's last, at(10).
      await t.dataSource.query(
        `INSERT INTO audit_tree_nodes (chain_id, level, idx, hash) VALUES (1, 0, $1, sha256('x'))`,
        [at(11) - 1],
      );
      await expect(verify()).resolves.toMatchObject({
        firstInvalidSeq: at(11),
        problemCode: 'TREE_NODE_BEYOND_LOG',
      });
    });

    it('makes the served proofs fail against the signed head', async () => {
      // The pair of leaves next to the first credit's pair: a complete level-1 node of its
      // inclusion path in any tree of at least the 4-leaf block holding it.
      const leafIndex = at(1) - 1;
      await attacker.tamper((sql) =>
        sql.query('UPDATE audit_tree_nodes SET hash = sha256(hash) WHERE level = 1 AND idx = $1', [
          (leafIndex >> 1) ^ 1,
        ]),
      );
      const proof = await t
        .http()
        .get(`/v1/audit/proofs/inclusion?seq=${at(1)}&treeSize=${at(10)}`)
        .expect(200);
      expect(verifyInclusion(inclusionClaim(proof.body, head10)).valid).toBe(false);
    });
  });

  it('serves proofs that verify against the served heads, for every record and pair of sizes', async () => {
    const rows = await chainRows(t.dataSource);
    const served = await t.http().get('/v1/audit/tree-heads/latest').expect(200);
    expect(served.body).toEqual(head10);
    for (const row of rows) {
      const proof = await t
        .http()
        .get(`/v1/audit/proofs/inclusion?seq=${row.seq}&treeSize=${at(10)}`)
        .expect(200);
      expect(proof.body.leafHash).toBe(
        leafHash(Buffer.from(canonicalJson(row.event), 'utf8')).toString('hex'),
      );
      expect(verifyInclusion(inclusionClaim(proof.body, head10))).toEqual({ valid: true });
    }
    const consistency = await t
      .http()
      .get(`/v1/audit/proofs/consistency?first=${at(5)}&second=${at(10)}`);
    expect(
      verifyConsistency({
        first: at(5),
        second: at(10),
        firstRoot: hex(head5.rootHash),
        secondRoot: hex(head10.rootHash),
        path: (consistency.body.path as string[]).map(hex),
      }),
    ).toEqual({ valid: true });
    for (let first = 1; first <= at(10); first++) {
      for (let second = first; second <= at(10); second++) {
        const answer = await t
          .http()
          .get(`/v1/audit/proofs/consistency?first=${first}&second=${second}`)
          .expect(200);
        const check = verifyConsistency({
          first,
          second,
          firstRoot: await rootOfRecords(first),
          secondRoot: await rootOfRecords(second),
          path: (answer.body.path as string[]).map(hex),
        });
        expect({ first, second, check }).toEqual({ first, second, check: { valid: true } });
      }
    }
  });

  it('keeps heads signed by a retired key verifiable after rotation, and reports them without it', async () => {
    const next = generateSigningKey();
    const old = t.app.get(AuditTrust).currentKey;
    const rotated = new AuditTrust({
      auditLogOrigin: t.config.auditLogOrigin,
      auditSigningKey: next.privateKeyPem,
      auditRetiredPublicKeys: old.publicKeyBase64,
    });
    const verifier = new AuditVerifier(t.dataSource, rotated, auditedTables());
    await expect(verifier.verify()).resolves.toMatchObject({
      valid: true,
      treeHeads: { verified: 2 },
    });
    const heads = new TreeHeadService(t.dataSource, rotated, verifier);
    await expect(heads.latest()).resolves.toEqual(head10);
    const { head } = await heads.sign({ onlyIfTreeGrew: false });
    expect(head).toMatchObject({
      treeSize: at(10),
      rootHash: head10.rootHash,
      keyFingerprint: keyFingerprint(next.publicKeyPem),
    });
    await expect(verifier.verify()).resolves.toMatchObject({
      valid: true,
      treeHeads: { verified: 3 },
    });
    await expect(heads.latest()).resolves.toEqual(head);
    const forgotten = new AuditTrust({
      auditLogOrigin: t.config.auditLogOrigin,
      auditSigningKey: next.privateKeyPem,
    });
    const report = await new AuditVerifier(t.dataSource, forgotten, auditedTables()).verify();
    expect(codes(report)).toEqual([
      ['TREE_HEAD_UNKNOWN_KEY', null],
      ['TREE_HEAD_UNKNOWN_KEY', null],
    ]);
    expect(report.treeHeads).toMatchObject({ stored: 3, verified: 1 });
  });

  /** MTH of the first `size` records, recomputed here from the stored events. */
  async function rootOfRecords(size: number): Promise<Buffer> {
    const frontier = MerkleFrontier.empty();
    for (const row of (await chainRows(t.dataSource)).slice(0, size)) {
      frontier.append(leafHash(Buffer.from(canonicalJson(row.event), 'utf8')));
    }
    return frontier.root();
  }
});

function inclusionClaim(
  proof: { leafIndex: number; treeSize: number; leafHash: string; path: string[] },
  head: TreeHeadView,
) {
  return {
    leafIndex: proof.leafIndex,
    treeSize: proof.treeSize,
    leafHash: hex(proof.leafHash),
    path: proof.path.map(hex),
    rootHash: hex(head.rootHash),
  };
}
