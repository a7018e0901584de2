import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  AuditAppender,
  generateSigningKey,
  noteVerifierKey,
  parseVerifierKey,
  publicKeyToRaw,
  TreeHeadService,
  WitnessState,
  witnessOnce,
} from '@app/audit';
import {
  anAuditScene,
  AuditScene,
  postSceneCredit,
  requireRealPostgresOrSkip,
} from '../support/audit-helpers';
import { ChainAttacker, LogSnapshot } from '../support/audit-attacker';
import { typescriptEntryArgs } from '../support/audit-ts-loader';
import { createTestApp, TestApp } from '../support/test-app';

const realPostgres = requireRealPostgresOrSkip('npm run audit:witness');

/**
 * `npm run audit:witness -- URL` against the running API: it pins the first head it sees, accepts
 * heads that extend it (checked with the log's consistency proof), and exits 1 when the log
 * rewrites, forks or shrinks its history — also when the database holder recomputed every hash
 * and signed the rewritten log with the real key, which no check inside the database can see.
 */
(realPostgres ? describe : describe.skip)('the audit witness (real PostgreSQL)', () => {
  let t: TestApp;
  let scene: AuditScene;
  let url: string;
  let verifierKey: string;
  let attacker: ChainAttacker;
  let intact: LogSnapshot;
  let folder: string;
  let credits = 0;
  /** Records before the first credit's (the scene's people and catalog). */
  let base: number;
  const at = (credit: number): number => base + credit;
  let stateFile = 0;

  const newStatePath = () => join(folder, `state-${++stateFile}.json`);
  const witness = (statePath: string, keyText = verifierKey) =>
    witnessOnce({ url, statePath, key: parseVerifierKey(keyText), keyText });
  const readState = (statePath: string) =>
    JSON.parse(readFileSync(statePath, 'utf8')) as WitnessState;

  /** Records `count` more credits, appends them and signs a head over the whole log. */
  async function grow(count: number): Promise<number> {
    for (let i = 0; i < count; i++) await postSceneCredit(t, { scene, n: credits++ }).expect(201);
    await t.app.get(AuditAppender).appendPending();
    const { head } = await t.app.get(TreeHeadService).sign({ onlyIfTreeGrew: true });
    return head!.treeSize;
  }

  beforeAll(async () => {
    folder = mkdtempSync(join(tmpdir(), 'audit-witness-'));
    t = await createTestApp('audit witness');
    await t.app.listen(0, '127.0.0.1');
    url = (await t.app.getUrl()).replace('[::1]', '127.0.0.1');
    scene = await anAuditScene(t, { courses: 4, learners: 6 });
    base = (await t.app.get(AuditAppender).appendPending()).appended;
    expect(await grow(4)).toBe(at(4));
    const keys = await fetch(`${url}/v1/audit/keys`).then(
      (response) => response.json() as Promise<{ items: { noteVerifierKey: string }[] }>,
    );
    verifierKey = keys.items[0].noteVerifierKey;
    attacker = new ChainAttacker(t.superuser);
    intact = await attacker.snapshot();
  }, 120_000);

  // The log goes back to its first 4 credits; the ledger keeps its rows, so credits go on counting.
  afterEach(async () => {
    await attacker.restore(intact);
  });

  afterAll(async () => {
    await t?.close();
    rmSync(folder, { recursive: true, force: true });
  }, 60_000);

  it('pins the first head, sees an unchanged one, and accepts a head that extends it', async () => {
    const statePath = newStatePath();
    await expect(witness(statePath)).resolves.toMatchObject({
      exitCode: 0,
      message: expect.stringContaining(`tree size ${at(4)}`),
    });
    await expect(witness(statePath)).resolves.toMatchObject({
      exitCode: 0,
      message: `unchanged: tree size ${at(4)}, root ${readState(statePath).latest!.rootHash}`,
    });
    expect(await grow(3)).toBe(at(7));
    await expect(witness(statePath)).resolves.toMatchObject({
      exitCode: 0,
      message: expect.stringContaining(`consistent: tree size ${at(4)} → ${at(7)}`),
    });
    const state = readState(statePath);
    expect(state.latest).toMatchObject({ treeSize: at(7) });
    expect(state.history.map((head) => head.treeSize)).toEqual([at(4), at(7)]);
    expect(state.evidence).toEqual([]);
  });

  it('exits 1 when the log was rewritten and re-signed with the real key, at the same size or larger', async () => {
    const statePath = newStatePath();
    await expect(witness(statePath)).resolves.toMatchObject({ exitCode: 0 });
    const witnessed = readState(statePath).latest!;

    // The database holder edits record 2, recomputes the chain and the tree, drops the heads
    // and has the log sign its rewritten history: every check inside the database passes.
    await attacker.rewriteFrom(2, (event) => {
      (event.actor as Record<string, unknown>).username = 'mallory';
    });
    await attacker.rebuildTree();
    await attacker.deleteHeads('all');
    await t.app.get(TreeHeadService).sign({ onlyIfTreeGrew: false });
    await expect(witness(statePath)).resolves.toMatchObject({
      exitCode: 1,
      problem: 'FORK_SAME_SIZE',
    });

    expect(await grow(2)).toBe(at(6));
    const outcome = await witness(statePath);
    expect(outcome).toMatchObject({ exitCode: 1, problem: 'CONSISTENCY_PROOF_INVALID' });
    expect(outcome.message).toContain(`does not extend the witnessed head of size ${at(4)}`);

    const state = readState(statePath);
    expect(state.latest).toEqual(witnessed); // the witnessed head is kept, not replaced
    expect(state.evidence.map((entry) => entry.problem)).toEqual([
      'FORK_SAME_SIZE',
      'CONSISTENCY_PROOF_INVALID',
    ]);
    expect(state.evidence[1].note).toContain(`\n${at(6)}\n`); // the signed conflicting head, as proof
  });

  it('exits 1 when the log shrank: records and newer heads deleted', async () => {
    const statePath = newStatePath();
    expect(await grow(2)).toBe(at(6));
    await expect(witness(statePath)).resolves.toMatchObject({ exitCode: 0 });
    await attacker.truncateFrom(at(5));
    await attacker.deleteHeads('newest');
    await expect(witness(statePath)).resolves.toMatchObject({
      exitCode: 1,
      problem: 'TREE_SHRANK',
      message: expect.stringContaining(
        `the log now has ${at(4)} records; this witness saw ${at(6)}`,
      ),
    });
  });

  it('exits 1 when the head is not signed by the pinned key, and 2 when it cannot check', async () => {
    const other = noteVerifierKey(
      parseVerifierKey(verifierKey).name,
      publicKeyToRaw(generateSigningKey().publicKeyPem),
    );
    await expect(witness(newStatePath(), other)).resolves.toMatchObject({
      exitCode: 1,
      problem: 'HEAD_NOT_SIGNED',
    });
    // A state file kept with one key is not silently continued with another.
    const statePath = newStatePath();
    await expect(witness(statePath)).resolves.toMatchObject({ exitCode: 0 });
    await expect(witness(statePath, other)).resolves.toMatchObject({
      exitCode: 2,
      message: expect.stringContaining('a new key needs a new state file'),
    });
    await expect(
      witnessOnce({
        url: 'http://127.0.0.1:1',
        statePath: newStatePath(),
        key: parseVerifierKey(verifierKey),
        keyText: verifierKey,
      }),
    ).resolves.toMatchObject({ exitCode: 2, message: expect.stringContaining('does not answer') });
  });

  it('runs as a command: exit 0 on the intact log, 2 with a usage line on bad arguments', async () => {
    const entry = join(__dirname, '../../apps/api/src/cli/audit-witness.ts');
    // Asynchronously: the API answering the child runs in this process.
    const run = (args: string[]) =>
      new Promise<{ status: number | null; stdout: string; stderr: string }>((resolve) => {
        execFile(
          process.execPath,
          [...typescriptEntryArgs(entry), ...args],
          { env: { ...process.env, AUDIT_WITNESS_KEY: verifierKey }, timeout: 60_000 },
          (error, stdout, stderr) =>
            resolve({ status: error ? (error.code as number) : 0, stdout, stderr }),
        );
      });
    const ok = await run([url, '--state', newStatePath()]);
    expect({ status: ok.status, stdout: ok.stdout }).toMatchObject({
      status: 0,
      stdout: expect.stringContaining('pinned the first head'),
    });
    const bad = await run(['not-a-url']);
    expect({ status: bad.status, stderr: bad.stderr }).toMatchObject({
      status: 2,
      stderr: expect.stringContaining('usage: npm run audit:witness -- URL'),
    });
  });
});
