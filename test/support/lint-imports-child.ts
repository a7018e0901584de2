/**
 * Child-process entry for lint-imports.ts: lints source texts as if they sat at the given
 * paths, with the repository's eslint.config.mjs, and prints the no-restricted-imports
 * findings as JSON on stdout. A child because ESLint loads its config with import(), which
 * Jest's sandbox refuses.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { ESLint } from 'eslint';
import type { LintCase, LintFinding } from './lint-imports';

async function main(): Promise<void> {
  const cases = JSON.parse(readFileSync(0, 'utf8')) as LintCase[];
  const eslint = new ESLint({
    cwd: resolve(__dirname, '../..'),
    // Only the layering rule: the type-aware rules would need the files on disk.
    ruleFilter: ({ ruleId }) => ruleId === 'no-restricted-imports',
    overrideConfig: { languageOptions: { parserOptions: { projectService: false } } },
  });
  const findings: LintFinding[][] = [];
  for (const { filePath, code } of cases) {
    const [result] = await eslint.lintText(code, { filePath });
    findings.push(result.messages.map(({ ruleId, message }) => ({ ruleId, message })));
  }
  process.stdout.write(JSON.stringify(findings));
}

main().catch((error: unknown) => {
  process.stderr.write(
    `${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(1);
});
