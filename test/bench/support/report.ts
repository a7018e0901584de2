/**
 * One table for the whole run: each row pairs the product's figure with the limit measured in
 * the same run, and their ratio. Written as JSON and Markdown under bench-results/.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { describeCpu } from './cpu-usage';
import type { Throughput } from './load';

export interface Goal {
  text: string;
  met: boolean | null;
}

export interface Row {
  path: string;
  mode: 'server' | 'embedded';
  product: Throughput | null;
  limitLabel: string;
  limit: Throughput | null;
  /** product rate / limit rate. */
  ratio: number | null;
  goals: Goal[];
  /** "not measured: …" or what shaped the figure. */
  note?: string;
}

export function row(fields: Omit<Row, 'ratio'>): Row {
  const ratio =
    fields.product && fields.limit && fields.limit.rate > 0
      ? fields.product.rate / fields.limit.rate
      : null;
  return { ...fields, ratio };
}

export function notMeasured(
  path: string,
  mode: Row['mode'],
  limitLabel: string,
  reason: string,
): Row {
  return {
    path,
    mode,
    product: null,
    limitLabel,
    limit: null,
    ratio: null,
    goals: [],
    note: `not measured: ${reason}`,
  };
}

export interface Machine {
  cores: number;
  cpu: string;
  memoryGiB: number;
  node: string;
  postgres: string;
  redis: string;
  load: string;
  /** Load average when the run ended: other work on the machine shows up here. */
  loadAtEnd?: string;
}

function firstLine(command: string, args: string[]): string {
  try {
    return execFileSync(command, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] })
      .split('\n')[0]
      .trim();
  } catch {
    return 'unknown';
  }
}

export function loadAverage(): string {
  return firstLine('cat', ['/proc/loadavg']).split(' ').slice(0, 3).join(' ');
}

export function describeMachine(postgresVersion: string, redisVersion: string): Machine {
  const loadavg = loadAverage();
  return {
    cores: cpus().length,
    cpu: cpus()[0]?.model ?? 'unknown',
    memoryGiB: Math.round((totalmem() / 2 ** 30) * 10) / 10,
    node: process.version,
    postgres: postgresVersion,
    redis: redisVersion,
    load: loadavg,
  };
}

const number = (value: number | undefined, digits = 0): string =>
  value === undefined || Number.isNaN(value)
    ? '–'
    : value.toLocaleString('en-US', {
        maximumFractionDigits: digits,
        minimumFractionDigits: digits,
      });

function figure(throughput: Throughput | null): string {
  if (!throughput) return '–';
  const latency =
    throughput.p50Ms === undefined
      ? ''
      : ` (p50 ${number(throughput.p50Ms, 1)} ms, p99 ${number(throughput.p99Ms, 1)} ms)`;
  const failed = throughput.failed > 0 ? `, ${throughput.failed} failed` : '';
  return `${number(throughput.rate, throughput.rate < 100 ? 1 : 0)} ${throughput.unit}${latency}${failed}`;
}

function goals(row_: Row): string {
  if (row_.goals.length === 0) return '–';
  return row_.goals
    .map((goal) => `${goal.text}: ${goal.met === null ? 'n/a' : goal.met ? 'met' : 'NOT met'}`)
    .join('; ');
}

export function markdown(rows: Row[], machine: Machine, extra: string[]): string {
  const lines = [
    `Machine: ${machine.cores} cores (${machine.cpu}), ${machine.memoryGiB} GiB; Node ${machine.node}; ` +
      `PostgreSQL ${machine.postgres}; Redis ${machine.redis}; load average (1, 5, 15 min) at start ${machine.load}` +
      `${machine.loadAtEnd ? `, at end ${machine.loadAtEnd}` : ''} (above 2 means other work shared the cores).`,
    '',
    '| path | mode | product | limit (same run) | limit | ratio | goals |',
    '|---|---|---|---|---|---|---|',
    ...rows.map((r) =>
      [
        '',
        r.path,
        r.mode,
        r.note?.startsWith('not measured') ? r.note : figure(r.product),
        r.limitLabel,
        figure(r.limit),
        r.ratio === null ? '–' : `${number(r.ratio, r.ratio < 0.1 ? 3 : 2)}×`,
        goals(r),
        '',
      ]
        .join(' | ')
        .trim(),
    ),
    '',
    ...rows.flatMap((r) => {
      const parts = [
        r.note?.startsWith('not measured') ? '' : (r.note ?? ''),
        r.product ? describeCpu(r.product) : '',
      ];
      const text = parts.filter(Boolean).join(' ');
      return text ? [`- ${r.path} (${r.mode}): ${text}`] : [];
    }),
    ...extra,
  ];
  return lines.join('\n') + '\n';
}

export function writeResults(
  directory: string,
  rows: Row[],
  machine: Machine,
  extra: string[],
  details: object,
): string {
  mkdirSync(directory, { recursive: true });
  const text = markdown(rows, machine, extra);
  const stamp = new Date().toISOString();
  writeFileSync(
    join(directory, 'bench.json'),
    JSON.stringify({ at: stamp, machine, rows, details }, null, 2) + '\n',
  );
  writeFileSync(join(directory, 'bench.md'), `# Benchmark results (${stamp})\n\n${text}`);
  return text;
}
