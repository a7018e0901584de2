/** An import and its refused rows as a person reads them: names, not ids; their language. */
import { type Locale, localiseFieldError, localiseProblem, type ProblemSource } from '@app/core';
import { IMPORT_COLUMNS, type ImportKind } from './files/columns';
import type { ImportEntity, StoredProblem } from './entities/import.entity';
import type { StoredRowError } from './entities/import-row.entity';

export interface ImportView {
  id: string;
  kind: ImportKind;
  fileName: string;
  fileHash: string;
  format: 'csv' | 'xlsx';
  encoding: string | null;
  size: number;
  status: ImportEntity['status'];
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

export interface ImportRowErrorView {
  row: number;
  column: string | null;
  columnName: string | null;
  reason: string;
  cells: Record<string, string>;
}

export function importView(
  entity: ImportEntity,
  names: ReadonlyMap<string, string>,
  locale: Locale,
): ImportView {
  const person = (id: string) => ({ id, displayName: names.get(id) ?? id });
  return {
    id: entity.id,
    kind: entity.kind,
    fileName: entity.fileName,
    fileHash: entity.fileHash,
    format: entity.format,
    encoding: entity.encoding,
    size: Number(entity.size),
    status: entity.status,
    progress: entity.progress,
    rows: entity.rowCount,
    valid: entity.validCount,
    invalid: entity.invalidCount,
    committed: entity.committedCount,
    rejectedAtCommit: entity.rejectedCount,
    failure: entity.failure
      ? { code: entity.failure.code, message: problemText(locale, entity.failure) }
      : null,
    uploadedBy: person(entity.uploadedBy),
    uploadedAt: entity.uploadedAt.toISOString(),
    validatedAt: entity.validatedAt?.toISOString() ?? null,
    committedBy: entity.committedBy ? person(entity.committedBy) : null,
    committedAt: entity.committedAt?.toISOString() ?? null,
  };
}

function problemText(locale: Locale, problem: StoredProblem): string {
  const source: ProblemSource = { ...problem, key: problem.key || problem.code };
  return localiseProblem(locale, source).detail;
}

/** The column's header as the file writes it, else its name in the reader's language. */
export function columnName(
  kind: ImportKind,
  header: readonly string[] | null,
  indexes: Partial<Record<string, number>>,
  column: string | null,
  locale: Locale,
): string | null {
  if (column === null) return null;
  const index = indexes[column];
  const written = index === undefined ? undefined : header?.[index]?.trim();
  if (written) return written;
  const known = IMPORT_COLUMNS[kind].find((candidate) => candidate.key === column);
  return known ? (locale === 'zh-CN' ? known.zh : known.en) : column;
}

/** The reason in the reader's language, the column said by its name rather than its key. */
export function rowErrorReason(locale: Locale, error: StoredRowError, name: string | null): string {
  if (error.problem) return problemText(locale, error.problem);
  if (!error.field) return error.code;
  const field = error.field;
  const label = name ?? field.field;
  if (field.key) {
    return localiseFieldError(locale, {
      ...field,
      field: label,
      params: { ...field.params, field: label },
    }).message;
  }
  const message = localiseFieldError(locale, field).message;
  return message.startsWith(`${field.field} `)
    ? `${label}${message.slice(field.field.length)}`
    : message;
}

/** `第 4 行「成绩」：…` / `Row 4, Score: …`: one line of the error file's 错误原因 column. */
export function errorLine(
  locale: Locale,
  row: number,
  name: string | null,
  reason: string,
): string {
  if (locale === 'zh-CN')
    return name ? `第 ${row} 行「${name}」：${reason}` : `第 ${row} 行：${reason}`;
  return name ? `Row ${row}, ${name}: ${reason}` : `Row ${row}: ${reason}`;
}
