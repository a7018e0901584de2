/**
 * From a sheet's row to the bodies the single-record endpoints take, and from what refused a
 * row to the column it is about. Pure: the recorder (row-recorder.service.ts) does the reading.
 */
import { DomainError, fieldError, FieldError, ValidationFailedError } from '@app/core';
import {
  ID_TYPES,
  type IdType,
  isIdType,
  normaliseIdNumber,
  validateIdNumber,
} from '@app/accounts';
import { documentNumber, PASSING_SCORE } from '@app/ledger';
import { IDENTITY_WAYS, IMPORT_COLUMNS, type ImportKind } from '../files/columns';
import { isChoiceKey, normaliseChoice } from '../files/choices';
import { parseSheetDate } from '../files/dates';
import type { StoredRowError } from '../entities/import-row.entity';

const DATE_COLUMNS = new Set([
  'completedAt',
  'issuedAt',
  'validUntil',
  'graduatedAt',
  'startedAt',
  'birthDate',
]);

const NUMBER = /^[+-]?\d+(?:\.\d+)?$/;

/** A cell as the validators see it: blank is absent, choices and dates normalised, scores numbers. */
function cellValue(key: string, text: string): unknown {
  if (text === '') return undefined;
  if (isChoiceKey(key)) return normaliseChoice(key, text) ?? text;
  if (DATE_COLUMNS.has(key)) return parseSheetDate(text) ?? text;
  if (key === 'score') {
    const number = text.normalize('NFKC').trim();
    return NUMBER.test(number) ? Number(number) : text;
  }
  return text;
}

const BODY_COLUMNS: Record<ImportKind, readonly string[]> = {
  COURSE_CREDITS: ['courseCode', 'term', 'score', 'completedAt'],
  CERTIFICATES: ['schemeCode', 'level', 'certificateNo', 'issuedAt', 'validUntil'],
  DIPLOMAS: ['programCode', 'diplomaNo', 'graduatedAt'],
  ENROLMENTS: ['programCode', 'studentNo', 'category', 'startedAt'],
};

/** The body of the kind's single-record endpoint, from the row's cells (blank cells left out). */
export function outcomeBody(
  kind: ImportKind,
  record: Record<string, string>,
): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  for (const key of BODY_COLUMNS[kind]) {
    const value = cellValue(key, record[key] ?? '');
    if (value !== undefined) body[key] = value;
  }
  return body;
}

/** How the row names its learner, once its identity cells are checked. */
export type LearnerKey =
  { by: 'identity'; idType: IdType; idNumber: string } | { by: 'studentNo'; studentNo: string };

export interface RowIdentity {
  name: string;
  key: LearnerKey | null;
  /** For ENROLMENTS: what opening the account needs beyond the key. */
  birthDate?: unknown;
  errors: FieldError[];
}

/**
 * The learner the row names: by 证件类型 + 证件号码 (证件类型 blank means a resident ID card,
 * what nearly every row holds), else by 学号 where the kind allows it. The number is checked as
 * opening an account checks it, so a typo is said as such, not as "no such learner".
 */
export function rowIdentity(kind: ImportKind, record: Record<string, string>): RowIdentity {
  const errors: FieldError[] = [];
  const name = record.name ?? '';
  if (name === '') errors.push(fieldError('name', 'REQUIRED'));
  const idNumber = record.idNumber ?? '';
  const studentNo = record.studentNo ?? '';
  const birthDate = cellValue('birthDate', record.birthDate ?? '');
  if (idNumber !== '') {
    const typeText = record.idType ?? '';
    const idType = typeText === '' ? 'RESIDENT_ID' : normaliseChoice('idType', typeText);
    if (!isIdType(idType)) {
      errors.push(fieldError('idType', 'NOT_ALLOWED_VALUE', { allowed: [...ID_TYPES] }));
      return { name, key: null, errors };
    }
    const problem = validateIdNumber(idType, idNumber);
    if (problem) {
      errors.push({ field: 'idNumber', message: `idNumber ${problem}` });
      return { name, key: null, errors };
    }
    const key: LearnerKey = {
      by: 'identity',
      idType,
      idNumber: normaliseIdNumber(idType, idNumber),
    };
    return { name, key, birthDate, errors };
  }
  const byStudentNo = IDENTITY_WAYS[kind].some((way) => way.length === 1 && way[0] === 'studentNo');
  if (studentNo !== '' && byStudentNo) {
    return { name, key: { by: 'studentNo', studentNo }, errors };
  }
  errors.push(
    fieldError('idNumber', 'REQUIRED.identity', {
      columns: byStudentNo ? '证件类型 + 证件号码, 学号' : '证件类型 + 证件号码',
    }),
  );
  return { name, key: null, errors };
}

/**
 * What makes two rows of one file the same record: each key's column is the one the duplicate
 * is reported on. A failed attempt and a pass of one course in different terms are two records;
 * two passes are one too many.
 */
export function duplicateKeys(
  kind: ImportKind,
  learner: string,
  body: Record<string, unknown>,
): { key: string; column: string }[] {
  const text = (value: unknown) =>
    (typeof value === 'string' || typeof value === 'number' ? String(value) : '')
      .normalize('NFKC')
      .trim()
      .toUpperCase();
  switch (kind) {
    case 'COURSE_CREDITS': {
      const course = text(body.courseCode);
      const keys = [{ key: `term|${learner}|${course}|${text(body.term)}`, column: 'term' }];
      if (typeof body.score === 'number' && body.score >= PASSING_SCORE)
        keys.push({ key: `pass|${learner}|${course}`, column: 'courseCode' });
      return keys;
    }
    case 'CERTIFICATES':
      return [
        {
          key: `no|${text(body.schemeCode)}|${documentNumber(text(body.certificateNo))}`,
          column: 'certificateNo',
        },
        { key: `level|${learner}|${text(body.schemeCode)}|${text(body.level)}`, column: 'level' },
      ];
    case 'DIPLOMAS':
      return [
        { key: `program|${learner}|${text(body.programCode)}`, column: 'programCode' },
        { key: `no|${documentNumber(text(body.diplomaNo))}`, column: 'diplomaNo' },
      ];
    case 'ENROLMENTS':
      return [
        { key: `studentNo|${text(body.studentNo)}`, column: 'studentNo' },
        { key: `program|${learner}|${text(body.programCode)}`, column: 'programCode' },
      ];
  }
}

/** The column each refusal of the recording services is about (null: the row as a whole). */
const COLUMN_OF_CODE: Record<string, string> = {
  'CATALOG.COURSE_NOT_FOUND': 'courseCode',
  'CATALOG.SCHEME_NOT_FOUND': 'schemeCode',
  'CATALOG.PROGRAM_NOT_FOUND': 'programCode',
  'LEDGER.CREDIT_ALREADY_RECORDED': 'courseCode',
  'LEDGER.COURSE_ALREADY_EXEMPTED': 'courseCode',
  'LEDGER.CERTIFICATE_NUMBER_TAKEN': 'certificateNo',
  'LEDGER.CERTIFICATE_LEVEL_ALREADY_HELD': 'level',
  'LEDGER.DIPLOMA_ALREADY_RECORDED': 'programCode',
  'LEDGER.DIPLOMA_NUMBER_TAKEN': 'diplomaNo',
  'RELATIONSHIPS.STUDENT_NO_TAKEN': 'studentNo',
  'RELATIONSHIPS.ALREADY_ENROLLED': 'programCode',
  'ACCOUNTS.LEARNER_EXISTS': 'idNumber',
};

function columnOf(kind: ImportKind, field: string | null): string | null {
  if (field === null) return null;
  return IMPORT_COLUMNS[kind].some((column) => column.key === field) ? field : null;
}

export function fieldRowErrors(kind: ImportKind, errors: readonly FieldError[]): StoredRowError[] {
  return errors.map((error) => ({
    column: columnOf(kind, error.field),
    code: error.code ?? 'INVALID',
    field: error,
  }));
}

/** A refusal of the recording services as the row's error: its field errors, else its problem. */
export function refusalRowErrors(kind: ImportKind, error: DomainError): StoredRowError[] {
  const fields =
    error instanceof ValidationFailedError
      ? error.errors
      : (error.extra.errors as FieldError[] | undefined);
  if (fields?.length) return fieldRowErrors(kind, fields);
  return [
    {
      column: columnOf(kind, COLUMN_OF_CODE[error.code] ?? null),
      code: error.code,
      problem: {
        code: error.code,
        key: error.messageKey,
        params: error.params,
        title: error.title,
        detail: error.message,
      },
    },
  ];
}
