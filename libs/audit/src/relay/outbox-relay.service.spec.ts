import { Queue } from 'bullmq';
import { DataSource } from 'typeorm';
import { AppConfig } from '@app/core';
import { AuditPipelineSettings } from '../audit-pipeline.settings';
import { OutboxRelay } from './outbox-relay.service';

/** The relay's round against a fake database and queue: what it claims, sends and releases. */
class RelayWithFakeQueue extends OutboxRelay {
  constructor(
    dataSource: DataSource,
    private readonly fake: Partial<Queue>,
  ) {
    super(
      { mode: 'embedded', databaseUrl: 'postgres://unused' } as AppConfig,
      dataSource,
      new AuditPipelineSettings({ mode: 'embedded' }, { resendAfterMs: 30_000, relayBatchSize: 3 }),
    );
  }

  protected override openQueue(): Queue {
    return this.fake as Queue;
  }
}

function fakeDatabase(claimed: string[]) {
  const query = jest.fn(async (sql: string) =>
    sql.includes('WITH claimed') ? claimed.map((id) => ({ id })) : [],
  );
  return { dataSource: { query } as unknown as DataSource, query };
}

describe('OutboxRelay.relayOnce', () => {
  let relay: RelayWithFakeQueue | undefined;

  afterEach(async () => {
    await relay?.onApplicationShutdown();
    relay = undefined;
  });

  function start(
    database: ReturnType<typeof fakeDatabase>,
    queue: Partial<Queue>,
  ): RelayWithFakeQueue {
    // Not bootstrapped: no polling loop, the test drives rounds by hand.
    relay = new RelayWithFakeQueue(database.dataSource, {
      on: jest.fn(),
      close: jest.fn(async () => undefined),
      ...queue,
    } as Partial<Queue>);
    return relay;
  }

  it('claims unaudited rows not handed over (or handed over too long ago) and adds one job per row, jobId from the id', async () => {
    const database = fakeDatabase(['7', '8', '9']);
    const addBulk = jest.fn(async () => []);
    const moved = await start(database, { addBulk }).relayOnce();
    expect(moved).toBe(3);
    expect(addBulk).toHaveBeenCalledTimes(1);
    expect(addBulk).toHaveBeenCalledWith([
      { name: 'append', data: { outboxIds: ['7'] }, opts: { jobId: 'outbox-7' } },
      { name: 'append', data: { outboxIds: ['8'] }, opts: { jobId: 'outbox-8' } },
      { name: 'append', data: { outboxIds: ['9'] }, opts: { jobId: 'outbox-9' } },
    ]);
    const [claimSql, claimParameters] = database.query.mock.calls.find(([sql]) =>
      sql.includes('WITH claimed'),
    ) as unknown as [string, unknown[]];
    expect(claimSql).toMatch(/audited_at IS NULL/);
    expect(claimSql).toMatch(/dispatched_at IS NULL OR dispatched_at < now\(\)/);
    expect(claimSql).toMatch(/FOR UPDATE SKIP LOCKED/);
    expect(claimParameters).toEqual([3, 30_000]);
  });

  it('releases its claim when the queue refuses, so the rows wait in the outbox', async () => {
    const database = fakeDatabase(['7', '8']);
    const addBulk = jest.fn(async () => {
      throw new Error("Stream isn't writeable and enableOfflineQueue options is false");
    });
    await expect(start(database, { addBulk }).relayOnce()).rejects.toThrow(/enableOfflineQueue/);
    const release = database.query.mock.calls.find(([sql]) =>
      sql.includes('SET dispatched_at = NULL'),
    );
    expect(release).toEqual([expect.stringMatching(/audited_at IS NULL/), [['7', '8']]]);
  });

  it('does not touch the queue when nothing is waiting', async () => {
    const addBulk = jest.fn();
    await expect(start(fakeDatabase([]), { addBulk }).relayOnce()).resolves.toBe(0);
    expect(addBulk).not.toHaveBeenCalled();
  });
});
