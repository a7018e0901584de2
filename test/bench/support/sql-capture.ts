/** The bench side of bench-probe.cjs: switch a probe on, do something, read what it wrote. */
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import type { ProductProcess } from './product-process';

export interface CapturedStatement {
  text: string;
  params: unknown[];
  /** From the driver call until its result came back. */
  ms: number;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Runs `action` with the process's probe on; returns what the probe wrote to `file`. */
export async function probe(
  product: ProductProcess,
  file: string,
  action: () => Promise<void>,
): Promise<string> {
  writeFileSync(file, '');
  product.child.kill('SIGUSR2');
  await sleep(200); // the child handles the signal on its next turn of the event loop
  await action();
  product.child.kill('SIGUSR2');
  for (let waited = 0; waited < 10_000 && statSync(file).size === 0; waited += 50) await sleep(50);
  return readFileSync(file, 'utf8');
}

export async function captureSql(
  product: ProductProcess,
  file: string,
  action: () => Promise<void>,
): Promise<CapturedStatement[]> {
  return (await probe(product, file, action))
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as CapturedStatement);
}

/** One line per statement, whitespace folded, long select lists shortened, for the report. */
export function describeStatements(statements: CapturedStatement[]): string[] {
  return statements.map((statement, index) => {
    const text = statement.text
      .replace(/\s+/g, ' ')
      .replace(/SELECT ("\w+"\."\w+" AS "\w+", )+("\w+"\."\w+" AS "\w+")/, 'SELECT <all columns>')
      .replace(/\("id", "learner_id"[^)]*\) VALUES \([^)]*\)/, '(<all columns>) VALUES (…)');
    return `${index + 1}. ${text.length > 160 ? `${text.slice(0, 157)}…` : text}`;
  });
}

/** Statements of a pgbench script: meta-commands (\set) and comments are not sent. */
export function pgbenchStatements(script: string): number {
  return readFileSync(script, 'utf8')
    .split('\n')
    .filter((line) => !line.startsWith('--') && !line.startsWith('\\'))
    .join('\n')
    .split(';')
    .filter((statement) => statement.trim() !== '').length;
}
