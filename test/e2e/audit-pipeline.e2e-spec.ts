import { createPublicKey, verify } from 'node:crypto';
import { getQueueToken } from '@nestjs/bullmq';
import { Queue } from 'bullmq';
import {
  AuditAppender,
  AuditProcessor,
  chainHash,
  GENESIS_HASH,
  leafHash,
  MerkleFrontier,
  verifyChain,
} from '@app/audit';
import { canonicalJson, QueueName, Role } from '@app/core';
import { bearer } from '../support/factories';
import {
  anAuditScene,
  AuditScene,
  chainRows,
  postSceneCredit,
  useOwnRedisDatabase,
  waitFor,
  waitForAudit,
} from '../support/audit-helpers';
import { auditTuning } from '../support/audit-tuning';
import { createTestApp, TestApp } from '../support/test-app';

/**
 * The audit pipeline through the real application with its worker inside (as embedded mode
 * runs it): ledger commit → outbox → relay → BullMQ → processor → chain. Runs on whatever the
 * environment provides: PGlite with BullMQ's PostgreSQL backend, or PostgreSQL with Redis.
 */
describe('audit pipeline end to end', () => {
  let t: TestApp;
  let scene: AuditScene;
  let learnerA: string;
  let learnerB: string;
  let learnerToken: string;
  const entryIds: string[] = [];

  beforeAll(async () => {
    await useOwnRedisDatabase(11);
    t = await createTestApp('audit pipeline', {
      withWorker: true,
      // Periodic tree heads out of the way: the test signs its own on demand.
      modules: [auditTuning({ treeHeadEveryMs: 3_600_000 })],
    });
    scene = await anAuditScene(t, { courses: 3, learners: 2 });
    [learnerA, learnerB] = scene.learners;
    learnerToken = await t.tokenFor(Role.LEARNER, { learnerId: learnerA });
    for (let n = 0; n < 6; n++) {
      const response = await postSceneCredit(t, { scene, n }).expect(201);
      entryIds.push((response.body as { id: string }).id);
    }
    await waitForAudit(t.dataSource, 6);
  }, 120_000);

  afterAll(async () => {
    await t?.close();
  }, 60_000);

  it('appends every committed ledger change exactly once, gapless from seq 1, each hash chained', async () => {
    const rows = await chainRows(t.dataSource);
    expect(rows.map((row) => Number(row.seq))).toEqual([1, 2, 3, 4, 5, 6]);
    expect(rows.map((row) => row.event.data?.entry?.id).sort()).toEqual([...entryIds].sort());
    expect(new Set(rows.map((row) => row.outbox_id)).size).toBe(6);
    expect(rows[0].prev_hash).toBe(GENESIS_HASH);
    for (const row of rows) expect(row.hash).toBe(chainHash(row.prev_hash, row.event));
    expect(verifyChain(rows.map((row) => ({ ...row, prevHash: row.prev_hash })))).toMatchObject({
      valid: true,
      headSeq: 6,
    });
    const unaudited: { n: number }[] = await t.dataSource.query(
      'SELECT count(*)::int AS n FROM outbox_events WHERE audited_at IS NULL',
    );
    expect(unaudited[0].n).toBe(0);
  });

  it('keeps audit records append-only in the database itself (SQLSTATE CB001)', async () => {
    for (const sql of [
      'UPDATE audit_events SET hash = prev_hash WHERE seq = 1',
      'DELETE FROM audit_events WHERE seq = 6',
    ]) {
      await expect(t.dataSource.query(sql)).rejects.toMatchObject({
        driverError: { code: 'CB001' },
      });
    }
    expect(await chainRows(t.dataSource)).toHaveLength(6);
  });

  it('verifies for an ADMIN (chain, tree, heads, every entry audited) and refuses other roles', async () => {
    const report = await t.http().get('/v1/audit/verify').set(bearer(scene.admin)).expect(200);
    expect(report.body).toMatchObject({
      valid: true,
      checked: 6,
      headSeq: 6,
      problems: [],
      ledger: { entries: 6, audited: 6, pending: 0, missing: 0 },
    });
    expect(report.body.firstInvalidSeq).toBeUndefined();
    await t.http().get('/v1/audit/verify').set(bearer(scene.registrar)).expect(403);
    await t.http().get('/v1/audit/verify').expect(401);
  });

  it('signs a tree head on demand that a third party verifies with the raw public key alone', async () => {
    await t.http().post('/v1/audit/tree-heads').set(bearer(learnerToken)).expect(403);
    const made = await t.http().post('/v1/audit/tree-heads').set(bearer(scene.admin)).expect(201);
    const rows = await chainRows(t.dataSource);
    const leaves = rows.map((row) => leafHash(Buffer.from(canonicalJson(row.event), 'utf8')));
    const frontier = MerkleFrontier.empty();
    leaves.forEach((leaf) => frontier.append(leaf));
    expect(made.body).toMatchObject({
      treeSize: 6,
      rootHash: frontier.root().toString('hex'),
      algorithm: 'Ed25519',
    });

    const latest = await t.http().get('/v1/audit/checkpoints/latest').expect(200);
    expect(latest.body).toMatchObject(made.body);
    const { payload, signature, publicKeyBase64, publicKeyPem } = latest.body as Record<
      string,
      string
    >;
    // What any Ed25519 library does: 32 raw key bytes, the payload's UTF-8 bytes, 64 signature bytes.
    const rawKey = createPublicKey({
      key: {
        kty: 'OKP',
        crv: 'Ed25519',
        x: Buffer.from(publicKeyBase64, 'base64').toString('base64url'),
      },
      format: 'jwk',
    });
    expect(
      verify(null, Buffer.from(payload, 'utf8'), rawKey, Buffer.from(signature, 'base64')),
    ).toBe(true);
    expect(
      verify(null, Buffer.from(payload, 'utf8'), publicKeyPem, Buffer.from(signature, 'base64')),
    ).toBe(true);
    expect(
      verify(
        null,
        Buffer.from(payload.replace('"treeSize":6', '"treeSize":5'), 'utf8'),
        rawKey,
        Buffer.from(signature, 'base64'),
      ),
    ).toBe(false);
    expect(JSON.parse(payload)).toEqual({
      origin: 'credit-bank-ledger/audit',
      treeSize: 6,
      rootHash: made.body.rootHash,
      timestamp: latest.body.timestamp,
    });

    const report = await t.http().get('/v1/audit/verify').set(bearer(scene.admin)).expect(200);
    expect(report.body).toMatchObject({
      valid: true,
      tree: { size: 6, rootHash: made.body.rootHash },
      treeHeads: { stored: 1, verified: 1, latest: { treeSize: 6 } },
    });
  });

  it('shows an ADMIN who did what, when, in which role and scope, cursor-paged by seq', async () => {
    const first = await t
      .http()
      .get('/v1/audit/events?limit=4')
      .set(bearer(scene.admin))
      .expect(200);
    expect(first.body.items.map((item: { seq: string }) => item.seq)).toEqual(['1', '2', '3', '4']);
    expect(first.body.nextCursor).toBe('4');
    const second = await t
      .http()
      .get('/v1/audit/events?limit=4&afterSeq=4')
      .set(bearer(scene.admin))
      .expect(200);
    expect(second.body.items.map((item: { seq: string }) => item.seq)).toEqual(['5', '6']);
    expect(second.body.nextCursor).toBeNull();

    const item = first.body.items[0];
    expect(item).toMatchObject({
      type: 'ledger.entry.recorded',
      learnerId: learnerA,
      actor: { role: 'REGISTRAR', institutionId: scene.school, certificationBodyId: null },
      data: { entry: { kind: 'COURSE_CREDIT', learnerId: learnerA, courseId: scene.courses[0] } },
    });
    expect(item.actor.username).toMatch(/^registrar-/);
    expect(Date.parse(item.occurredAt)).toBeLessThanOrEqual(Date.parse(item.appendedAt));

    const onlyB = await t
      .http()
      .get(`/v1/audit/events?learnerId=${learnerB}`)
      .set(bearer(scene.admin))
      .expect(200);
    expect(onlyB.body.items).toHaveLength(3);
    expect(
      onlyB.body.items.every((event: { learnerId: string }) => event.learnerId === learnerB),
    ).toBe(true);
  });

  it('shows a learner their own records only; another learner’s answer 404', async () => {
    const token = learnerToken;
    const own = await t.http().get('/v1/audit/events').set(bearer(token)).expect(200);
    expect(own.body.items).toHaveLength(3);
    expect(
      own.body.items.every((event: { learnerId: string }) => event.learnerId === learnerA),
    ).toBe(true);
    await t.http().get(`/v1/audit/events?learnerId=${learnerA}`).set(bearer(token)).expect(200);
    const other = await t
      .http()
      .get(`/v1/audit/events?learnerId=${learnerB}`)
      .set(bearer(token))
      .expect(404);
    expect(other.body.code).toBe('ACCOUNTS.LEARNER_NOT_FOUND');
    await t.http().get('/v1/audit/events').set(bearer(scene.registrar)).expect(403);
    await t.http().get('/v1/audit/events?limit=0').set(bearer(scene.admin)).expect(422);
    await t.http().get('/v1/audit/events?afterSeq=-1').set(bearer(scene.admin)).expect(422);
  });

  it('adds nothing when the same job is delivered again, through the queue or straight to the processor', async () => {
    const rows = await chainRows(t.dataSource);
    const outboxIds = rows.slice(0, 3).map((row) => row.outbox_id);
    const queue = t.app.get<Queue>(getQueueToken(QueueName.audit));
    const again = await queue.add('append', { outboxIds }, { jobId: `redelivered-${Date.now()}` });
    await waitFor(
      'the redelivered job to finish',
      async () => (await again.getState()) === 'completed',
      { timeoutMs: 20_000 },
    );
    const processor = t.app.get(AuditProcessor);
    await expect(processor.process(again)).resolves.toEqual({ appended: 0 });
    await expect(t.app.get(AuditAppender).appendOutbox(outboxIds)).resolves.toEqual({
      appended: 0,
    });
    expect((await chainRows(t.dataSource)).length).toBe(6);
  });

  it('audits a correction as its own record and still verifies', async () => {
    await t
      .http()
      .post(`/v1/entries/${entryIds[0]}/reversal`)
      .set(bearer(scene.registrar))
      .send({ reason: 'recorded for the wrong learner' })
      .expect(201);
    await waitForAudit(t.dataSource, 7);
    const rows = await chainRows(t.dataSource);
    expect(rows[6].event).toMatchObject({
      data: { entry: { kind: 'REVERSAL', cancelsEntryId: entryIds[0] } },
    });
    const report = await t.http().get('/v1/audit/verify').set(bearer(scene.admin)).expect(200);
    expect(report.body).toMatchObject({
      valid: true,
      headSeq: 7,
      ledger: { entries: 7, missing: 0 },
    });
  });
});
