import type { Entry } from '../api-types';
import { fill } from '../i18n/i18n';
import type { Dictionary } from '../i18n/zh-CN';

/** What one entry is, in words: the course, certificate, diploma or exemption it records. */
export function entryLabel(t: Dictionary, entry: Entry): string {
  const d = t.registrar.desk;
  const course = entry.course ? `${entry.course.code} ${entry.course.name}` : '';
  switch (entry.kind) {
    case 'COURSE_CREDIT':
      return course;
    case 'CERTIFICATE':
      return [entry.scheme?.name, entry.levelName].filter(Boolean).join(' · ');
    case 'DIPLOMA':
      return entry.program?.name ?? t.enums.entryKind.DIPLOMA;
    case 'COURSE_EXEMPTION':
      return fill(d.exemptionCourse, { course });
    case 'EXAM_EXEMPTION':
      return fill(d.exemptionExam, {
        scheme: entry.scheme?.name ?? '',
        level: entry.levelName ?? '',
        component: entry.component ?? '',
      });
    default:
      return t.enums.entryKind[entry.kind];
  }
}

export type Tone = 'good' | 'bad' | 'wait' | 'plain';

/** An entry's status in words, with the badge's tone; a failed attempt says so. */
export function entryStatus(t: Dictionary, entry: Entry): { tone: Tone; text: string } {
  if (entry.status === 'ACTIVE' && entry.kind === 'COURSE_CREDIT' && entry.passed === false)
    return { tone: 'wait', text: t.registrar.desk.failed };
  const tones: Record<Entry['status'], Tone> = {
    ACTIVE: 'good',
    EXPIRED: 'plain',
    REVERSED: 'bad',
    REVOKED: 'bad',
  };
  return { tone: tones[entry.status], text: t.enums.entryStatus[entry.status] };
}

/** An exemption as the correction pages tell it: whose, what, under which rule. */
export function exemptionWords(
  t: Dictionary,
  template: string,
  learner: string,
  exemption: Entry | undefined,
): string {
  return fill(template, {
    learner,
    exemption: exemption ? entryLabel(t, exemption) : t.registrar.desk.unknownEntry,
    rule: exemption?.rule?.name ?? '',
  });
}
