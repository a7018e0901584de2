/**
 * Proof cost at scale (a script, not a test): `npm run bench:tree`.
 *
 * Builds the stored Merkle tree of TREE_LEAVES records (default 10,000,000) straight in
 * PostgreSQL (support/tree-build.ts), exactly the rows the appender would have written. Then times, one at a time from one client,
 * TREE_PROOFS inclusion proofs of random records and consistency proofs from random sizes to
 * the whole tree through AuditProofs (the service behind the public routes), and checks every
 * proof with the RFC 9162 verifiers against roots read from the same nodes. A prefix of the
 * SQL-built tree is first checked against the pure module, so the figures are about a real tree.
 *
 * Needs PostgreSQL (BENCH_DATABASE_URL, else TEST_DATABASE_URL, else
 * postgres://postgres@127.0.0.1:5432/postgres); a throw-away database is created and dropped.
 */
import '../support/audit-ts-loader';
import { randomBytes } from 'node:crypto';
import { Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import {
  AuditProofs,
  leafHash,
  MerkleFrontier,
  rootAt,
  treeNodeReader,
  verifyConsistency,
  verifyInclusion,
} from '@app/audit';
import { AppConfig, dataSourceOptions, loadConfig } from '@app/core';
import { migrate } from '@app/platform';
import { createTestDatabase } from '../support/test-database';
import { buildStoredTree } from './support/tree-build';

const N = Number(process.env.TREE_LEAVES ?? 10_000_000);
const PROOFS = Number(process.env.TREE_PROOFS ?? 2_000);
const CHECKED_PREFIX = Math.min(N, 4_097);

async function main(): Promise<void> {
  const serverUrl =
    process.env.BENCH_DATABASE_URL ??
    process.env.TEST_DATABASE_URL ??
    'postgres://postgres@127.0.0.1:5432/postgres';
  process.env.TEST_DATABASE_URL = serverUrl;
  const database = await createTestDatabase('tree proofs bench');
  const config = AppConfig.forServer(
    loadConfig({
      NODE_ENV: 'test',
      LOG_LEVEL: 'warn',
      DATABASE_URL: database.url,
      REDIS_URL: 'redis://127.0.0.1:6379',
      JWT_SECRET: randomBytes(32).toString('hex'),
      IDENTITY_KEY: randomBytes(32).toString('base64'),
      OUTBOX_HMAC_KEY: randomBytes(32).toString('base64'),
      AUDIT_SIGNING_KEY: 'unused: nothing is signed here',
    }),
  );
  const dataSource = new DataSource({
    ...dataSourceOptions(
      { databaseUrl: database.url, dbPoolSize: 2, dbStatementTimeoutMs: 3_600_000 },
      [],
      [],
      'credit-bank-tree-bench',
    ),
    logging: false,
  });
  try {
    Logger.overrideLogger(false); // the migrations' log lines
    await migrate(config, 'credit-bank-bench');
    await dataSource.initialize();
    log(`N = ${N.toLocaleString('en')} leaves; PostgreSQL ${new URL(serverUrl).host}`);
    const built = await buildStoredTree(dataSource, N);
    log(
      `built ${built.rows.toLocaleString('en')} nodes in ${(built.ms / 1000).toFixed(1)} s (${built.size} with the primary key)`,
    );
    await checkPrefix(dataSource);
    const reader = treeNodeReader(dataSource);
    const root = await rootAt(reader, N);
    const proofs = new AuditProofs(dataSource);
    const random = (max: number) => 1 + Math.floor(Math.random() * max);

    const inclusion = await timed(async () => {
      const seq = random(N);
      const proof = await proofs.inclusion(seq, N);
      const check = verifyInclusion({
        leafIndex: proof.leafIndex,
        treeSize: N,
        leafHash: Buffer.from(proof.leafHash, 'hex'),
        path: proof.path.map((hash) => Buffer.from(hash, 'hex')),
        rootHash: root,
      });
      if (!check.valid) throw new Error(`inclusion of ${seq} does not verify: ${check.reason}`);
      return proof.path.length;
    });
    report('inclusion proof, random record, tree of N', inclusion);

    const firstRoots = new Map<number, Buffer>();
    const firsts = Array.from({ length: PROOFS }, () => random(N - 1));
    for (const first of firsts) firstRoots.set(first, await rootAt(reader, first));
    let next = 0;
    const consistency = await timed(async () => {
      const first = firsts[next++ % firsts.length];
      const proof = await proofs.consistency(first, N);
      const check = verifyConsistency({
        first,
        second: N,
        firstRoot: firstRoots.get(first) as Buffer,
        secondRoot: root,
        path: proof.path.map((hash) => Buffer.from(hash, 'hex')),
      });
      if (!check.valid)
        throw new Error(`consistency ${first}→${N} does not verify: ${check.reason}`);
      return proof.path.length;
    });
    report('consistency proof, random first size → N', consistency);

    const [plan] = await dataSource.query<
      { 'QUERY PLAN': { Plan: { 'Node Type': string }; 'Execution Time': number }[] }[]
    >(
      `EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON)
       SELECT n.level, n.idx, n.hash
         FROM unnest($1::smallint[], $2::bigint[]) AS a(level, idx)
         JOIN audit_tree_nodes n ON n.chain_id = 1 AND n.level = a.level AND n.idx = a.idx`,
      [
        [0, 1, 2, 3],
        [N - 1, 7, 9, 3],
      ],
    );
    const top = plan['QUERY PLAN'][0];
    log(
      `one node read (4 addresses): plan ${top.Plan['Node Type']}, executed in ${top['Execution Time'].toFixed(3)} ms`,
    );
  } finally {
    if (dataSource.isInitialized) await dataSource.destroy();
    await database.drop();
  }
}

/** The SQL-built nodes of a prefix are the ones the appender's fold computes. */
async function checkPrefix(dataSource: DataSource): Promise<void> {
  const frontier = MerkleFrontier.empty();
  const expected = [];
  for (let i = 0; i < CHECKED_PREFIX; i++) {
    expected.push(...frontier.append(leafHash(Buffer.from(`{"seq":${i + 1}}`, 'utf8'))));
  }
  const stored = await treeNodeReader(dataSource)(expected);
  const byKey = new Map(stored.map((node) => [`${node.level}:${node.index}`, node.hash]));
  for (const node of expected) {
    const hash = byKey.get(`${node.level}:${node.index}`);
    if (!hash || !Buffer.from(hash).equals(node.hash)) {
      throw new Error(`SQL-built node (${node.level}, ${node.index}) differs from the appender's`);
    }
  }
  const root = await rootAt(treeNodeReader(dataSource), CHECKED_PREFIX);
  if (!root.equals(frontier.root())) throw new Error('SQL-built root differs from the fold');
  log(
    `the first ${CHECKED_PREFIX} leaves' ${expected.length} nodes and root match the appender's fold`,
  );
}

interface Timing {
  ms: number[];
  pathLength: number;
  totalMs: number;
}

async function timed(proof: () => Promise<number>): Promise<Timing> {
  for (let i = 0; i < 50; i++) await proof(); // warm the connection and the statement
  const ms: number[] = [];
  let pathLength = 0;
  const started = performance.now();
  for (let i = 0; i < PROOFS; i++) {
    const one = performance.now();
    pathLength = Math.max(pathLength, await proof());
    ms.push(performance.now() - one);
  }
  return { ms: ms.sort((a, b) => a - b), pathLength, totalMs: performance.now() - started };
}

function report(what: string, timing: Timing): void {
  const at = (q: number) =>
    timing.ms[Math.min(timing.ms.length - 1, Math.floor(q * timing.ms.length))];
  log(
    `${what}: ${PROOFS} proofs, p50 ${at(0.5).toFixed(2)} ms, p99 ${at(0.99).toFixed(2)} ms, max ${timing.ms[timing.ms.length - 1].toFixed(2)} ms; ` +
      `${Math.round((PROOFS * 1000) / timing.totalMs)} proofs/s from one client, each verified; path ≤ ${timing.pathLength} hashes`,
  );
}

function log(line: string): void {
  process.stdout.write(`${line}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${(error as Error).stack ?? String(error)}\n`);
  process.exitCode = 1;
});
