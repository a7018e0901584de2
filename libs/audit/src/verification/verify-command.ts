import { DataSource } from 'typeorm';
import { ConfigError, dataSourceOptions, DEFAULT_AUDIT_LOG_ORIGIN } from '@app/core';
import { AuditTrust } from '../signing/audit-trust';
import { AuditVerificationReport, AuditVerifier } from './audit-verifier.service';

export interface VerifyCommandResult {
  /** 0: the chain verifies; 1: a break was found; 2: verification could not run. */
  exitCode: 0 | 1 | 2;
  stdout: string;
  stderr: string;
  report?: AuditVerificationReport;
}

type Env = Record<string, string | undefined>;

/**
 * `npm run audit:verify` against DATABASE_URL (server mode). A verifier needs only public keys:
 * AUDIT_PUBLIC_KEY (SPKI PEM or raw base64) or the key derived from AUDIT_SIGNING_KEY, and
 * AUDIT_RETIRED_PUBLIC_KEYS; it honours AUDIT_TRUSTED_HEAD and AUDIT_LOG_ORIGIN like the API.
 */
export async function runAuditVerifyCommand(env: Env): Promise<VerifyCommandResult> {
  let databaseUrl: string;
  let trust: AuditTrust;
  try {
    ({ databaseUrl, trust } = readSettings(env));
  } catch (error) {
    return { exitCode: 2, stdout: '', stderr: `${(error as Error).message}\n` };
  }
  const dataSource = new DataSource({
    ...dataSourceOptions(
      { databaseUrl, dbPoolSize: 3, dbStatementTimeoutMs: 600_000 },
      [],
      [],
      'credit-bank-audit-verify',
    ),
    logging: false, // errors end in the report's one line, not in TypeORM's query dump
  });
  try {
    await dataSource.initialize();
    const report = await new AuditVerifier(dataSource, trust).verify();
    const summary = report.valid
      ? `audit chain valid: ${report.checked} records, head seq ${report.headSeq} (${report.headHash})`
      : `audit chain BROKEN: ${report.problemCode ?? ''} at seq ${report.firstInvalidSeq ?? '-'}: ${report.problem ?? ''}`;
    return {
      exitCode: report.valid ? 0 : 1,
      stdout: `${JSON.stringify(report, null, 2)}\n`,
      stderr: `${summary}\n`,
      report,
    };
  } catch (error) {
    return {
      exitCode: 2,
      stdout: '',
      stderr: `audit verification could not run: ${(error as Error).message}\n`,
    };
  } finally {
    if (dataSource.isInitialized) await dataSource.destroy();
  }
}

function readSettings(env: Env): { databaseUrl: string; trust: AuditTrust } {
  const databaseUrl = env.DATABASE_URL?.trim();
  if (!databaseUrl || !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    throw new ConfigError('DATABASE_URL', 'audit:verify needs the server database (postgres://…)');
  }
  const read = (name: string): string | null => env[name]?.trim() || null;
  const publicKey = read('AUDIT_PUBLIC_KEY');
  const trust = new AuditTrust({
    auditLogOrigin: read('AUDIT_LOG_ORIGIN') ?? DEFAULT_AUDIT_LOG_ORIGIN,
    // A public key alone is enough to verify; prefer it, so the private key can stay away.
    auditSigningKey: publicKey ? null : read('AUDIT_SIGNING_KEY'),
    auditPublicKey: publicKey,
    auditRetiredPublicKeys: read('AUDIT_RETIRED_PUBLIC_KEYS'),
    auditTrustedHead: read('AUDIT_TRUSTED_HEAD'),
  });
  return { databaseUrl, trust };
}
