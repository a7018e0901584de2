import { randomUUID } from 'node:crypto';
import { Logger } from '@nestjs/common';
import { documentNumber } from '@app/ledger';
import { MIGRATIONS } from '@app/platform';
import { createTestApp, TestApp } from '../support/test-app';
import {
  aCertificationBody,
  aCourse,
  aLearner,
  anInstitution,
  aProgram,
  aScheme,
  uniqueCode,
} from '../support/factories';
import { rowCount } from '../support/table-counts';

/** Columns of a hand-written ledger row, by their database names. */
type Row = Record<string, string | number | boolean | null>;

describe("the database's own guards against what would count twice, attacked by raw SQL", () => {
  let t: TestApp;
  let school: string;
  let program: string;
  let otherProgram: string;
  let course: string;
  let body: string;
  let scheme: string;

  beforeAll(async () => {
    t = await createTestApp('ledger guards');
    school = await anInstitution(t);
    program = await aProgram(t, { institutionId: school });
    otherProgram = await aProgram(t, { institutionId: school });
    course = await aCourse(t, { institutionId: school, programId: program });
    body = await aCertificationBody(t);
    scheme = await aScheme(t, { certificationBodyId: body });
  }, 120_000);

  afterAll(async () => {
    await t?.close();
  }, 60_000);

  /** Inserts one row as a hand-written statement would, bypassing the application. */
  async function insert(row: Row): Promise<string> {
    const columns = Object.keys(row);
    const rows: { id: string }[] = await t.dataSource.query(
      `INSERT INTO ledger_entries (recorded_by, recorder_role, ${columns.join(', ')})
       VALUES ($1, 'ADMIN', ${columns.map((_, index) => `$${index + 2}`).join(', ')})
       RETURNING id`,
      [randomUUID(), ...Object.values(row)],
    );
    return rows[0].id;
  }
  const refusedAs = (constraint: string) => ({ driverError: { code: '23505', constraint } });

  const credit = (learnerId: string, score: number): Row => ({
    learner_id: learnerId,
    kind: 'COURSE_CREDIT',
    institution_id: school,
    course_id: course,
    term: '2025-2026-1',
    score,
    passed: score >= 60,
    credits: score >= 60 ? '4.00' : '0.00',
    completed_at: '2026-01-10',
  });
  /** A 免修 citing `evidenceId`: the exemption guards want standing evidence of the same learner. */
  const exemption = (learnerId: string, evidenceId: string): Row => ({
    learner_id: learnerId,
    kind: 'COURSE_EXEMPTION',
    institution_id: school,
    course_id: course,
    program_id: program,
    credits: '4.00',
    rule_id: randomUUID(),
    rule_version_id: randomUUID(),
    evidence_entry_ids: `{${evidenceId}}`,
  });
  const certificate = (learnerId: string, certificateNo: string, level = 'INTERMEDIATE'): Row => ({
    learner_id: learnerId,
    kind: 'CERTIFICATE',
    certification_body_id: body,
    scheme_id: scheme,
    level,
    certificate_no: certificateNo,
    issued_at: '2025-06-30',
  });
  const diploma = (learnerId: string, diplomaNo: string, programId = program): Row => ({
    learner_id: learnerId,
    kind: 'DIPLOMA',
    institution_id: school,
    program_id: programId,
    diploma_no: diplomaNo,
    graduated_at: '2025-07-01',
  });
  const correction = (learnerId: string, kind: 'REVERSAL' | 'REVOCATION', cancels: string) =>
    insert({ learner_id: learnerId, kind, cancels_entry_id: cancels, reason: 'by hand' });

  it('refuses a passing credit for a course the learner is exempted from; a failed attempt goes in', async () => {
    const learner = await aLearner(t);
    const evidence = await insert(certificate(learner, uniqueCode('CERT'), 'SENIOR'));
    await insert(exemption(learner, evidence));
    await expect(insert(credit(learner, 90))).rejects.toMatchObject(
      refusedAs('ledger_course_already_exempted'),
    );
    await insert(credit(learner, 40));
  });

  it('refuses an exemption from a course the learner has passed, until that credit is reversed', async () => {
    const learner = await aLearner(t);
    const passed = await insert(credit(learner, 75));
    const evidence = await insert(certificate(learner, uniqueCode('CERT'), 'SENIOR'));
    await expect(insert(exemption(learner, evidence))).rejects.toMatchObject(
      refusedAs('ledger_course_already_credited'),
    );
    await correction(learner, 'REVERSAL', passed);
    await insert(exemption(learner, evidence));
  });

  it('refuses a certificate number of the scheme that differs only in case, width or spaces', async () => {
    const number = uniqueCode('SX');
    await insert(certificate(await aLearner(t), number));
    const fullWidth = [...number]
      .map((char) => String.fromCharCode(char.charCodeAt(0) + 0xfee0))
      .join('');
    for (const variant of [number.toLowerCase(), fullWidth, ` ${number}\u3000`]) {
      await expect(insert(certificate(await aLearner(t), variant))).rejects.toMatchObject(
        refusedAs('ledger_entries_certificate_number_key'),
      );
    }
  });

  it('refuses a second standing certificate of one scheme and level; after a revocation it goes in', async () => {
    const learner = await aLearner(t);
    const first = await insert(certificate(learner, uniqueCode('CERT')));
    await expect(insert(certificate(learner, uniqueCode('CERT')))).rejects.toMatchObject(
      refusedAs('ledger_one_certificate_per_level'),
    );
    await insert(certificate(learner, uniqueCode('CERT'), 'SENIOR'));
    await correction(learner, 'REVOCATION', first);
    await insert(certificate(learner, uniqueCode('CERT')));
  });

  it('refuses a second certificate of one scheme and level while the standing one is valid; a renewal from its expiry goes in', async () => {
    const learner = await aLearner(t);
    await insert({
      ...certificate(learner, uniqueCode('CERT')),
      issued_at: '2022-06-30',
      valid_until: '2025-06-29',
    });
    await expect(
      insert({ ...certificate(learner, uniqueCode('CERT')), issued_at: '2025-06-29' }),
    ).rejects.toMatchObject(refusedAs('ledger_one_certificate_per_level'));
    await insert(certificate(learner, uniqueCode('CERT')));
  });

  it('refuses a diploma number standing in the institution, in any form and any of its programs; a reversal frees it', async () => {
    const number = uniqueCode('DIP');
    const owner = await aLearner(t);
    const first = await insert(diploma(owner, number));
    for (const [variant, programId] of [
      [number.toLowerCase(), program],
      [` ${number} `, otherProgram],
    ]) {
      await expect(insert(diploma(await aLearner(t), variant, programId))).rejects.toMatchObject(
        refusedAs('ledger_diploma_number_taken'),
      );
    }
    await correction(owner, 'REVERSAL', first);
    await insert(diploma(await aLearner(t), number));
  });

  it('refuses a second standing diploma of one program for a learner', async () => {
    const learner = await aLearner(t);
    await insert(diploma(learner, uniqueCode('DIP')));
    await expect(insert(diploma(learner, uniqueCode('DIP')))).rejects.toMatchObject(
      refusedAs('ledger_one_diploma_per_program'),
    );
    await insert(diploma(learner, uniqueCode('DIP'), otherProgram));
  });

  it('normalises numbers in the service as the database does', async () => {
    const samples = ['sx-0001', 'Sx-0001', 'ＳＸ－０００１', ' SX-0001 ', '\u3000sx-0001', 'ﬁ-01'];
    for (const sample of samples) {
      const [row]: { key: string }[] = await t.dataSource.query(
        'SELECT ledger_document_number($1) AS key',
        [sample],
      );
      expect({ sample, key: documentNumber(sample) }).toEqual({ sample, key: row.key });
    }
  });

  // Last: it takes the migration down and up again on this database.
  it('migrating a ledger whose certificate numbers collide once normalised keeps every row, names them, and keeps the number taken', async () => {
    const migration = MIGRATIONS.map((Migration) => new Migration()).find(
      (candidate) => candidate.name === 'LedgerRecordingRules1796161270092',
    );
    if (!migration) throw new Error('the LedgerRecordingRules migration is not listed');
    const number = uniqueCode('OLD');
    const runner = t.superuser.createQueryRunner();
    const warn = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    try {
      await migration.down(runner);
      const learner = await aLearner(t);
      const ids = [
        await insert(certificate(learner, number)),
        await insert(certificate(learner, number.toLowerCase())),
        await insert(
          certificate(await aLearner(t), `${number[0]}${number.slice(1).toLowerCase()}`),
        ),
      ];
      const before = await rowCount(t, 'ledger_entries');
      await migration.up(runner);
      expect(await rowCount(t, 'ledger_entries')).toBe(before);
      const warnings = warn.mock.calls.map(([message]) => String(message));
      expect(warnings).toHaveLength(1);
      for (const id of ids) expect(warnings[0]).toContain(id);
      expect(warnings[0]).toMatch(/revoke/);
      const [{ definition }]: { definition: string }[] = await t.dataSource.query(
        `SELECT pg_get_indexdef('ledger_entries_certificate_number_key'::regclass) AS definition`,
      );
      expect(definition).not.toContain(ids[0]);
      expect(definition).toContain(ids[1]);
      expect(definition).toContain(ids[2]);
      await expect(
        insert(certificate(await aLearner(t), number.toLowerCase(), 'SENIOR')),
      ).rejects.toMatchObject(refusedAs('ledger_entries_certificate_number_key'));
      await expect(insert(certificate(learner, uniqueCode('CERT')))).rejects.toMatchObject(
        refusedAs('ledger_one_certificate_per_level'),
      );
    } finally {
      warn.mockRestore();
      await runner.release();
    }
  });
});
