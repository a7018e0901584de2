import { InjectQueue } from '@nestjs/bullmq';
import { Injectable } from '@nestjs/common';
import { Queue } from 'bullmq';
import { DataSource } from 'typeorm';
import { QueueName } from '@app/core';
import { HEARTBEAT_EVERY_MS, HEARTBEAT_JOB } from './runtime/heartbeat/heartbeat.processor';

export interface CheckResult {
  status: 'up' | 'down';
  latencyMs?: number;
  error?: string;
}

export interface Readiness {
  status: 'ready' | 'not_ready';
  checks: { database: CheckResult; queue: CheckResult };
  worker: { lastHeartbeatAt: string | null; ageSeconds: number | null; stale: boolean };
}

async function timed(check: () => Promise<unknown>, timeoutMs: number): Promise<CheckResult> {
  const started = performance.now();
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      check(),
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no answer in ${timeoutMs} ms`)), timeoutMs);
      }),
    ]);
    return { status: 'up', latencyMs: Math.round(performance.now() - started) };
  } catch (error) {
    return { status: 'down', error: error instanceof Error ? error.message : 'unavailable' };
  } finally {
    clearTimeout(timer);
  }
}

/** Ready = the database answers and the queue answers. The worker's heartbeat is reported. */
@Injectable()
export class ReadinessService {
  constructor(
    private readonly dataSource: DataSource,
    @InjectQueue(QueueName.system) private readonly queue: Queue,
  ) {}

  async check(): Promise<Readiness> {
    const database = await timed(() => this.dataSource.query('SELECT 1'), 2_000);
    const queue = await timed(() => this.queue.getJobCounts('waiting'), 2_000);
    const worker = await this.lastHeartbeat(database.status === 'up');
    const ready = database.status === 'up' && queue.status === 'up';
    return { status: ready ? 'ready' : 'not_ready', checks: { database, queue }, worker };
  }

  private async lastHeartbeat(databaseUp: boolean): Promise<Readiness['worker']> {
    if (!databaseUp) return { lastHeartbeatAt: null, ageSeconds: null, stale: true };
    const rows: { last_run_at: Date }[] = await this.dataSource.query(
      'SELECT last_run_at FROM worker_heartbeats WHERE name = $1',
      [HEARTBEAT_JOB],
    );
    if (rows.length === 0) return { lastHeartbeatAt: null, ageSeconds: null, stale: true };
    const ageSeconds = Math.max(0, Math.round((Date.now() - rows[0].last_run_at.getTime()) / 1000));
    return {
      lastHeartbeatAt: rows[0].last_run_at.toISOString(),
      ageSeconds,
      stale: ageSeconds * 1000 > HEARTBEAT_EVERY_MS * 3,
    };
  }
}
