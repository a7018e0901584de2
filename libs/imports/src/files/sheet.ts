/**
 * One row of a sheet as text, whatever file it came from, and the limits that keep a hostile or
 * broken file from costing more than a normal one.
 */

export type SheetFormat = 'csv' | 'xlsx';

export interface SheetCell {
  text: string;
  /** The XLSX cell held a number: for an identity column its digits may already be lost. */
  excelNumber?: boolean;
}

export interface SheetRow {
  /** The row number a spreadsheet shows for it: the header is 1, blank lines still count. */
  rowNo: number;
  cells: SheetCell[];
}

/**
 * Cells past this column are dropped: no kind has more than eight columns, so they can only be
 * notes or a file built to exhaust memory (an XLSX cell reference may say column 16,384).
 */
export const MAX_COLUMNS = 64;

/**
 * A cell is cut to MAX_CELL_LENGTH + 1 characters: still longer than any column accepts, so the
 * validators refuse it as too long, yet a megabyte cell never travels into error rows.
 */
export const MAX_CELL_LENGTH = 1000;

/** Longer than any honest row; reached only by a quote that never closes (CSV). */
export const MAX_RECORD_CHARS = 128 * 1024;

/**
 * The file cannot be read as a sheet at all (a quote never closed, a damaged zip). `rowNo` is
 * the last row read, when known. The caller turns it into the import's failure.
 */
export class SheetReadError extends Error {
  constructor(
    readonly reason: 'CSV_SYNTAX' | 'CSV_RECORD_TOO_LONG' | 'XLSX_UNREADABLE',
    readonly rowNo: number | null,
    detail: string,
  ) {
    super(detail);
    this.name = 'SheetReadError';
  }
}

export function cappedText(text: string): string {
  return text.length > MAX_CELL_LENGTH ? text.slice(0, MAX_CELL_LENGTH + 1) : text;
}
