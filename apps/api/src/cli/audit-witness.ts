import { runWitnessCommand } from '@app/audit';

/** `npm run audit:witness -- URL`: see WITNESS_USAGE. Exit 0 consistent, 1 fork or rewrite, 2 cannot check. */
async function main(): Promise<void> {
  const outcome = await runWitnessCommand(process.argv.slice(2), process.env);
  (outcome.exitCode === 0 ? process.stdout : process.stderr).write(`${outcome.message}\n`);
  process.exitCode = outcome.exitCode;
}

main().catch((error: unknown) => {
  process.stderr.write(`${String(error)}\n`);
  process.exitCode = 2;
});
