/**
 * Rows: the log's public proofs and an outsider's check of them (`npm run bench:proofs` alone,
 * or as part of `npm run bench`). Measurement only: nothing here is a test.
 *
 * 1. Inclusion proofs over HTTP from the built API, on a tree of BENCH_TREE_LEAVES records
 *    (default 10 million, built in SQL by support/tree-build.ts), against the limit: the same node read
 *    (the product's statement, same addresses) sent straight to PostgreSQL at the same
 *    concurrency, no HTTP and no framework.
 * 2. Witness checks: a signed note opened with the pinned key and a consistency proof verified
 *    from the last witnessed size, in memory, against raw Ed25519 verification of the same
 *    notes (the check's floor: one signature per head).
 */
import '../support/audit-ts-loader';
import { createPublicKey, randomInt, verify } from 'node:crypto';
import { Pool } from 'pg';
import {
  checkpointBody,
  consistencyProof,
  formatSignedNote,
  generateSigningKey,
  inclusionPlan,
  leafHash,
  MerkleFrontier,
  NodeReader,
  nodeKey,
  noteKeyId,
  noteVerifierKey,
  openCheckpointNote,
  parseVerifierKey,
  publicKeyToRaw,
  rootAt,
  signText,
  StoredNode,
  treeNodeReader,
  verifyConsistency,
} from '@app/audit';
import { BenchHttp } from './support/bench-http';
import { settings } from './support/bench-settings';
import { httpLoad, percentile, Throughput } from './support/load';
import {
  ADMIN,
  API_MAIN,
  createBenchDatabase,
  freePort,
  serverEnv,
  startProduct,
  waitForReady,
} from './support/product-process';
import { row, Row } from './support/report';
import { buildStoredTree } from './support/tree-build';

const TREE_LEAVES = Number(process.env.BENCH_TREE_LEAVES ?? 10_000_000);
/** Heads the witness row checks, each against its predecessor. */
const WITNESS_HEADS = 500;
const WITNESS_LEAVES = 1 << 16;

const log = (line: string) => process.stderr.write(`[bench] ${line}\n`);

export async function proofRows(adminUrl: string, redisUrl: string): Promise<Row[]> {
  return [await inclusionRow(adminUrl, redisUrl), await witnessRow()];
}

async function inclusionRow(adminUrl: string, redisUrl: string): Promise<Row> {
  const database = await createBenchDatabase(adminUrl);
  const port = await freePort();
  const api = startProduct('api', API_MAIN, { env: serverEnv(database.url, redisUrl, port) });
  const pool = new Pool({ connectionString: database.url, max: settings.clients });
  try {
    const baseUrl = `http://127.0.0.1:${port}`;
    await waitForReady(api, `${baseUrl}/health/live`);
    log(`proofs: generating the nodes of a ${TREE_LEAVES.toLocaleString('en-US')}-record tree`);
    const built = await buildStoredTree(
      { query: (text, values) => pool.query(text, values).then((result) => result.rows) },
      TREE_LEAVES,
    );
    const seq = () => randomInt(1, TREE_LEAVES + 1);
    const http = new BenchHttp(baseUrl);
    const token = await http.login(ADMIN.username, ADMIN.password);
    const load = { connections: settings.clients, seconds: settings.seconds };

    log(`proofs: limit, the same node reads straight to PostgreSQL, ${load.connections} clients`);
    await directReads(pool, seq, settings.warmupSeconds, load.connections);
    const limit = await directReads(pool, seq, load.seconds, load.connections);
    log('proofs: the product over HTTP');
    const proofs = (path: () => string, seconds = load.seconds) =>
      httpLoad({
        baseUrl,
        token,
        connections: load.connections,
        seconds,
        next: () => ({ method: 'GET', path: path() }),
      });
    const inclusionPath = () => `/v1/audit/proofs/inclusion?seq=${seq()}&treeSize=${TREE_LEAVES}`;
    await proofs(inclusionPath, settings.warmupSeconds);
    const product = await proofs(inclusionPath);
    const consistency = await proofs(
      () => `/v1/audit/proofs/consistency?first=${seq()}&second=${TREE_LEAVES}`,
    );
    return row({
      path: 'inclusion proof (GET /v1/audit/proofs/inclusion)',
      mode: 'server',
      product,
      limitLabel: 'the same node read, straight to PostgreSQL',
      limit,
      goals: [
        { text: 'p50 ≤ 10 ms at 10M records', met: (product.p50Ms ?? Infinity) <= 10 },
        { text: '≥ 0.5× the direct read', met: product.rate / limit.rate >= 0.5 },
      ],
      note:
        `tree of ${TREE_LEAVES.toLocaleString('en-US')} records (${built.rows.toLocaleString('en-US')} stored nodes, ${built.size}, built in ${(built.ms / 1000).toFixed(0)} s); ` +
        `consistency proofs to the full tree: ${Math.round(consistency.rate).toLocaleString('en-US')}/s, p50 ${consistency.p50Ms?.toFixed(1)} ms.`,
    });
  } finally {
    await pool.end();
    await api.stop();
    await database.drop().catch((error: unknown) => log(`could not drop: ${String(error)}`));
  }
}

/** `connections` loops, each sending the product's node read for a random record's proof. */
async function directReads(
  pool: Pool,
  seq: () => number,
  seconds: number,
  connections: number,
): Promise<Throughput> {
  const reader = treeNodeReader({
    query: (text: string, values?: unknown[]) => pool.query(text, values).then((r) => r.rows),
  });
  const latencies: number[] = [];
  const end = performance.now() + seconds * 1000;
  let failed = 0;
  await Promise.all(
    Array.from({ length: connections }, async () => {
      while (performance.now() < end) {
        const leaf = seq() - 1;
        const plan = inclusionPlan(leaf, TREE_LEAVES);
        const started = performance.now();
        // As AuditProofs reads: the path's nodes, the leaf, and the tree's last leaf.
        const addresses = [
          ...plan.addresses,
          { level: 0, index: leaf },
          { level: 0, index: TREE_LEAVES - 1 },
        ];
        const nodes = await reader(addresses);
        if (nodes.length < plan.addresses.length + 1) failed++;
        latencies.push(performance.now() - started);
      }
    }),
  );
  latencies.sort((a, b) => a - b);
  return {
    rate: latencies.length / seconds,
    unit: 'reads/s',
    p50Ms: percentile(latencies, 0.5),
    p99Ms: percentile(latencies, 0.99),
    count: latencies.length,
    failed,
    seconds,
  };
}

/** A witness's work per new head, in memory: open the note, verify the consistency proof. */
async function witnessRow(): Promise<Row> {
  log(
    `witness: ${WITNESS_HEADS} heads over a ${WITNESS_LEAVES.toLocaleString('en-US')}-record tree`,
  );
  const nodes = new Map<string, StoredNode>();
  const frontier = MerkleFrontier.empty();
  for (let i = 0; i < WITNESS_LEAVES; i++) {
    for (const node of frontier.append(leafHash(Buffer.from(`record ${i}`)))) {
      nodes.set(nodeKey(node), node);
    }
  }
  const reader: NodeReader = (addresses) =>
    Promise.resolve(addresses.flatMap((address) => nodes.get(nodeKey(address)) ?? []));
  const key = generateSigningKey();
  const origin = 'bench.example/audit';
  const raw = publicKeyToRaw(key.publicKeyPem);
  const keyId = noteKeyId(origin, raw).toString('hex');
  const pinned = parseVerifierKey(noteVerifierKey(origin, raw));

  // Everything the witness receives, prepared ahead: each head's note and its proof from the last.
  const heads: {
    size: number;
    root: Buffer;
    note: string;
    body: Buffer;
    signature: Buffer;
    proof: Buffer[];
  }[] = [];
  for (let i = 1; i <= WITNESS_HEADS; i++) {
    const size = Math.round((i * WITNESS_LEAVES) / WITNESS_HEADS);
    const root = await rootAt(reader, size);
    const body = checkpointBody({ origin, treeSize: size, rootHash: root.toString('hex') });
    const signature = signText(key.privateKeyPem, body);
    const note = formatSignedNote(body, [{ keyName: origin, keyId, signature }]);
    const previous = heads[heads.length - 1];
    const proof = previous ? await consistencyProof(reader, previous.size, size) : [];
    heads.push({
      size,
      root,
      note,
      body: Buffer.from(body, 'utf8'),
      signature: Buffer.from(signature, 'base64'),
      proof,
    });
  }

  const seconds = Math.max(1, Math.round(settings.seconds / 3));
  const product = timed('checks/s', seconds, (i) => {
    const index = 1 + (i % (heads.length - 1));
    const [previous, head] = [heads[index - 1], heads[index]];
    const checkpoint = openCheckpointNote(head.note, pinned);
    const check = verifyConsistency({
      first: previous.size,
      second: checkpoint.treeSize,
      firstRoot: previous.root,
      secondRoot: Buffer.from(checkpoint.rootHash, 'hex'),
      path: head.proof,
    });
    return check.valid;
  });
  const publicKey = createPublicKey(key.publicKeyPem);
  const limit = timed('verifications/s', seconds, (i) => {
    const { body, signature } = heads[i % heads.length];
    return verify(null, body, publicKey, signature);
  });
  const pathLength = Math.round(
    heads.reduce((sum, head) => sum + head.proof.length, 0) / heads.length,
  );
  return row({
    path: 'witness check of a new head (note + consistency proof)',
    mode: 'server',
    product,
    limitLabel: 'raw Ed25519 verification of the same notes (node:crypto)',
    limit,
    goals: [{ text: '≥ 0.5× raw Ed25519', met: product.rate / limit.rate >= 0.5 }],
    note: `in memory, ${WITNESS_HEADS} heads over ${WITNESS_LEAVES.toLocaleString('en-US')} records, proofs of ${pathLength} hashes on average; the HTTP fetches of a real run are not counted.`,
  });
}

/** Runs `work` for `seconds` on this thread; a false answer counts as failed. */
function timed(unit: string, seconds: number, work: (i: number) => boolean): Throughput {
  const end = performance.now() + seconds * 1000;
  let count = 0;
  let failed = 0;
  while (performance.now() < end) {
    for (let j = 0; j < 100; j++, count++) if (!work(count)) failed++;
  }
  return { rate: count / seconds, unit, count, failed, seconds };
}

/** `npm run bench:proofs`: the two rows alone, printed as JSON. */
if (require.main === module) {
  proofRows(settings.postgresAdminUrl, settings.redisUrl)
    .then((rows) => process.stdout.write(`${JSON.stringify(rows, null, 2)}\n`))
    .catch((error: unknown) => {
      process.stderr.write(
        `${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
      );
      process.exitCode = 1;
    });
}
