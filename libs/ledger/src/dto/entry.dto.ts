import type { EntryKind } from '../entities/ledger-entry.entity';

export type EntryStatus = 'ACTIVE' | 'REVERSED' | 'REVOKED' | 'EXPIRED';

/** How an entry was cancelled: the correction that points at it. */
export class Cancellation {
  entryId: string;
  kind: 'REVERSAL' | 'REVOCATION';
  reason: string;
  recordedAt: string;
  /** Who recorded the correction (a user id). */
  recordedBy: string;
  causeEntryId: string | null;
}

/** What an entry is about, enough to name it in words: the fields a label is made of. */
export type EntrySubject = Pick<
  EntryView,
  | 'id'
  | 'kind'
  | 'courseId'
  | 'term'
  | 'schemeId'
  | 'level'
  | 'component'
  | 'certificateNo'
  | 'programId'
  | 'diplomaNo'
  | 'reason'
>;

/** An entry as clients see it: common fields, the fields of its kind, and its derived status. */
export class EntryView {
  id: string;
  /** Position in the ledger; an account's entries are ordered by it. */
  seq: string;
  learnerId: string;
  kind: EntryKind;
  /** Derived from corrections and validity, never stored. */
  status: EntryStatus;
  recordedAt: string;
  recordedBy: string;
  recorderRole: string;
  institutionId?: string | null;
  certificationBodyId?: string | null;
  courseId?: string;
  term?: string;
  score?: string;
  passed?: boolean;
  credits?: string;
  completedAt?: string;
  schemeId?: string;
  level?: string;
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
  cancelledBy?: Cancellation;
}
