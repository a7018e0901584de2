import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

export interface LintCase {
  /** Where the text pretends to live, relative to the repository root. */
  filePath: string;
  code: string;
}

export interface LintFinding {
  ruleId: string | null;
  message: string;
}

/** The findings for each text, linted in a child process (see lint-imports-child.ts). */
export function lintImports(cases: LintCase[]): LintFinding[][] {
  const output = execFileSync(
    process.execPath,
    [
      '--require',
      join(__dirname, 'typescript-require-hook.cjs'),
      join(__dirname, 'lint-imports-child.ts'),
    ],
    { input: JSON.stringify(cases), encoding: 'utf8', stdio: ['pipe', 'pipe', 'inherit'] },
  );
  return JSON.parse(output) as LintFinding[][];
}
