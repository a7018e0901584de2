import type { Pool } from 'pg';
import { checkerPool } from './fault-checks';
import type { LoadScene } from './fault-load';
import { ProductBuild, ProductProcess, productEnv, waitUntilAnswers } from './fault-product';
import { createLoadScene } from './fault-scene';
import { PrivatePostgres } from './fault-services';
import { freePort, PrivateRedis } from './private-redis';

export type FaultName = 'api' | 'postgres' | 'redis' | 'worker';

export const FAULT_NAMES: readonly FaultName[] = ['api', 'postgres', 'redis', 'worker'];

export const FAULT_LABELS: Record<FaultName, string> = {
  api: '(a) API SIGKILL + restart',
  postgres: '(b) PostgreSQL stop -m immediate + start',
  redis: '(c) Redis shutdown nosave + start empty',
  worker: '(d) worker SIGKILL + restart',
};

/**
 * Private PostgreSQL and Redis, the product's API and worker processes on them, and the data
 * the load needs. One stack serves every fault of a run, so each fault also re-checks what
 * the earlier ones acknowledged.
 */
export class FaultStack {
  private constructor(
    readonly postgres: PrivatePostgres,
    readonly redis: PrivateRedis,
    readonly api: ProductProcess,
    readonly worker: ProductProcess,
    readonly apiUrl: string,
    readonly pool: Pool,
  ) {}

  scene!: LoadScene;
  adminToken!: string;

  static async start(
    build: ProductBuild,
    sizes: { learners: number; courses: number },
    log: (line: string) => void,
  ): Promise<FaultStack> {
    log('starting a private PostgreSQL 15 cluster and a private redis-server');
    const postgres = await PrivatePostgres.create();
    let redis: PrivateRedis;
    try {
      redis = await PrivateRedis.start();
    } catch (error) {
      postgres.destroy();
      throw error;
    }
    const port = await freePort();
    const env = productEnv(postgres, redis.url, port);
    const stack = new FaultStack(
      postgres,
      redis,
      new ProductProcess('api', build, env),
      new ProductProcess('worker', build, env),
      `http://127.0.0.1:${port}`,
      checkerPool(postgres.url),
    );
    // Whatever happens to this process, the private servers and the product go with it.
    process.once('exit', stack.onExit);
    try {
      log(
        `PostgreSQL on :${postgres.port}, Redis on :${redis.port}; starting the API (${build}) on :${port}`,
      );
      stack.api.start();
      await waitUntilAnswers(stack.api, `${stack.apiUrl}/health/ready`, 120_000);
      stack.worker.start();
      log(`creating ${sizes.courses} courses and ${sizes.learners} learners over HTTP`);
      const { scene, adminToken } = await createLoadScene(stack.apiUrl, sizes);
      stack.scene = scene;
      stack.adminToken = adminToken;
      return stack;
    } catch (error) {
      await stack.stop();
      throw error;
    }
  }

  async stopService(fault: FaultName): Promise<void> {
    switch (fault) {
      case 'api':
        return this.api.kill();
      case 'postgres':
        return this.postgres.stopImmediate();
      case 'redis':
        return this.redis.shutdownNosave();
      case 'worker':
        return this.worker.kill();
    }
  }

  /** Starts the service again; the API and the worker are spawned and left to boot (recovery is measured by the load). */
  async startService(fault: FaultName): Promise<void> {
    switch (fault) {
      case 'api':
        return this.api.start();
      case 'postgres':
        return this.postgres.start();
      case 'redis':
        return this.redis.start();
      case 'worker':
        return this.worker.start();
    }
  }

  /** Exits of the API or the worker that no fault asked for. */
  unexpectedExits(): string[] {
    return [...this.api.unexpectedExits, ...this.worker.unexpectedExits];
  }

  private readonly onExit = () => this.destroyNow();

  async stop(): Promise<void> {
    process.removeListener('exit', this.onExit);
    await Promise.all([this.api.stop(), this.worker.stop()]);
    await this.pool.end().catch(() => undefined);
    this.destroyNow();
  }

  /** Synchronous: for exit and signal handlers. */
  destroyNow(): void {
    this.api.killNow();
    this.worker.killNow();
    this.redis.destroy();
    this.postgres.destroy();
  }
}
