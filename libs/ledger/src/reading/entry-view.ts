import { LedgerEntryEntity } from '../entities/ledger-entry.entity';

import type { Cancellation, EntryStatus, EntrySubject, EntryView } from '../dto/entry.dto';

/** Today's date in ISO form, in China time: certificates expire by the calendar there. */
export function isoToday(now: Date = new Date()): string {
  return new Date(now.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
}

export function deriveStatus(
  entry: Pick<LedgerEntryEntity, 'kind' | 'validUntil'>,
  cancelledBy: Cancellation | undefined,
  today: string,
): EntryStatus {
  if (cancelledBy) return cancelledBy.kind === 'REVOCATION' ? 'REVOKED' : 'REVERSED';
  if (entry.kind === 'CERTIFICATE' && entry.validUntil !== null && entry.validUntil <= today)
    return 'EXPIRED';
  return 'ACTIVE';
}

export function cancellationOf(correction: LedgerEntryEntity): Cancellation {
  return {
    entryId: correction.id,
    kind: correction.kind as Cancellation['kind'],
    reason: correction.reason ?? '',
    recordedAt: correction.recordedAt.toISOString(),
    recordedBy: correction.recordedBy,
    causeEntryId: correction.causeEntryId,
  };
}

export function toEntryView(
  entry: LedgerEntryEntity,
  cancelledBy?: Cancellation,
  today = isoToday(),
): EntryView {
  const view: EntryView = {
    id: entry.id,
    seq: String(entry.seq),
    learnerId: entry.learnerId,
    kind: entry.kind,
    status: deriveStatus(entry, cancelledBy, today),
    recordedAt: entry.recordedAt.toISOString(),
    recordedBy: entry.recordedBy,
    recorderRole: entry.recorderRole,
  };
  switch (entry.kind) {
    case 'COURSE_CREDIT':
      Object.assign(view, {
        institutionId: entry.institutionId,
        courseId: entry.courseId,
        term: entry.term,
        score: entry.score,
        passed: entry.passed,
        credits: entry.credits,
        completedAt: entry.completedAt,
      });
      break;
    case 'CERTIFICATE':
      Object.assign(view, {
        certificationBodyId: entry.certificationBodyId,
        schemeId: entry.schemeId,
        level: entry.level,
        certificateNo: entry.certificateNo,
        issuedAt: entry.issuedAt,
        validUntil: entry.validUntil,
      });
      break;
    case 'DIPLOMA':
      Object.assign(view, {
        institutionId: entry.institutionId,
        programId: entry.programId,
        diplomaNo: entry.diplomaNo,
        graduatedAt: entry.graduatedAt,
      });
      break;
    case 'COURSE_EXEMPTION':
    case 'EXAM_EXEMPTION':
      Object.assign(view, {
        institutionId: entry.institutionId,
        certificationBodyId: entry.certificationBodyId,
        ...(entry.kind === 'COURSE_EXEMPTION'
          ? { courseId: entry.courseId, programId: entry.programId ?? undefined }
          : { schemeId: entry.schemeId, level: entry.level, component: entry.component }),
        credits: entry.credits,
        ruleId: entry.ruleId,
        ruleVersionId: entry.ruleVersionId,
        evidenceEntryIds: entry.evidenceEntryIds,
        applicationId: entry.applicationId,
        // An exemption recorded again by a cascade names the reversal of the one it replaces.
        ...(entry.causeEntryId == null
          ? {}
          : { causeEntryId: entry.causeEntryId, reason: entry.reason ?? undefined }),
      });
      break;
    case 'REVERSAL':
    case 'REVOCATION':
      Object.assign(view, {
        cancelsEntryId: entry.cancelsEntryId,
        causeEntryId: entry.causeEntryId,
        reason: entry.reason,
      });
      break;
  }
  if (cancelledBy) view.cancelledBy = cancelledBy;
  return view;
}

export function toEntrySubject(entry: LedgerEntryEntity): EntrySubject {
  const subject: EntrySubject = { id: entry.id, kind: entry.kind };
  if (entry.courseId !== null) subject.courseId = entry.courseId;
  if (entry.term !== null) subject.term = entry.term;
  if (entry.schemeId !== null) subject.schemeId = entry.schemeId;
  if (entry.level !== null) subject.level = entry.level;
  if (entry.component !== null) subject.component = entry.component;
  if (entry.certificateNo !== null) subject.certificateNo = entry.certificateNo;
  if (entry.programId !== null) subject.programId = entry.programId;
  if (entry.diplomaNo !== null) subject.diplomaNo = entry.diplomaNo;
  if (entry.reason !== null) subject.reason = entry.reason;
  return subject;
}
