import 'reflect-metadata';
import { runAuditVerifyCommand } from '@app/audit';
import { auditedTables } from '@app/platform';

/**
 * `npm run audit:verify`: recomputes the audit chain and Merkle tree in DATABASE_URL, checks
 * every signed tree head (and AUDIT_TRUSTED_HEAD) and every audited table's rows, prints the
 * report as JSON, and exits 0 when it verifies, 1 on a break, 2 when it could not run.
 */
async function main(): Promise<void> {
  const result = await runAuditVerifyCommand(process.env, auditedTables());
  process.stdout.write(result.stdout);
  process.stderr.write(result.stderr);
  process.exitCode = result.exitCode;
}

main().catch((error: unknown) => {
  process.stderr.write(`${String(error)}\n`);
  process.exitCode = 2;
});
