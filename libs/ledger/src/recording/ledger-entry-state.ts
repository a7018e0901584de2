import type { EntityManager } from 'typeorm';
import { AuditedTable, pageInIdOrder, RowState, utcTimestampSql } from '@app/outbox';
import { LedgerEntryEntity } from '../entities/ledger-entry.entity';

/**
 * A ledger row as its audit record holds it: every stored column and nothing derived (an
 * entry's status follows its corrections and the calendar, not the row). Decimals, dates and
 * ids are read as PostgreSQL prints them, so the state recomputed from the row later is the
 * same text byte for byte.
 */
const STATE_COLUMNS = `
  id::text, seq::text, learner_id::text, kind, ${utcTimestampSql('recorded_at')} AS recorded_at,
  recorded_by::text, recorder_role, institution_id::text, certification_body_id::text,
  course_id::text, term, score::text, passed, credits::text, completed_at::text, scheme_id::text,
  level, component, certificate_no, issued_at::text, valid_until::text, program_id::text,
  diploma_no, graduated_at::text, rule_id::text, rule_version_id::text,
  evidence_entry_ids::text[], application_id::text, cancels_entry_id::text,
  cause_entry_id::text, reason`;

interface LedgerEntryRow {
  id: string;
  seq: string;
  learner_id: string;
  kind: string;
  recorded_at: string;
  recorded_by: string;
  recorder_role: string;
  institution_id: string | null;
  certification_body_id: string | null;
  course_id: string | null;
  term: string | null;
  score: string | null;
  passed: boolean | null;
  credits: string | null;
  completed_at: string | null;
  scheme_id: string | null;
  level: string | null;
  component: string | null;
  certificate_no: string | null;
  issued_at: string | null;
  valid_until: string | null;
  program_id: string | null;
  diploma_no: string | null;
  graduated_at: string | null;
  rule_id: string | null;
  rule_version_id: string | null;
  evidence_entry_ids: string[] | null;
  application_id: string | null;
  cancels_entry_id: string | null;
  cause_entry_id: string | null;
  reason: string | null;
}

/** The one mapping from a stored row to its state, for the writer and for the verifier. */
export function ledgerEntryState(row: LedgerEntryRow): RowState {
  return {
    id: row.id,
    seq: row.seq,
    learnerId: row.learner_id,
    kind: row.kind,
    recordedAt: row.recorded_at,
    recordedBy: row.recorded_by,
    recorderRole: row.recorder_role,
    institutionId: row.institution_id,
    certificationBodyId: row.certification_body_id,
    courseId: row.course_id,
    term: row.term,
    score: row.score,
    passed: row.passed,
    credits: row.credits,
    completedAt: row.completed_at,
    schemeId: row.scheme_id,
    level: row.level,
    component: row.component,
    certificateNo: row.certificate_no,
    issuedAt: row.issued_at,
    validUntil: row.valid_until,
    programId: row.program_id,
    diplomaNo: row.diploma_no,
    graduatedAt: row.graduated_at,
    ruleId: row.rule_id,
    ruleVersionId: row.rule_version_id,
    evidenceEntryIds: row.evidence_entry_ids,
    applicationId: row.application_id,
    cancelsEntryId: row.cancels_entry_id,
    causeEntryId: row.cause_entry_id,
    reason: row.reason,
  };
}

/**
 * Inserts the entry and reads back, in the same statement, its state as stored (and the seq and
 * recording time the database gave it). Call it in the writer's transaction.
 */
export async function insertLedgerEntry(
  manager: EntityManager,
  entry: LedgerEntryEntity,
): Promise<{ state: RowState; seq: string; recordedAt: Date }> {
  const result = await manager
    .createQueryBuilder()
    .insert()
    .into(LedgerEntryEntity)
    .values(entry)
    .returning(STATE_COLUMNS)
    .updateEntity(false)
    .execute();
  const row = (result.raw as LedgerEntryRow[])[0];
  return { state: ledgerEntryState(row), seq: row.seq, recordedAt: new Date(row.recorded_at) };
}

/** A course credit of a batch, its id chosen by the caller (an import claims it first). */
export interface NewCourseCredit {
  id: string;
  learnerId: string;
  institutionId: string;
  courseId: string;
  programId: string | null;
  term: string;
  score: string;
  passed: boolean;
  credits: string;
  completedAt: string;
}

/**
 * Course credits in one statement (the guard triggers still check each row), each with its
 * state as stored, in the order given. Call it in the writer's transaction.
 */
export async function insertCourseCredits(
  manager: EntityManager,
  recorder: { userId: string; role: string },
  credits: readonly NewCourseCredit[],
): Promise<{ id: string; state: RowState }[]> {
  const column = <K extends keyof NewCourseCredit>(key: K) => credits.map((credit) => credit[key]);
  const rows: LedgerEntryRow[] = await manager.query(
    `INSERT INTO ledger_entries (id, learner_id, kind, recorded_by, recorder_role, institution_id,
                                 course_id, program_id, term, score, passed, credits, completed_at)
     SELECT r.id, r.learner_id, 'COURSE_CREDIT', $1, $2, r.institution_id, r.course_id, r.program_id,
            r.term, r.score, r.passed, r.credits, r.completed_at
       FROM unnest($3::uuid[], $4::uuid[], $5::uuid[], $6::uuid[], $7::uuid[], $8::varchar[],
                   $9::numeric[], $10::boolean[], $11::numeric[], $12::date[])
         AS r(id, learner_id, institution_id, course_id, program_id, term, score, passed, credits, completed_at)
     RETURNING ${STATE_COLUMNS}`,
    [
      recorder.userId,
      recorder.role,
      column('id'),
      column('learnerId'),
      column('institutionId'),
      column('courseId'),
      column('programId'),
      column('term'),
      column('score'),
      column('passed'),
      column('credits'),
      column('completedAt'),
    ],
  );
  const byId = new Map(rows.map((row) => [row.id, ledgerEntryState(row)]));
  return credits.map((credit) => ({ id: credit.id, state: byId.get(credit.id)! }));
}

/** The ledger for the verifier: entries are never updated, so one record each. */
export const LEDGER_AUDITED_TABLE: AuditedTable = {
  kind: 'ledger_entry',
  code: 'LEDGER',
  immutable: true,
  async states(manager, afterId, limit) {
    const rows = await pageInIdOrder<LedgerEntryRow>(
      manager,
      'ledger_entries',
      STATE_COLUMNS,
      afterId,
      limit,
    );
    return rows.map((row) => ({ id: row.id, state: ledgerEntryState(row) }));
  },
};
