/**
 * What the per-request token check costs: an authenticated GET /v1/auth/me against the built
 * API in server mode, once with the login's token version cached (TOKEN_CHECK_CACHE_MS=2000,
 * the default), once looked up on every request (0), beside the raw HS256 verification alone
 * (in this process, one core: the floor the check adds to). Printed side by side.
 *
 *   node tools/build.mjs && node --require ./test/support/typescript-require-hook.cjs test/bench/token-check.bench.ts
 *
 * BENCH_SECONDS, BENCH_WARMUP_SECONDS, BENCH_CLIENTS and BENCH_POSTGRES_URL / BENCH_REDIS_URL
 * apply as for `npm run bench`.
 */
import '../support/audit-ts-loader';
import { randomBytes } from 'node:crypto';
import { JwtService } from '@nestjs/jwt';
import { AppConfig, Role, TokenService } from '@app/core';
import { BenchHttp } from './support/bench-http';
import { resetBenchRedis, settings } from './support/bench-settings';
import { httpLoad, Throughput } from './support/load';
import {
  ADMIN,
  API_MAIN,
  createBenchDatabase,
  freePort,
  requireBuild,
  serverEnv,
  startProduct,
  waitForReady,
} from './support/product-process';

const log = (line: string) => process.stderr.write(`[bench:token-check] ${line}\n`);

async function meThroughput(
  databaseUrl: string,
  cacheMs: number,
): Promise<Throughput & { label: string }> {
  const port = await freePort();
  const env = {
    ...serverEnv(databaseUrl, settings.redisUrl, port),
    TOKEN_CHECK_CACHE_MS: String(cacheMs),
  };
  const api = startProduct(`api (TOKEN_CHECK_CACHE_MS=${cacheMs})`, API_MAIN, { env });
  try {
    const baseUrl = `http://127.0.0.1:${port}`;
    await waitForReady(api, `${baseUrl}/health/live`);
    const token = await new BenchHttp(baseUrl).login(ADMIN.username, ADMIN.password);
    const load = { baseUrl, connections: settings.clients, token };
    const next = () => ({ method: 'GET' as const, path: '/v1/auth/me' });
    await httpLoad({ ...load, seconds: settings.warmupSeconds, next });
    const result = await httpLoad({ ...load, seconds: settings.seconds, next });
    if (result.failed > 0) throw new Error(`${result.failed} requests failed:\n${api.output()}`);
    return {
      ...result,
      label:
        cacheMs === 0
          ? 'GET /v1/auth/me, version looked up on every request (TOKEN_CHECK_CACHE_MS=0)'
          : `GET /v1/auth/me, version cached (TOKEN_CHECK_CACHE_MS=${cacheMs})`,
    };
  } finally {
    await api.stop();
  }
}

/** The product's own TokenService.verifyClaims (HS256, key object) on one token, for `seconds`. */
async function rawVerify(seconds: number): Promise<Throughput & { label: string }> {
  const config = { jwtSecret: randomBytes(32).toString('hex'), jwtTtlSeconds: 3600 } as AppConfig;
  const tokens = new TokenService(new JwtService(), config);
  const { accessToken } = tokens.issue(
    {
      userId: '00000000-0000-4000-8000-000000000001',
      username: 'bench',
      role: Role.ADMIN,
      institutionId: null,
      certificationBodyId: null,
      learnerId: null,
    },
    1,
  );
  const started = performance.now();
  let count = 0;
  while (performance.now() - started < seconds * 1000) {
    for (let i = 0; i < 1000; i += 1) await tokens.verifyClaims(accessToken);
    count += 1000;
  }
  const elapsed = (performance.now() - started) / 1000;
  return {
    label: 'TokenService.verifyClaims alone (HS256; in-process, one core, no HTTP)',
    rate: count / elapsed,
    unit: 'verifies/s',
    count,
    failed: 0,
    seconds: elapsed,
  };
}

async function main(): Promise<void> {
  requireBuild();
  await resetBenchRedis(settings.redisUrl);
  const database = await createBenchDatabase(settings.postgresAdminUrl);
  try {
    log(`database ${database.name}; ${settings.clients} clients, ${settings.seconds} s each`);
    const rows = [
      await meThroughput(database.url, 2000),
      await meThroughput(database.url, 0),
      await rawVerify(settings.seconds),
    ];
    const lines = [
      '| what | rate | p50 ms | p99 ms |',
      '|---|---:|---:|---:|',
      ...rows.map(
        (row) =>
          `| ${row.label} | ${Math.round(row.rate).toLocaleString('en')} ${row.unit} | ${row.p50Ms ?? '–'} | ${row.p99Ms ?? '–'} |`,
      ),
    ];
    process.stdout.write(`${lines.join('\n')}\n`);
  } finally {
    await database.drop();
    await resetBenchRedis(settings.redisUrl);
  }
}

main().catch((error: unknown) => {
  process.stderr.write(
    `${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(1);
});
