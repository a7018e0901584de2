import { AuditedSqlTable, AuditedTable, utcTimestampSql } from '@app/outbox';

/*
 * Enrolments, exam registrations and shares as the audit log records them: every stored column
 * as PostgreSQL prints it, times in UTC to the microsecond. The events and the verifier read
 * them through the same tables below.
 */

interface EnrolmentRow {
  id: string;
  learner_id: string;
  institution_id: string;
  program_id: string;
  student_no: string;
  category: string;
  status: string;
  started_at: string;
  ended_at: string | null;
  created_by: string | null;
  created_at: string;
}

export const AUDITED_ENROLMENTS = new AuditedSqlTable<EnrolmentRow>({
  kind: 'enrolment',
  code: 'ENROLMENT',
  from: 'enrolments t',
  columns: `t.id::text AS id, t.learner_id::text AS learner_id, t.institution_id::text AS institution_id,
   t.program_id::text AS program_id, t.student_no, t.category, t.status,
   t.started_at::text AS started_at, t.ended_at::text AS ended_at, t.created_by::text AS created_by,
   ${utcTimestampSql('t.created_at')} AS created_at`,
  state: (row) => ({
    id: row.id,
    learnerId: row.learner_id,
    institutionId: row.institution_id,
    programId: row.program_id,
    studentNo: row.student_no,
    category: row.category,
    status: row.status,
    startedAt: row.started_at,
    endedAt: row.ended_at,
    createdBy: row.created_by,
    createdAt: row.created_at,
  }),
});

interface ExamRegistrationRow {
  id: string;
  learner_id: string;
  scheme_id: string;
  certification_body_id: string;
  level: string;
  session: string;
  created_by: string | null;
  created_at: string;
}

export const AUDITED_EXAM_REGISTRATIONS = new AuditedSqlTable<ExamRegistrationRow>({
  kind: 'exam_registration',
  code: 'EXAM_REGISTRATION',
  immutable: true,
  from: 'exam_registrations t',
  columns: `t.id::text AS id, t.learner_id::text AS learner_id, t.scheme_id::text AS scheme_id,
   t.certification_body_id::text AS certification_body_id, t.level, t.session,
   t.created_by::text AS created_by, ${utcTimestampSql('t.created_at')} AS created_at`,
  state: (row) => ({
    id: row.id,
    learnerId: row.learner_id,
    schemeId: row.scheme_id,
    certificationBodyId: row.certification_body_id,
    level: row.level,
    session: row.session,
    createdBy: row.created_by,
    createdAt: row.created_at,
  }),
});

interface ShareRow {
  id: string;
  learner_id: string;
  institution_id: string | null;
  certification_body_id: string | null;
  until: string;
  withdrawn_at: string | null;
  created_at: string;
}

export const AUDITED_SHARES = new AuditedSqlTable<ShareRow>({
  kind: 'learner_share',
  code: 'SHARE',
  from: 'learner_shares t',
  columns: `t.id::text AS id, t.learner_id::text AS learner_id,
   t.institution_id::text AS institution_id, t.certification_body_id::text AS certification_body_id,
   t.until::text AS until, ${utcTimestampSql('t.withdrawn_at')} AS withdrawn_at,
   ${utcTimestampSql('t.created_at')} AS created_at`,
  state: (row) => ({
    id: row.id,
    learnerId: row.learner_id,
    institutionId: row.institution_id,
    certificationBodyId: row.certification_body_id,
    until: row.until,
    withdrawnAt: row.withdrawn_at,
    createdAt: row.created_at,
  }),
});

export const RELATIONSHIPS_AUDITED_TABLES: AuditedTable[] = [
  AUDITED_ENROLMENTS,
  AUDITED_EXAM_REGISTRATIONS,
  AUDITED_SHARES,
];
