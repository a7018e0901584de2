import { Cancellation, EntryStatus, EntryView } from '@app/ledger';

export class CancellationDto implements Cancellation {
  entryId: string;
  kind: 'REVERSAL' | 'REVOCATION';
  reason: string;
  recordedAt: string;
  causeEntryId: string | null;
}

/** A ledger entry: the common fields, the fields of its kind, and its derived status. */
export class EntryDto implements EntryView {
  id: string;
  /** Position in the ledger; the account's entries are ordered by it. */
  seq: string;
  learnerId: string;
  kind: EntryView['kind'];
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
  cancelledBy?: CancellationDto;
}

export class CorrectionResultDto {
  correction: EntryDto;
  /** Exemptions reversed in the same transaction because they cited the cancelled entry. */
  cascaded: EntryDto[];
}

export class EntryPageDto {
  items: EntryDto[];
  /** Pass as `cursor` for the next (older) page; null at the end. */
  nextCursor: string | null;
}
