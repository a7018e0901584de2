import { Queue } from 'bullmq';
import { AuditAppender, AuditPipelineSettings, OutboxRelay } from '@app/audit';
import { OutboxStore } from '@app/outbox';
import {
  anAuditScene,
  AuditScene,
  postSceneCredit,
  requireRealPostgresOrSkip,
} from '../support/audit-helpers';
import { createTestApp, TestApp } from '../support/test-app';

const realPostgres = requireRealPostgresOrSkip('outbox relay');

interface HandedJob {
  name: string;
  data: { outboxIds: string[] };
  opts: { jobId: string };
}

/**
 * The audit queue as the relay sees it: it records what it is handed, and can be told to refuse
 * (Redis down) or never answer (Redis hung) instead.
 */
class QueueDouble {
  readonly handed: HandedJob[][] = [];
  answer: 'take' | 'refuse' | 'hang' = 'take';

  addBulk(jobs: HandedJob[]): Promise<unknown[]> {
    if (this.answer === 'refuse')
      return Promise.reject(
        new Error("Stream isn't writeable and enableOfflineQueue options is false"),
      );
    if (this.answer === 'hang') return new Promise(() => undefined);
    this.handed.push(jobs);
    return Promise.resolve([]);
  }

  on(): this {
    return this;
  }

  async close(): Promise<void> {}

  /** Outbox ids handed over, in order, over every round. */
  ids(): string[] {
    return this.handed.flat().map((job) => job.data.outboxIds[0]);
  }
}

class RelayOnQueueDouble extends OutboxRelay {
  constructor(
    t: TestApp,
    settings: AuditPipelineSettings,
    private readonly double: QueueDouble,
  ) {
    super(t.config, t.dataSource, settings, new OutboxStore());
  }

  protected override openQueue(): Queue {
    return this.double as unknown as Queue;
  }
}

const RESEND_AFTER_MS = 60_000;

/**
 * The relay's rounds on the real outbox of a real database, its queue replaced by a double; the
 * relay is not bootstrapped, so no polling loop runs and each test drives the rounds itself.
 * Rows come from credits recorded over HTTP; after each test every row is audited, so each test
 * starts with an empty outbox.
 */
(realPostgres ? describe : describe.skip)('outbox relay (real PostgreSQL)', () => {
  let t: TestApp;
  let scene: AuditScene;
  let credits = 0;

  beforeAll(async () => {
    t = await createTestApp('audit relay');
    scene = await anAuditScene(t, { courses: 10, learners: 10 });
    // The scene's learners and logins have their events too: audit them, to start empty.
    while ((await t.app.get(AuditAppender).appendPending()).appended > 0);
  }, 120_000);

  afterEach(async () => {
    const appender = t.app.get(AuditAppender);
    while ((await appender.appendPending()).appended > 0);
  });

  afterAll(async () => {
    await t?.close();
  }, 60_000);

  function aRelay(options: { batchSize?: number } = {}) {
    const queue = new QueueDouble();
    const settings = new AuditPipelineSettings(t.config, {
      relayBatchSize: options.batchSize ?? 3,
      resendAfterMs: RESEND_AFTER_MS,
    });
    return { relay: new RelayOnQueueDouble(t, settings, queue), queue };
  }

  /** Records `count` credits and returns the ids of the outbox rows they wrote, oldest first. */
  async function waitingRows(count: number): Promise<string[]> {
    for (let i = 0; i < count; i++) await postSceneCredit(t, { scene, n: credits++ }).expect(201);
    const rows: { id: string }[] = await t.dataSource.query(
      'SELECT id FROM outbox_events WHERE audited_at IS NULL ORDER BY id',
    );
    expect(rows).toHaveLength(count);
    return rows.map((row) => row.id);
  }

  async function dispatchCounts(ids: string[]): Promise<number[]> {
    const rows: { dispatch_count: number }[] = await t.dataSource.query(
      'SELECT dispatch_count FROM outbox_events WHERE id = ANY($1::bigint[]) ORDER BY id',
      [ids],
    );
    return rows.map((row) => row.dispatch_count);
  }

  /** As if the hand-over happened longer ago than the re-send timeout. */
  async function handedOverLongAgo(ids: string[]): Promise<void> {
    await t.superuser.query(
      `UPDATE outbox_events SET dispatched_at = dispatched_at - $2 * interval '1 millisecond'
        WHERE id = ANY($1::bigint[])`,
      [ids, RESEND_AFTER_MS + 1_000],
    );
  }

  it('hands each waiting row over once, oldest first, at most a batch per round, as one job named for its outbox id', async () => {
    const ids = await waitingRows(5);
    const { relay, queue } = aRelay({ batchSize: 3 });
    expect(await relay.relayOnce()).toBe(3);
    expect(await relay.relayOnce()).toBe(2);
    expect(await relay.relayOnce()).toBe(0);
    expect(queue.handed).toEqual([
      ids.slice(0, 3).map((id) => ({
        name: 'append',
        data: { outboxIds: [id] },
        opts: { jobId: `outbox-${id}` },
      })),
      ids.slice(3).map((id) => ({
        name: 'append',
        data: { outboxIds: [id] },
        opts: { jobId: `outbox-${id}` },
      })),
    ]);
    expect(await dispatchCounts(ids)).toEqual([1, 1, 1, 1, 1]);
  });

  it('does not touch the queue when nothing is waiting', async () => {
    const { relay, queue } = aRelay();
    queue.answer = 'refuse';
    await expect(relay.relayOnce()).resolves.toBe(0);
    expect(queue.handed).toEqual([]);
  });

  it('never hands over a row that already has its audit record', async () => {
    await waitingRows(2);
    await t.app.get(AuditAppender).appendPending();
    const fresh = await waitingRows(2);
    const { relay, queue } = aRelay();
    expect(await relay.relayOnce()).toBe(2);
    expect(queue.ids()).toEqual(fresh);
  });

  it('re-sends a row still unaudited after the timeout, not before, and never once it is audited', async () => {
    const ids = await waitingRows(2);
    const { relay, queue } = aRelay();
    expect(await relay.relayOnce()).toBe(2);
    expect(await relay.relayOnce()).toBe(0);
    await handedOverLongAgo(ids);
    expect(await relay.relayOnce()).toBe(2);
    expect(queue.ids()).toEqual([...ids, ...ids]);
    expect(await dispatchCounts(ids)).toEqual([2, 2]);

    await t.app.get(AuditAppender).appendPending();
    await handedOverLongAgo(ids);
    expect(await relay.relayOnce()).toBe(0);
    expect(queue.ids()).toEqual([...ids, ...ids]);
  });

  it('when the queue refuses, the rows wait in the outbox and go with the next round, without waiting for the timeout', async () => {
    const ids = await waitingRows(2);
    const { relay, queue } = aRelay();
    queue.answer = 'refuse';
    await expect(relay.relayOnce()).rejects.toThrow(/enableOfflineQueue/);
    expect(queue.handed).toEqual([]);
    queue.answer = 'take';
    expect(await relay.relayOnce()).toBe(2);
    expect(queue.ids()).toEqual(ids);
  });

  it('a queue that does not answer in 5 s counts as refused: the rows go with the next round', async () => {
    const ids = await waitingRows(2);
    const { relay, queue } = aRelay();
    queue.answer = 'hang';
    await expect(relay.relayOnce()).rejects.toThrow('no answer from the queue in 5000 ms');
    queue.answer = 'take';
    expect(await relay.relayOnce()).toBe(2);
    expect(queue.ids()).toEqual(ids);
  }, 30_000);

  it('relays running at once never hand over the same row, and together hand over every row', async () => {
    const ids = await waitingRows(40);
    const relays = Array.from({ length: 4 }, () => aRelay({ batchSize: 5 }));
    await Promise.all(
      relays.map(async ({ relay }) => {
        while ((await relay.relayOnce()) > 0);
      }),
    );
    const handed = relays.flatMap(({ queue }) => queue.ids());
    expect([...handed].sort((a, b) => Number(a) - Number(b))).toEqual(ids);
    expect(await dispatchCounts(ids)).toEqual(ids.map(() => 1));
  }, 60_000);
});
