/**
 * Rows: the audit pipeline (outbox → relay → BullMQ → chain) against no-op BullMQ jobs on the same
 * Redis, and audit verification against raw SHA-256 over the same bytes. Both are measured by the
 * audit area's own script, test/bench/audit-throughput.ts (`npm run bench:audit`), run here as a
 * child process on the bench's PostgreSQL and Redis; this file only reads its figures.
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './support/product-process';
import { notMeasured, row, Row } from './support/report';

const SCRIPT = join(__dirname, 'audit-throughput.ts');
const PIPELINE = 'audit pipeline: outbox → relay → BullMQ → chain';
const PIPELINE_LIMIT = 'no-op BullMQ jobs, same Redis';
const VERIFY = 'audit verification';
const VERIFY_LIMIT = 'raw SHA-256 over the same bytes (node:crypto)';

function run(adminUrl: string, redisUrl: string): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      ['--require', join(ROOT, 'test/support/typescript-require-hook.cjs'), SCRIPT],
      {
        cwd: ROOT,
        env: { ...process.env, BENCH_DATABASE_URL: adminUrl, BENCH_REDIS_URL: redisUrl },
        timeout: 180_000,
        maxBuffer: 4 * 1024 * 1024,
      },
      (error, stdout, stderr) => {
        if (error) reject(new Error(`${error.message}\n${stderr.slice(-2000)}`));
        else resolve(stdout);
      },
    );
  });
}

/** "  12,345 records/s  (5000 in 405 ms…" → 12345, on the line after `heading`. */
function rateAfter(output: string, heading: RegExp, unit: string): number | null {
  const lines = output.split('\n');
  const index = lines.findIndex((line) => heading.test(line));
  const pattern = new RegExp(`([\\d,]+) ${unit}`);
  for (const line of index < 0 ? [] : [lines[index], lines[index + 1] ?? '']) {
    const match = pattern.exec(line);
    if (match) return Number(match[1].replace(/,/g, ''));
  }
  return null;
}

const figure = (rate: number, unit: string) => ({ rate, unit, count: 0, failed: 0, seconds: 0 });

export async function auditRows(adminUrl: string, redisUrl: string): Promise<Row[]> {
  if (!existsSync(SCRIPT)) {
    const reason = 'test/bench/audit-throughput.ts (the audit area’s script) is not there';
    return [
      notMeasured(PIPELINE, 'server', PIPELINE_LIMIT, reason),
      notMeasured(VERIFY, 'server', VERIFY_LIMIT, reason),
    ];
  }
  let output: string;
  try {
    output = await run(adminUrl, redisUrl);
  } catch (error) {
    const reason = `audit-throughput.ts failed: ${String(error).split('\n')[0]}`;
    return [
      notMeasured(PIPELINE, 'server', PIPELINE_LIMIT, reason),
      notMeasured(VERIFY, 'server', VERIFY_LIMIT, reason),
    ];
  }
  const records = Number(/N = (\d+) records/.exec(output)?.[1] ?? 0);
  const pipeline = rateAfter(output, /^pipeline \(/, 'records/s');
  const noop = rateAfter(output, /^no-op BullMQ jobs/, 'jobs/s');
  const streamed = rateAfter(output, /from PostgreSQL/, 'records/s');
  const inMemory = rateAfter(output, /in memory \(ChainVerifier/, 'records/s');
  const raw = rateAfter(output, /raw SHA-256 over the same bytes/, 'records/s');
  const rows: Row[] = [];
  if (pipeline !== null && noop !== null) {
    const ratio = pipeline / noop;
    rows.push(
      row({
        path: PIPELINE,
        mode: 'server',
        product: figure(pipeline, 'records/s'),
        limitLabel: PIPELINE_LIMIT,
        limit: figure(noop, 'jobs/s'),
        goals: [{ text: '≥ 0.5× no-op BullMQ', met: ratio >= 0.5 }],
        note: `${records} records committed at once, timed until the last is in the chain (audit-throughput.ts).`,
      }),
    );
  } else {
    rows.push(
      notMeasured(
        PIPELINE,
        'server',
        PIPELINE_LIMIT,
        'audit-throughput.ts printed no pipeline figures',
      ),
    );
  }
  if (streamed !== null && raw !== null) {
    const ratio = streamed / raw;
    rows.push(
      row({
        path: VERIFY,
        mode: 'server',
        product: figure(streamed, 'records/s'),
        limitLabel: VERIFY_LIMIT,
        limit: figure(raw, 'records/s'),
        goals: [{ text: '≥ 0.5× raw SHA-256', met: ratio >= 0.5 }],
        note:
          `the product's verifier streaming the chain from PostgreSQL; in memory (canonical JSON + SHA-256, no database) ` +
          `${inMemory === null ? 'not reported' : `${inMemory.toLocaleString('en-US')} records/s = ${(inMemory / raw).toFixed(2)}× raw`}.`,
      }),
    );
  } else {
    rows.push(
      notMeasured(
        VERIFY,
        'server',
        VERIFY_LIMIT,
        'audit-throughput.ts printed no verification figures',
      ),
    );
  }
  return rows;
}
