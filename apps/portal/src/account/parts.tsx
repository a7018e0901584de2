import type { ComponentChildren } from 'preact';
import type { Cancellation, Entry, EntryStatus, NamedTarget } from '../api-types';
import type { Dictionary } from '../i18n/zh-CN';
import { fill, formatDate, useI18n, useT } from '../i18n/i18n';
import { Badge } from '../ui/text';
import { ProblemNotice } from '../ui/problem';
import type { MoreEntries } from './more';

const STATUS_TONE: Record<EntryStatus, 'good' | 'bad' | 'wait' | 'plain'> = {
  ACTIVE: 'good',
  EXPIRED: 'plain',
  REVERSED: 'bad',
  REVOKED: 'bad',
};

/** An entry's status in words, coloured. */
export function StatusBadge({ status }: { status: EntryStatus }) {
  const t = useT();
  return <Badge tone={STATUS_TONE[status]}>{t.enums.entryStatus[status]}</Badge>;
}

/** "reversed by whom, when, why" under an entry that no longer stands. */
export function CancelledNote({ cancellation }: { cancellation: Cancellation }) {
  const { t, lang } = useI18n();
  const text =
    cancellation.kind === 'REVOCATION' ? t.learner.account.revokedBy : t.learner.account.reversedBy;
  return (
    <p class="account-cancelled">
      {fill(text, {
        name: cancellation.recorder.name,
        at: formatDate(lang, cancellation.recordedAt, true),
        reason: cancellation.reason,
      })}
    </p>
  );
}

/** Who recorded an entry and when. */
export function RecordedBy({ entry }: { entry: Entry }) {
  const { t, lang } = useI18n();
  return (
    <p class="card-meta">
      {fill(t.learner.account.recordedBy, {
        name: entry.recorder.name,
        at: formatDate(lang, entry.recordedAt, true),
      })}
    </p>
  );
}

/** "Showing 20 of 31" and the button for the rest of a section. */
export function MoreButton({ more, total }: { more: MoreEntries; total: number }) {
  const t = useT();
  if (!more.hasMore && more.items.length >= total) return null;
  return (
    <div class="account-more">
      <p class="card-meta">{fill(t.learner.account.shown, { shown: more.items.length, total })}</p>
      <ProblemNotice error={more.error} />
      {more.hasMore && (
        <button type="button" class="button-secondary" disabled={more.loading} onClick={more.more}>
          {t.app.more}
        </button>
      )}
    </div>
  );
}

/** A term/date pair of facts, e.g. the certificate's number and dates. */
export function Fact({ label, children }: { label: string; children: ComponentChildren }) {
  return (
    <>
      <dt>{label}</dt>
      <dd>{children}</dd>
    </>
  );
}

/** An exam component in words (THEORY → 理论知识考试), its code when the dictionary has none. */
export function componentName(t: Dictionary, code: string | undefined): string {
  if (!code) return '';
  const names: Record<string, string> = t.learner.account.component;
  return names[code] ?? code;
}

/** What an exemption or application is for, in words: the course, or the exam component. */
export function targetName(t: Dictionary, target: NamedTarget): string {
  if (target.course) return `${target.course.name}（${target.course.code}）`;
  return fill(t.learner.account.examTarget, {
    scheme: target.scheme?.name ?? '',
    level: target.levelName ?? '',
    component: componentName(t, target.component),
  });
}

/** What an entry is about, in words: course, certificate scheme and level, program, target. */
export function entrySubject(t: Dictionary, entry: Entry): string {
  switch (entry.kind) {
    case 'COURSE_CREDIT':
    case 'COURSE_EXEMPTION':
      return entry.course ? `${entry.course.name}（${entry.course.code}）` : '';
    case 'CERTIFICATE':
      return `${entry.scheme?.name ?? ''} ${entry.levelName ?? ''}`.trim();
    case 'DIPLOMA':
      return entry.program?.name ?? '';
    case 'EXAM_EXEMPTION':
      return targetName(t, {
        scheme: entry.scheme,
        levelName: entry.levelName,
        component: entry.component,
      });
    default:
      return entry.cancels?.label ?? '';
  }
}

/** The entry's kind and subject: "课程学分 · 数据库技术与应用（HV-SE102）". */
export function entryLabel(t: Dictionary, entry: Entry): string {
  const subject = entrySubject(t, entry);
  return subject ? `${t.enums.entryKind[entry.kind]} · ${subject}` : t.enums.entryKind[entry.kind];
}
