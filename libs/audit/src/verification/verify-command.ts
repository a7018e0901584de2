import { DataSource } from 'typeorm';
import { ConfigError, dataSourceOptions } from '@app/core';
import { AuditedTable } from '@app/outbox';
import { publicKeyFromBase64, publicKeyFromPrivate, publicKeyToBase64 } from '../chain';
import { AuditSigningKey, parseSigningKey } from '../signing/audit-signing-key.service';
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
 * `npm run audit:verify` against DATABASE_URL (server mode). A verifier needs only the public
 * key: AUDIT_PUBLIC_KEY (SPKI PEM or raw base64), or the key derived from AUDIT_SIGNING_KEY;
 * the audited tables are the application's (the same list its verifier injects).
 */
export async function runAuditVerifyCommand(
  env: Env,
  tables: readonly AuditedTable[],
): Promise<VerifyCommandResult> {
  let databaseUrl: string;
  let publicKeyPem: string;
  try {
    ({ databaseUrl, publicKeyPem } = readSettings(env));
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
    const key = { privateKeyPem: '', publicKeyPem, publicKeyBase64: '' } satisfies AuditSigningKey;
    const report = await new AuditVerifier(dataSource, key, tables).verify();
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

function readSettings(env: Env): { databaseUrl: string; publicKeyPem: string } {
  const databaseUrl = env.DATABASE_URL?.trim();
  if (!databaseUrl || !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    throw new ConfigError('DATABASE_URL', 'audit:verify needs the server database (postgres://…)');
  }
  const publicKey = env.AUDIT_PUBLIC_KEY?.trim();
  const signingKey = env.AUDIT_SIGNING_KEY?.trim();
  try {
    if (publicKey) {
      // PEM (re-encoded, so headers and line breaks do not matter) or the raw key in base64.
      const pem = publicKey.replace(/\\n/g, '\n');
      return {
        databaseUrl,
        publicKeyPem: pem.startsWith('-----BEGIN')
          ? publicKeyFromBase64(publicKeyToBase64(pem))
          : publicKeyFromBase64(pem),
      };
    }
    if (signingKey)
      return { databaseUrl, publicKeyPem: publicKeyFromPrivate(parseSigningKey(signingKey)) };
  } catch (error) {
    throw new ConfigError(
      publicKey ? 'AUDIT_PUBLIC_KEY' : 'AUDIT_SIGNING_KEY',
      `is not an Ed25519 key (${(error as Error).message})`,
    );
  }
  throw new ConfigError(
    'AUDIT_PUBLIC_KEY',
    'set it (or AUDIT_SIGNING_KEY) to check signed checkpoints',
  );
}
