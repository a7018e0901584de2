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
  ledgerRecords,
  postSceneCredit,
  useOwnRedisDatabase,
  waitFor,
  waitForAuditCaughtUp,
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
  /** Records once the scene (learners, logins) and six credits are audited. */
  let total: number;
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
    total = await waitForAuditCaughtUp(t.dataSource);
  }, 120_000);

  afterAll(async () => {
    await t?.close();
  }, 60_000);

  it('appends every committed change exactly once, gapless from seq 1, each hash chained', async () => {
    const rows = await chainRows(t.dataSource);
    expect(rows.map((row) => Number(row.seq))).toEqual(
      Array.from({ length: total }, (_, i) => i + 1),
    );
    expect(ledgerRecords(rows).map((row) => row.event.changes?.[0]?.id)).toEqual(entryIds);
    // The scene's two learners and three logins were audited too, as they were made.
    expect(rows.filter((row) => row.event_type === 'learner.opened')).toHaveLength(2);
    expect(rows.filter((row) => row.event_type === 'user.created')).toHaveLength(3);
    expect(new Set(rows.map((row) => row.outbox_id)).size).toBe(total);
    expect(rows[0].prev_hash).toBe(GENESIS_HASH);
    for (const row of rows) expect(row.hash).toBe(chainHash(row.prev_hash, row.event));
    expect(verifyChain(rows.map((row) => ({ ...row, prevHash: row.prev_hash })))).toMatchObject({
      valid: true,
      headSeq: total,
    });
    const unaudited: { n: number }[] = await t.dataSource.query(
      'SELECT count(*)::int AS n FROM outbox_events WHERE audited_at IS NULL',
    );
    expect(unaudited[0].n).toBe(0);
  });

  it('keeps audit records append-only in the database itself (SQLSTATE CB001), even to a superuser', async () => {
    for (const sql of [
      'UPDATE audit_events SET hash = prev_hash WHERE seq = 1',
      `DELETE FROM audit_events WHERE seq = ${total}`,
    ]) {
      await expect(t.superuser.query(sql)).rejects.toMatchObject({
        driverError: { code: 'CB001' },
      });
    }
    expect(await chainRows(t.dataSource)).toHaveLength(total);
  });

  it('verifies for an ADMIN (chain, tree, heads, every audited row as recorded) and refuses other roles', async () => {
    const report = await t.http().get('/v1/audit/verify').set(bearer(scene.admin)).expect(200);
    expect(report.body).toMatchObject({
      valid: true,
      checked: total,
      headSeq: total,
      problems: [],
    });
    expect(report.body.tables).toEqual(
      expect.arrayContaining([
        { kind: 'ledger_entry', code: 'LEDGER', rows: 6, audited: 6, pending: 0, problems: 0 },
        { kind: 'learner', code: 'LEARNER', rows: 2, audited: 2, pending: 0, problems: 0 },
        { kind: 'user', code: 'USER', rows: 3, audited: 3, pending: 0, problems: 0 },
      ]),
    );
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
      treeSize: total,
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
        Buffer.from(payload.replace(`"treeSize":${total}`, `"treeSize":${total - 1}`), 'utf8'),
        rawKey,
        Buffer.from(signature, 'base64'),
      ),
    ).toBe(false);
    expect(JSON.parse(payload)).toEqual({
      origin: 'credit-bank-ledger/audit',
      treeSize: total,
      rootHash: made.body.rootHash,
      timestamp: latest.body.timestamp,
    });

    const report = await t.http().get('/v1/audit/verify').set(bearer(scene.admin)).expect(200);
    expect(report.body).toMatchObject({
      valid: true,
      tree: { size: total, rootHash: made.body.rootHash },
      treeHeads: { latest: { treeSize: total } },
    });
    // The periodic head may have been signed too (its first job runs when the worker gets to it).
    expect(report.body.treeHeads.verified).toBe(report.body.treeHeads.stored);
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
      .get(`/v1/audit/events?limit=4&afterSeq=${total - 2}`)
      .set(bearer(scene.admin))
      .expect(200);
    expect(second.body.items.map((item: { seq: string }) => item.seq)).toEqual([
      String(total - 1),
      String(total),
    ]);
    expect(second.body.nextCursor).toBeNull();

    const all = await t
      .http()
      .get('/v1/audit/events?limit=200')
      .set(bearer(scene.admin))
      .expect(200);
    const item = all.body.items.find(
      (event: { type: string }) => event.type === 'ledger.entry.recorded',
    );
    expect(item).toMatchObject({
      type: 'ledger.entry.recorded',
      learnerId: learnerA,
      actor: { role: 'REGISTRAR', institutionId: scene.school, certificationBodyId: null },
      changes: [
        {
          kind: 'ledger_entry',
          state: { kind: 'COURSE_CREDIT', learnerId: learnerA, courseId: scene.courses[0] },
        },
      ],
      details: {},
    });
    expect(item.actor.username).toMatch(/^registrar-/);
    expect(Date.parse(item.occurredAt)).toBeLessThanOrEqual(Date.parse(item.appendedAt));

    const onlyB = await t
      .http()
      .get(`/v1/audit/events?learnerId=${learnerB}`)
      .set(bearer(scene.admin))
      .expect(200);
    // B's account opened, B enrolled at the school, and B's three credits.
    expect(onlyB.body.items.map((event: { type: string }) => event.type)).toEqual([
      'learner.opened',
      'enrolment.opened',
      ...Array(3).fill('ledger.entry.recorded'),
    ]);
    expect(
      onlyB.body.items.every((event: { learnerId: string }) => event.learnerId === learnerB),
    ).toBe(true);
  });

  it('shows a learner their own records only; another learner’s answer 404', async () => {
    const token = learnerToken;
    const own = await t.http().get('/v1/audit/events').set(bearer(token)).expect(200);
    // A's account opened, A enrolled at the school, A's login created, and A's three credits.
    expect(own.body.items.map((event: { type: string }) => event.type)).toEqual([
      'learner.opened',
      'enrolment.opened',
      'user.created',
      ...Array(3).fill('ledger.entry.recorded'),
    ]);
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
    expect((await chainRows(t.dataSource)).length).toBe(total);
  });

  it('audits a correction as its own record and still verifies', async () => {
    await t
      .http()
      .post(`/v1/entries/${entryIds[0]}/reversal`)
      .set(bearer(scene.registrar))
      .send({ reason: 'recorded for the wrong learner' })
      .expect(201);
    expect(await waitForAuditCaughtUp(t.dataSource)).toBe(total + 1);
    const rows = await chainRows(t.dataSource);
    expect(rows[total].event).toMatchObject({
      changes: [{ kind: 'ledger_entry', state: { kind: 'REVERSAL', cancelsEntryId: entryIds[0] } }],
    });
    const report = await t.http().get('/v1/audit/verify').set(bearer(scene.admin)).expect(200);
    expect(report.body).toMatchObject({ valid: true, headSeq: total + 1 });
    expect(report.body.tables).toContainEqual(
      expect.objectContaining({ kind: 'ledger_entry', rows: 7, audited: 7, problems: 0 }),
    );
  });
});
