/**
 * XLSX through exceljs' streaming reader: the zip is inflated entry by entry and the worksheet
 * parsed row by row, so memory follows the widest row and the shared-string table, not the
 * file. (workbook.xlsx.load would build the whole workbook.) A worksheet stored before the
 * shared strings is spooled by exceljs to a temporary file, still not to memory.
 *
 * Only the first worksheet in the file is read (sheet1.xml for Excel, WPS and exceljs): an
 * import is one table, and extra tabs are the school's own notes. Later worksheets are still
 * parsed, without yielding, because exceljs deletes its temporary files only when it reaches
 * the end; a caller that stops early leaves them to tmp's clean-up at process exit.
 */
import { Readable } from 'node:stream';
import ExcelJS from 'exceljs';

import { cappedText, MAX_COLUMNS, SheetCell, SheetReadError, SheetRow } from './sheet';

export async function* readXlsx(source: AsyncIterable<Buffer>): AsyncGenerator<SheetRow> {
  const input = Readable.from(source, { objectMode: false });
  const workbook = new ExcelJS.stream.xlsx.WorkbookReader(input, {
    sharedStrings: 'cache',
    hyperlinks: 'ignore',
    styles: 'cache',
    worksheets: 'emit',
  });
  let rowNo: number | null = null;
  let first = true;
  try {
    for await (const worksheet of workbook) {
      for await (const row of worksheet) {
        if (!first) continue;
        rowNo = row.number;
        yield { rowNo: row.number, cells: cellsOf(row) };
      }
      first = false;
    }
  } catch (error) {
    if (error instanceof SheetReadError) throw error;
    throw new SheetReadError('XLSX_UNREADABLE', rowNo, (error as Error).message);
  } finally {
    input.destroy();
  }
}

function cellsOf(row: ExcelJS.Row): SheetCell[] {
  const cells: SheetCell[] = [];
  row.eachCell({ includeEmpty: false }, (cell, column) => {
    if (column > MAX_COLUMNS) return;
    while (cells.length < column - 1) cells.push({ text: '' });
    cells.push(cellOf(cell.value, cell.numFmt));
  });
  return cells;
}

/**
 * The text a person sees in the cell, as far as it matters to an import. Dates come from exceljs
 * as the UTC instant of the serial number, so the UTC calendar day is the cell's date; a
 * formula counts as its cached result (a date-formatted formula's result is still a serial).
 * The 1904 date system is not looked at: Excel for Mac dropped it as a default in 2011.
 */
export function cellOf(value: ExcelJS.CellValue, numFmt?: string): SheetCell {
  if (value === null || value === undefined) return { text: '' };
  if (typeof value === 'string') return { text: cappedText(value) };
  if (typeof value === 'number') {
    if (isDateFormat(numFmt)) return { text: isoDay(excelSerialToDate(value)) };
    return { text: String(value), excelNumber: true };
  }
  if (typeof value === 'boolean') return { text: value ? 'TRUE' : 'FALSE' };
  if (value instanceof Date) return { text: isoDay(value) };
  if ('richText' in value) {
    return { text: cappedText(value.richText.map((run) => run.text).join('')) };
  }
  if ('formula' in value || 'sharedFormula' in value) {
    return cellOf((value as { result?: ExcelJS.CellValue }).result ?? null, numFmt);
  }
  if ('error' in value) return { text: value.error };
  if ('text' in value) return { text: cappedText(String(value.text)) };
  return { text: '' };
}

function isoDay(date: Date): string {
  return Number.isNaN(date.getTime()) ? '' : date.toISOString().slice(0, 10);
}

function excelSerialToDate(serial: number): Date {
  return new Date(Math.round((serial - 25569) * 86_400_000));
}

/** exceljs' own test: a y, m, d, h, s or b outside quoted text and [brackets]. */
function isDateFormat(numFmt: string | undefined): boolean {
  if (!numFmt) return false;
  return /[ymdhMsb]/.test(numFmt.replace(/\[[^\]]*]/g, '').replace(/"[^"]*"/g, ''));
}
