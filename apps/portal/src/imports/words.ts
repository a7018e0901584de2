import type { Import, ImportKind, ImportStatus } from '../api-types';
import { fill, formatNumber, type Language } from '../i18n/i18n';
import type { Dictionary } from '../i18n/zh-CN';
import type { Role } from '../session';

/** The kinds each role may upload (the API refuses the others on field `kind`). */
export function kindsOf(role: Role): ImportKind[] {
  if (role === 'REGISTRAR') return ['COURSE_CREDITS', 'DIPLOMAS', 'ENROLMENTS'];
  if (role === 'EXAMINER') return ['CERTIFICATES'];
  return [];
}

/** A job still runs while the import is being checked or recorded: the page follows it. */
export function running(status: ImportStatus): boolean {
  return status === 'VALIDATING' || status === 'COMMITTING';
}

export function statusTone(status: ImportStatus): 'good' | 'bad' | 'wait' | 'plain' {
  if (status === 'COMMITTED') return 'good';
  if (status === 'FAILED') return 'bad';
  if (status === 'VALIDATED') return 'plain';
  return 'wait';
}

/** A file size as people read it (KB below a megabyte, MB from there). */
export function sizeWords(t: Dictionary, lang: Language, bytes: number): string {
  const mega = 1024 * 1024;
  if (bytes >= mega)
    return fill(t.imports.sizeMb, {
      size: formatNumber(lang, Math.round((bytes / mega) * 10) / 10),
    });
  return fill(t.imports.sizeKb, { size: formatNumber(lang, Math.max(1, Math.ceil(bytes / 1024))) });
}

export function countsWords(t: Dictionary, lang: Language, item: Import): string {
  return fill(t.imports.counts, {
    rows: formatNumber(lang, item.rows),
    valid: formatNumber(lang, item.valid),
    invalid: formatNumber(lang, item.invalid),
    committed: formatNumber(lang, item.committed),
  });
}
