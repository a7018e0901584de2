import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { AuditAppender, AuditTrust, runAuditVerifyCommand, TreeHeadService } from '@app/audit';
import { anAuditScene, postSceneCredit, requireRealPostgresOrSkip } from '../support/audit-helpers';
import { ChainAttacker, LogSnapshot } from '../support/audit-attacker';
import { typescriptEntryArgs } from '../support/audit-ts-loader';
import { createTestApp, TestApp } from '../support/test-app';

const realPostgres = requireRealPostgresOrSkip('npm run audit:verify');

/** `npm run audit:verify` (server mode): exit 0 when the chain verifies, 1 on a break, 2 when it cannot run. */
(realPostgres ? describe : describe.skip)('npm run audit:verify (real PostgreSQL)', () => {
  let t: TestApp;
  let attacker: ChainAttacker;
  let intact: LogSnapshot;
  const env = () => ({ DATABASE_URL: t.database.url, AUDIT_SIGNING_KEY: t.config.auditSigningKey });

  beforeAll(async () => {
    t = await createTestApp('audit verify cli');
    const scene = await anAuditScene(t, { courses: 2, learners: 2 });
    for (let n = 0; n < 4; n++) await postSceneCredit(t, { scene, n }).expect(201);
    await t.app.get(AuditAppender).appendPending();
    attacker = new ChainAttacker(t.superuser);
    intact = await attacker.snapshot();
  }, 120_000);

  afterEach(async () => {
    await attacker.restore(intact);
  });

  afterAll(async () => {
    await t?.close();
  }, 60_000);

  it('exits 0 on the intact chain and 1 naming the seq on a broken one', async () => {
    await expect(runAuditVerifyCommand(env())).resolves.toMatchObject({
      exitCode: 0,
      report: { valid: true, headSeq: 4 },
    });
    await attacker.changeOneByte(2);
    const broken = await runAuditVerifyCommand(env());
    expect(broken).toMatchObject({ exitCode: 1, report: { firstInvalidSeq: 2 } });
    expect(broken.stderr).toContain('HASH_MISMATCH at seq 2');
  });

  it('verifies with the public key alone (raw base64), as a third party would', async () => {
    const { publicKeyBase64 } = t.app.get(AuditTrust).currentKey;
    await expect(
      runAuditVerifyCommand({ DATABASE_URL: t.database.url, AUDIT_PUBLIC_KEY: publicKeyBase64 }),
    ).resolves.toMatchObject({ exitCode: 0 });
  });

  it('holds the log to AUDIT_TRUSTED_HEAD, given as the signed note the API serves', async () => {
    const { head } = await t.app.get(TreeHeadService).sign({ onlyIfTreeGrew: false });
    const note = (head?.note ?? '').replace(/\n/g, '\\n');
    await expect(
      runAuditVerifyCommand({ ...env(), AUDIT_TRUSTED_HEAD: note }),
    ).resolves.toMatchObject({
      exitCode: 0,
      report: { trustedHead: { treeSize: 4, matches: true } },
    });
    const elsewhere = await runAuditVerifyCommand({
      ...env(),
      AUDIT_TRUSTED_HEAD: `4:${'0'.repeat(64)}`,
    });
    expect(elsewhere).toMatchObject({
      exitCode: 1,
      report: { problemCode: 'TRUSTED_HEAD_MISMATCH' },
    });
    await expect(
      runAuditVerifyCommand({ ...env(), AUDIT_TRUSTED_HEAD: note.replace('\\n4\\n', '\\n3\\n') }),
    ).resolves.toMatchObject({ exitCode: 2 });
  });

  it('exits 2 when it cannot run', async () => {
    await expect(runAuditVerifyCommand({ DATABASE_URL: t.database.url })).resolves.toMatchObject({
      exitCode: 2,
    });
    await expect(
      runAuditVerifyCommand({ AUDIT_SIGNING_KEY: t.config.auditSigningKey }),
    ).resolves.toMatchObject({ exitCode: 2 });
    await expect(
      runAuditVerifyCommand({ ...env(), AUDIT_SIGNING_KEY: 'not a key' }),
    ).resolves.toMatchObject({ exitCode: 2 });
  });

  it('sets the process exit code as a real command (the CLI entry, run by node)', async () => {
    await attacker.deleteRow(3);
    const entry = join(__dirname, '../../apps/api/src/cli/audit-verify.ts');
    const run = spawnSync(process.execPath, typescriptEntryArgs(entry), {
      env: { PATH: process.env.PATH, ...env() },
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(run.status).toBe(1);
    expect(JSON.parse(run.stdout)).toMatchObject({
      valid: false,
      firstInvalidSeq: 3,
      problemCode: 'MISSING_ROWS',
    });
  }, 70_000);
});
