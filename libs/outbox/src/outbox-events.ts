import type { EntityManager } from 'typeorm';

/**
 * The rows the audit log follows. Each audited table has one kind; an event lists the rows it
 * changed as `{kind, id, state}` and the verifier compares each row today with the newest state
 * the log holds for it.
 */
export const AUDITED_KINDS = [
  'ledger_entry',
  'learner',
  'user',
  'institution',
  'program',
  'course',
  'certification_body',
  'certificate_scheme',
  'conversion_rule',
  'conversion_rule_version',
  'exemption_application',
  'enrolment',
  'exam_registration',
  'learner_share',
] as const;
export type AuditedKind = (typeof AUDITED_KINDS)[number];

/** Who did it. Work no person started (boot-time admin, migrations) names the system. */
export interface Actor {
  userId: string | null;
  username: string;
  role: string;
  institutionId: string | null;
  certificationBodyId: string | null;
}

export const SYSTEM_ACTOR: Actor = Object.freeze({
  userId: null,
  username: 'system',
  role: 'SYSTEM',
  institutionId: null,
  certificationBodyId: null,
});

/**
 * A row as the log records it: its stored columns, JSON-typed (dates as ISO strings, decimals
 * as strings), no derived values (a certificate's EXPIRED status changes with the calendar, not
 * with the row) and no secrets in clear. One function per table builds it, used both when the
 * event is written and when the verifier recomputes it.
 */
export type RowState = Record<string, unknown>;

export interface RowChange {
  kind: AuditedKind;
  id: string;
  state: RowState;
}

/**
 * Why the cascade touched an application: evidence it cited was reversed or revoked. The event
 * names the correction entry (REVERSAL or REVOCATION) that cancelled that evidence.
 */
export type EvidenceCancellation = 'EVIDENCE_REVERSED' | 'EVIDENCE_REVOKED';

/** Which of a learner's views a staff member read, as the access log names it. */
export const ACCOUNT_VIEWS = [
  'ACCOUNT',
  'ENTRIES',
  'APPLICATIONS',
  'ELIGIBILITY',
  'ENROLMENTS',
  'EXAM_REGISTRATIONS',
  'IDENTITY_LOOKUP',
] as const;
export type AccountView = (typeof ACCOUNT_VIEWS)[number];

/** What each event type says beyond the rows it changed. */
export interface OutboxEventDetails {
  'ledger.entry.recorded': Record<string, never>;
  'learner.opened': Record<string, never>;
  /** A staff member read the learner's account (the access log); nothing changed. */
  'learner.account.viewed': { view: AccountView };
  'enrolment.opened': Record<string, never>;
  'enrolment.ended': { status: string };
  'exam_registration.created': Record<string, never>;
  'share.granted': Record<string, never>;
  'share.withdrawn': Record<string, never>;
  'user.created': Record<string, never>;
  'user.changed': { fields: string[] };
  'user.disabled': Record<string, never>;
  'user.password_reset': Record<string, never>;
  'catalog.institution.created': Record<string, never>;
  'catalog.institution.changed': { fields: string[] };
  'catalog.program.created': Record<string, never>;
  'catalog.program.changed': { fields: string[] };
  'catalog.course.created': Record<string, never>;
  'catalog.course.changed': { fields: string[] };
  'catalog.certification_body.created': Record<string, never>;
  'catalog.certification_body.changed': { fields: string[] };
  'catalog.certificate_scheme.created': Record<string, never>;
  'catalog.certificate_scheme.changed': { fields: string[] };
  'conversion.rule.created': Record<string, never>;
  'conversion.rule.versioned': { version: number };
  'conversion.rule.activated': { version: number; superseded: number | null };
  'conversion.rule.retired': { reason: string | null };
  'conversion.application.submitted': Record<string, never>;
  'conversion.application.decided': { decision: 'APPROVE' | 'REJECT'; reason: string | null };
  'conversion.application.withdrawn': Record<string, never>;
  'conversion.application.closed': {
    cause: EvidenceCancellation | 'RULE_RETIRED';
    causeEntryId: string | null;
  };
  'conversion.application.reevaluated': { cause: EvidenceCancellation; causeEntryId: string };
  'conversion.application.repointed': { replacedEntryId: string; causeEntryId: string };
  /** A file uploaded for import: what it is, by its hash. Its rows are audited as they are recorded. */
  'import.uploaded': {
    importId: string;
    kind: string;
    fileName: string;
    fileHash: string;
    size: number;
  };
  'import.validated': { importId: string; rows: number; valid: number; invalid: number };
  'import.failed': { importId: string; code: string };
  'import.commit_requested': { importId: string; valid: number };
  'import.committed': { importId: string; committed: number; rejected: number };
}
export type OutboxEventType = keyof OutboxEventDetails;

/**
 * An audit-bound event, as an area hands it to `OutboxWriter.append` inside its transaction.
 * `changes` lists every audited row the transaction wrote, each with its state after the write
 * (empty for events that change nothing, such as a staff member reading an account).
 */
export type OutboxEvent = {
  [T in OutboxEventType]: {
    type: T;
    learnerId: string | null;
    actor: Actor;
    changes: RowChange[];
    details: OutboxEventDetails[T];
  };
}[OutboxEventType];

/**
 * One audited table, for the verifier: its rows' current states in id order, a page at a time.
 * Ids compare as text in the "C" collation (for uuid columns that is PostgreSQL's uuid order).
 */
export interface AuditedTable {
  kind: AuditedKind;
  /** Problem codes `<code>_ROW_MODIFIED`, `<code>_ROW_NOT_AUDITED`, `<code>_RECORD_WITHOUT_ROW`. */
  code: string;
  /** Rows are never changed once written (the ledger): a second record of one id is `<code>_RECORDED_TWICE`. */
  immutable?: boolean;
  states(
    manager: EntityManager,
    afterId: string | null,
    limit: number,
  ): Promise<{ id: string; state: RowState }[]>;
}

/** Injection token: every area's AuditedTable, composed by the platform. */
export const AUDITED_TABLES = Symbol('AUDITED_TABLES');
