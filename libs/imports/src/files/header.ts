/**
 * From the header row to named values. Headers are matched as people type them: Chinese or
 * English (or the key itself), full-width or half-width (NFKC), any case and spacing, with a
 * trailing "required" marker such as `*`, `（必填）` or `(required)` ignored, so the template
 * a school decorated still reads. Values keep the text as typed, trimmed only: the validators
 * normalise (NFKC for identity numbers, choices, dates), and the error file shows the original.
 */
import { IDENTITY_WAYS, IMPORT_COLUMNS, ImportColumn, ImportKind } from './columns';
import { SheetCell, SheetRow } from './sheet';

export interface HeaderMapping {
  kind: ImportKind;
  /** The cell index of each column the file has (the first, when a header is repeated). */
  indexes: Partial<Record<string, number>>;
  /** Required columns the file lacks. */
  missing: ImportColumn[];
  /**
   * Empty when the file can name learners in at least one way; otherwise every way, each the
   * columns it needs (证件类型+证件号码, 学号), for the message "add 证件号码 or 学号".
   */
  missingIdentity: ImportColumn[][];
  /** Non-blank headers that are no column of the kind (kept in the error file, else ignored). */
  unknown: string[];
  /** Headers naming a column already named by an earlier header. */
  duplicate: string[];
}

const MARKER = /\s*(?:\*+|\((?:必填|必需|必须|required)\))\s*$/i;

/** The form two headers are compared in. */
export function headerKey(text: string): string {
  return text.normalize('NFKC').trim().replace(MARKER, '').replace(/\s+/g, ' ').toLowerCase();
}

const LOOKUPS = new Map<ImportKind, ReadonlyMap<string, ImportColumn>>();

function lookupOf(kind: ImportKind): ReadonlyMap<string, ImportColumn> {
  let lookup = LOOKUPS.get(kind);
  if (!lookup) {
    const map = new Map<string, ImportColumn>();
    for (const column of IMPORT_COLUMNS[kind]) {
      for (const name of [column.key, column.zh, column.en]) map.set(headerKey(name), column);
    }
    LOOKUPS.set(kind, (lookup = map));
  }
  return lookup;
}

export function mapHeader(kind: ImportKind, headerCells: readonly string[]): HeaderMapping {
  const lookup = lookupOf(kind);
  const indexes: Partial<Record<string, number>> = {};
  const unknown: string[] = [];
  const duplicate: string[] = [];
  headerCells.forEach((cell, index) => {
    const key = headerKey(cell);
    if (key === '') return;
    const column = lookup.get(key);
    if (!column) unknown.push(cell.trim());
    else if (indexes[column.key] !== undefined) duplicate.push(cell.trim());
    else indexes[column.key] = index;
  });
  const has = (key: string) => indexes[key] !== undefined;
  const byKey = (key: string) => IMPORT_COLUMNS[kind].find((column) => column.key === key)!;
  const ways = IDENTITY_WAYS[kind];
  return {
    kind,
    indexes,
    missing: IMPORT_COLUMNS[kind].filter((column) => column.required && !has(column.key)),
    missingIdentity: ways.some((way) => way.every(has)) ? [] : ways.map((way) => way.map(byKey)),
    unknown,
    duplicate,
  };
}

export interface SheetRecord {
  /** Every column of the kind the file has, trimmed; '' for a cell the row lacks. */
  values: Record<string, string>;
  /** Identity columns whose cell Excel stored as a number (digits may be lost): refuse them. */
  excelNumbers: string[];
}

/** `4.30102E+17`: what a CSV saved from Excel holds for an identity number typed as a number. */
const SCIENTIFIC = /^[+-]?\d+(?:\.\d+)?e[+-]?\d+$/i;

export function recordOf(mapping: HeaderMapping, row: SheetRow): SheetRecord {
  const values: Record<string, string> = {};
  const excelNumbers: string[] = [];
  for (const column of IMPORT_COLUMNS[mapping.kind]) {
    const index = mapping.indexes[column.key];
    if (index === undefined) continue;
    const cell: SheetCell | undefined = row.cells[index];
    const text = (cell?.text ?? '').trim();
    values[column.key] = text;
    if (column.identity && (cell?.excelNumber || SCIENTIFIC.test(text.normalize('NFKC')))) {
      excelNumbers.push(column.key);
    }
  }
  return { values, excelNumbers };
}

/** A row with nothing but spaces: skipped, not reported (sheets often end in a few). */
export function isBlankRow(row: SheetRow): boolean {
  return row.cells.every((cell) => cell.text.trim() === '');
}
