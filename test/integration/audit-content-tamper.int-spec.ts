import { randomBytes, randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import {
  AuditAppender,
  AuditProblem,
  AuditVerificationReport,
  AuditVerifier,
  runAuditVerifyCommand,
} from '@app/audit';
import { Role } from '@app/core';
import { LEDGER_AUDITED_TABLE } from '@app/ledger';
import { auditedTables } from '@app/platform';
import { anAuditScene, AuditScene, chainRows, postSceneCredit } from '../support/audit-helpers';
import { aLearner } from '../support/factories';
import { createTestApp, TestApp } from '../support/test-app';

/**
 * Attacks on the audited rows themselves, not on the chain (DESIGN §10, issue 12 items 5 and
 * 6): an attacker who holds the database edits a ledger row, a learner or a login after it was
 * audited, or INSERTs a ledger row with an outbox row of their own. Verification compares every
 * row with the newest state the log records and must name each one; the appender must refuse
 * the forged outbox row. The attacker works on `superuser` (the application's own role may not
 * switch triggers off); each scenario puts the rows back, and the world must verify again.
 * Runs on real PostgreSQL and on the embedded database.
 */
describe('audit content tampering', () => {
  let t: TestApp;
  let scene: AuditScene;
  let attacker: DataSource;
  let credited: { entryId: string; learnerId: string };
  const verify = (): Promise<AuditVerificationReport> => t.app.get(AuditVerifier).verify();
  const appendAll = async (): Promise<void> => {
    while ((await t.app.get(AuditAppender).appendPending()).appended > 0);
  };
  const problem = (report: AuditVerificationReport, code: string): AuditProblem | undefined =>
    report.problems.find((candidate) => candidate.code === code);

  /** Runs one statement on the ledger with its append-only trigger off, as the table owner could. */
  const editLedger = (sql: string, parameters: unknown[]) =>
    attacker.transaction(async (manager) => {
      await manager.query('ALTER TABLE ledger_entries DISABLE TRIGGER ledger_entries_append_only');
      await manager.query(sql, parameters);
      await manager.query('ALTER TABLE ledger_entries ENABLE TRIGGER ledger_entries_append_only');
    });

  beforeAll(async () => {
    t = await createTestApp('audit content tamper');
    attacker = t.superuser;
    scene = await anAuditScene(t, { courses: 3, learners: 2 });
    const response = await postSceneCredit(t, { scene, n: 0 }).expect(201);
    credited = { entryId: response.body.id, learnerId: scene.learners[0] };
    for (let n = 1; n < 4; n++) await postSceneCredit(t, { scene, n }).expect(201);
    await appendAll();
  }, 120_000);

  afterEach(async () => {
    // Proves each scenario's repair, and that the checks pass on untouched rows.
    await expect(verify()).resolves.toMatchObject({ valid: true, problems: [] });
  });

  afterAll(async () => {
    await t?.close();
  }, 60_000);

  it('verifies an untampered world valid, with events appended and events still on their way', async () => {
    await aLearner(t);
    await t.tokenFor(Role.LEARNER, { learnerId: scene.learners[1] });
    await postSceneCredit(t, { scene, n: 4 }).expect(201);
    const before = await verify();
    expect(before).toMatchObject({ valid: true, problems: [] });
    // The people and entries this suite tampers with (audit-every-change covers the catalog's).
    const theirs = (report: AuditVerificationReport) =>
      report.tables.filter((table) => ['ledger_entry', 'learner', 'user'].includes(table.kind));
    expect(theirs(before)).toEqual([
      { kind: 'ledger_entry', code: 'LEDGER', rows: 5, audited: 4, pending: 1, problems: 0 },
      { kind: 'learner', code: 'LEARNER', rows: 3, audited: 2, pending: 1, problems: 0 },
      { kind: 'user', code: 'USER', rows: 3, audited: 2, pending: 1, problems: 0 },
    ]);
    await appendAll();
    const after = await verify();
    expect(after).toMatchObject({ valid: true, problems: [] });
    expect(theirs(after).map((table) => [table.kind, table.audited, table.pending])).toEqual([
      ['ledger_entry', 5, 0],
      ['learner', 3, 0],
      ['user', 3, 0],
    ]);
  });

  it("names a ledger row whose credits went from 4 to 40 behind the trigger's back, with both values", async () => {
    await editLedger('UPDATE ledger_entries SET credits = 40 WHERE id = $1', [credited.entryId]);
    try {
      const report = await verify();
      expect(report).toMatchObject({ valid: false, problemCode: 'LEDGER_ROW_MODIFIED' });
      const modified = problem(report, 'LEDGER_ROW_MODIFIED');
      expect(modified?.detail).toContain(`ledger_entry ${credited.entryId}`);
      expect(modified?.detail).toContain('credits: log "4.00", row "40.00"');
      expect(modified?.seq).toBe(await seqOf(credited.entryId));
      expect(report.tables[0]).toMatchObject({ kind: 'ledger_entry', problems: 1 });
      // The CLI reads the same tables from the app side, and says so in its exit code.
      const cli = await runAuditVerifyCommand(
        { DATABASE_URL: t.database.url, AUDIT_SIGNING_KEY: t.config.auditSigningKey },
        auditedTables(),
      );
      expect(cli.exitCode).toBe(1);
      expect(cli.stderr).toContain('LEDGER_ROW_MODIFIED');
    } finally {
      await editLedger('UPDATE ledger_entries SET credits = 4 WHERE id = $1', [credited.entryId]);
    }
  });

  it('names a ledger row moved to another learner', async () => {
    const other = scene.learners[1];
    await editLedger('UPDATE ledger_entries SET learner_id = $2 WHERE id = $1', [
      credited.entryId,
      other,
    ]);
    try {
      const report = await verify();
      expect(report).toMatchObject({ valid: false, problemCode: 'LEDGER_ROW_MODIFIED' });
      expect(problem(report, 'LEDGER_ROW_MODIFIED')?.detail).toContain(
        `learnerId: log "${credited.learnerId}", row "${other}"`,
      );
    } finally {
      await editLedger('UPDATE ledger_entries SET learner_id = $2 WHERE id = $1', [
        credited.entryId,
        credited.learnerId,
      ]);
    }
  });

  it('refuses a forged INSERT pair (ledger row and outbox row, no trigger touched): never appended, reported', async () => {
    // Plain INSERTs on the application's own connection: a registrar's credit the registrar never recorded.
    const [registrar]: { id: string }[] = await t.dataSource.query(
      `SELECT id FROM users WHERE role = 'REGISTRAR'`,
    );
    const learnerId = scene.learners[1];
    const [entry]: { id: string }[] = await t.dataSource.query(
      `INSERT INTO ledger_entries (learner_id, kind, recorded_by, recorder_role, institution_id, course_id, term, score, passed, credits, completed_at)
       VALUES ($1, 'COURSE_CREDIT', $2, 'REGISTRAR', $3, $4, '2025-2026-2', 99, true, 4, '2026-01-10') RETURNING id`,
      [learnerId, registrar.id, scene.school, scene.courses[2]],
    );
    // The payload is exactly what the writer would have made (the attacker has the source): only the key is missing.
    const [state] = (await LEDGER_AUDITED_TABLE.states(t.dataSource.manager, null, 1_000)).filter(
      (row) => row.id === entry.id,
    );
    const payload = {
      type: 'ledger.entry.recorded',
      learnerId,
      actor: {
        userId: registrar.id,
        username: 'registrar',
        role: 'REGISTRAR',
        institutionId: scene.school,
        certificationBodyId: null,
      },
      changes: [{ kind: 'ledger_entry', id: entry.id, state: state.state }],
      details: {},
      occurredAt: new Date().toISOString(),
    };
    const [outbox]: { id: string }[] = await t.dataSource.query(
      `INSERT INTO outbox_events (learner_id, event_type, payload, hmac) VALUES ($1, $2, $3, $4) RETURNING id`,
      [learnerId, payload.type, JSON.stringify(payload), randomBytes(32).toString('hex')],
    );
    try {
      await expect(t.app.get(AuditAppender).appendPending()).resolves.toEqual({ appended: 0 });
      const [row]: { rejected: boolean; rejection: string; audited: boolean }[] =
        await t.dataSource.query(
          `SELECT rejected_at IS NOT NULL AS rejected, rejection, audited_at IS NOT NULL AS audited
             FROM outbox_events WHERE id = $1`,
          [outbox.id],
        );
      expect(row).toEqual({ rejected: true, rejection: 'HMAC_MISMATCH', audited: false });
      const chain = await chainRows(t.dataSource);
      expect(chain.some((record) => record.outbox_id === outbox.id)).toBe(false);
      expect(chain.some((record) => record.event.changes?.[0]?.id === entry.id)).toBe(false);

      const report = await verify();
      expect(report.valid).toBe(false);
      expect(problem(report, 'OUTBOX_ROW_REJECTED')?.detail).toContain(outbox.id);
      expect(problem(report, 'OUTBOX_ROW_REJECTED')?.detail).toContain('HMAC_MISMATCH');
      expect(problem(report, 'LEDGER_ROW_NOT_AUDITED')?.detail).toContain(entry.id);
      // Its only outbox row was refused: not pending, not audited.
      expect(report.tables[0]).toMatchObject({ kind: 'ledger_entry', pending: 0, problems: 1 });
      // A second append does not take the refused row again.
      await expect(t.app.get(AuditAppender).appendOutbox([outbox.id])).resolves.toEqual({
        appended: 0,
      });
    } finally {
      await editLedger('DELETE FROM ledger_entries WHERE id = $1', [entry.id]);
      await attacker.query('DELETE FROM outbox_events WHERE id = $1', [outbox.id]);
    }
  });

  it("names a login whose password hash was swapped for another's, without printing either hash", async () => {
    const users: { id: string; role: string; password_hash: string }[] = await attacker.query(
      `SELECT id, role, password_hash FROM users WHERE role IN ('ADMIN', 'REGISTRAR') ORDER BY role`,
    );
    const [admin, registrar] = users;
    // The admin's login now opens with the registrar's password, which the attacker knows.
    await attacker.query('UPDATE users SET password_hash = $2 WHERE id = $1', [
      admin.id,
      registrar.password_hash,
    ]);
    try {
      const report = await verify();
      expect(report).toMatchObject({ valid: false, problemCode: 'USER_ROW_MODIFIED' });
      const modified = problem(report, 'USER_ROW_MODIFIED')!;
      expect(modified.detail).toContain(`user ${admin.id}`);
      expect(modified.detail).toContain('passwordHashSha256: log "');
      for (const { password_hash: hash } of users) expect(modified.detail).not.toContain(hash);
      expect(report.tables[2]).toMatchObject({ kind: 'user', problems: 1 });
    } finally {
      await attacker.query('UPDATE users SET password_hash = $2 WHERE id = $1', [
        admin.id,
        admin.password_hash,
      ]);
    }
  });

  it('names a learner row edited after it was opened', async () => {
    const learnerId = scene.learners[0];
    await attacker.query(`UPDATE learners SET name = '李雷' WHERE id = $1`, [learnerId]);
    try {
      const report = await verify();
      expect(report).toMatchObject({ valid: false, problemCode: 'LEARNER_ROW_MODIFIED' });
      const modified = problem(report, 'LEARNER_ROW_MODIFIED')!;
      expect(modified.detail).toContain(`learner ${learnerId}`);
      expect(modified.detail).toContain('name: log "王芳", row "李雷"');
    } finally {
      await attacker.query(`UPDATE learners SET name = '王芳' WHERE id = $1`, [learnerId]);
    }
  });

  it('names a login that has no audit record, and a record whose row is gone', async () => {
    const [user]: { id: string }[] = await attacker.query(
      `INSERT INTO users (username, password_hash, role) VALUES ($1, 'x', 'ADMIN') RETURNING id`,
      [`mallory-${randomUUID().slice(0, 8)}`],
    );
    try {
      const report = await verify();
      expect(problem(report, 'USER_ROW_NOT_AUDITED')?.detail).toContain(user.id);
    } finally {
      await attacker.query('DELETE FROM users WHERE id = $1', [user.id]);
    }
    const [gone]: { id: string; row: string }[] = await attacker.query(
      `SELECT id, row_to_json(users)::text AS row FROM users WHERE role = 'REGISTRAR'`,
    );
    await attacker.query('DELETE FROM users WHERE id = $1', [gone.id]);
    try {
      const report = await verify();
      expect(problem(report, 'USER_RECORD_WITHOUT_ROW')?.detail).toContain(gone.id);
    } finally {
      await attacker.query(
        'INSERT INTO users SELECT * FROM json_populate_record(NULL::users, $1::json)',
        [gone.row],
      );
    }
  });

  async function seqOf(entryId: string): Promise<number> {
    const rows = await chainRows(t.dataSource);
    return Number(rows.find((row) => row.event.changes?.[0]?.id === entryId)!.seq);
  }
});
