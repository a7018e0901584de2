/**
 * The API's answers the pages read, as its OpenAPI document (GET /docs-json) describes them.
 * Only what the portal uses; the document is the reference for the rest.
 */

export interface Ref {
  id: string;
  code: string;
  name: string;
}

export interface PersonRef {
  id: string;
  name: string;
}

export interface CourseRef extends Ref {
  credits: string;
  category: string;
}

export interface RuleRef {
  id: string;
  versionId: string;
  name: string;
  kind: RuleKind;
  version: number;
}

/** Another entry, named in words (`label`), e.g. the evidence of an exemption. */
export interface EntryRef {
  id: string;
  kind: string;
  label: string;
}

export interface LearnerRef {
  id: string;
  name: string;
  studentNo?: string | null;
}

export type EntryKind =
  | 'COURSE_CREDIT'
  | 'CERTIFICATE'
  | 'DIPLOMA'
  | 'COURSE_EXEMPTION'
  | 'EXAM_EXEMPTION'
  | 'REVERSAL'
  | 'REVOCATION';
export type EntryStatus = 'ACTIVE' | 'EXPIRED' | 'REVERSED' | 'REVOKED';
export type RuleKind = 'CERT_TO_COURSE' | 'COURSE_TO_EXAM' | 'COURSE_TO_COURSE';
export type Level = 'JUNIOR' | 'INTERMEDIATE' | 'SENIOR';
export type ApplicationStatus = 'SUBMITTED' | 'APPROVED' | 'REJECTED' | 'CLOSED';

export interface Cancellation {
  entryId: string;
  kind: 'REVERSAL' | 'REVOCATION';
  reason: string;
  recordedAt: string;
  recordedBy: string;
  causeEntryId: string | null;
  recorder: PersonRef;
  cause: EntryRef;
}

/** One ledger entry with the names of what it cites (NamedEntryDto). */
export interface Entry {
  id: string;
  seq: string;
  learnerId: string;
  kind: EntryKind;
  status: EntryStatus;
  recordedAt: string;
  recordedBy: string;
  recorderRole: string;
  recorder: PersonRef;
  cancelledBy?: Cancellation;
  institution?: Ref;
  certificationBody?: Ref;
  course?: CourseRef;
  program?: Ref;
  scheme?: Ref;
  levelName?: string;
  rule?: RuleRef;
  evidence?: EntryRef[];
  application?: { id: string; label: string };
  cancels?: EntryRef;
  cause?: EntryRef;
  institutionId?: string | null;
  certificationBodyId?: string | null;
  courseId?: string;
  term?: string;
  score?: string;
  passed?: boolean;
  credits?: string;
  completedAt?: string;
  schemeId?: string;
  level?: Level;
  component?: string;
  certificateNo?: string;
  issuedAt?: string;
  validUntil?: string | null;
  programId?: string;
  diplomaNo?: string;
  graduatedAt?: string;
  ruleId?: string | null;
  ruleVersionId?: string;
  evidenceEntryIds?: string[];
  applicationId?: string | null;
  cancelsEntryId?: string;
  causeEntryId?: string | null;
  reason?: string;
}

export interface Learner {
  id: string;
  name: string;
  idType: string;
  /** Masked (first two and last two characters) for staff. */
  idNumber: string;
  birthDate: string | null;
  birthYear: number | null;
  masked: boolean;
  createdAt: string;
}

export interface NamedTarget {
  courseId?: string;
  course?: CourseRef;
  schemeId?: string;
  scheme?: Ref;
  level?: Level;
  levelName?: string;
  component?: string;
}

/** The engine's evaluation of one rule for one learner, with its reasons in the answer's language. */
export interface Evaluation {
  eligible: boolean;
  creditsGranted: string;
  evidenceEntryIds: string[];
  reasons: string[];
  explanation: string[];
  at: string;
  inEffect: boolean;
  conditionHeld: boolean;
}

export interface Application {
  id: string;
  learnerId: string;
  learner: LearnerRef;
  ruleId: string;
  rule: RuleRef;
  target: NamedTarget;
  targetKey: string;
  status: ApplicationStatus;
  ownerInstitution?: Ref;
  ownerCertificationBody?: Ref;
  submitter: PersonRef;
  decider?: PersonRef;
  evidence: EntryRef[];
  exemptionEntry?: EntryRef;
  evaluation: Evaluation;
  submittedAt: string;
  decidedAt: string | null;
  decisionReason: string | null;
  exemptionEntryId: string | null;
}

export interface Section {
  total: number;
  nextCursor: string | null;
}

/** GET /v1/me/account and GET /v1/learners/{id}/account. */
export interface Account {
  learner: Learner;
  totals: {
    creditsEarned: string;
    bySource: { courseCredits: string; courseExemptions: string; certificatesRecognised: string };
  };
  courseCredits: Entry[];
  certificates: Entry[];
  diplomas: Entry[];
  exemptions: Entry[];
  applications: Application[];
  sections: Record<
    'courseCredits' | 'certificates' | 'diplomas' | 'exemptions' | 'applications',
    Section
  >;
}

export interface CursorPage<T> {
  items: T[];
  nextCursor: string | null;
}

/** A queued job (GET /v1/jobs/{id}). */
export interface Job {
  id: string;
  state:
    'waiting' | 'active' | 'completed' | 'failed' | 'delayed' | 'prioritized' | 'waiting-children';
  progress: unknown;
  result: unknown;
}

/** What a bulk import holds (POST /v1/imports `kind`); each kind belongs to one role. */
export type ImportKind = 'COURSE_CREDITS' | 'DIPLOMAS' | 'ENROLMENTS' | 'CERTIFICATES';
export type ImportStatus = 'VALIDATING' | 'VALIDATED' | 'COMMITTING' | 'COMMITTED' | 'FAILED';

/** One uploaded file: its dry run, then its commit (ImportDto). */
export interface Import {
  id: string;
  kind: ImportKind;
  fileName: string;
  fileHash: string;
  format: 'csv' | 'xlsx';
  encoding: 'UTF-8' | 'GB18030' | null;
  size: number;
  status: ImportStatus;
  /** 0–100, of the job running now (the dry run or the commit). */
  progress: number;
  rows: number;
  valid: number;
  invalid: number;
  committed: number;
  rejectedAtCommit: number;
  failure: { code: string; message: string } | null;
  uploadedBy: { id: string; displayName: string };
  uploadedAt: string;
  validatedAt: string | null;
  committedBy: { id: string; displayName: string } | null;
  committedAt: string | null;
}

/** One refused row of an import (GET /v1/imports/{id}/errors). */
export interface ImportRowError {
  /** The row number in the sheet; the header row is 1. */
  row: number;
  column: string | null;
  /** The header as written in the file. */
  columnName: string | null;
  reason: string;
  cells: Record<string, string>;
}

/** 202 of POST /v1/imports and POST /v1/imports/{id}/commit. */
export interface ImportAccepted {
  id: string;
  jobId: string;
}
