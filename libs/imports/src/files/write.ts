/**
 * Writing a sheet for people to open: templates and error files. CSV is UTF-8 with a BOM (the
 * only way Excel on a Chinese Windows reads it as UTF-8 rather than GBK) and CRLF line ends;
 * XLSX stores every cell as text, so an identity number or a code with leading zeros opens as
 * typed instead of as 4.30102E+17. Both stream: rows are written as they come.
 */
import { once } from 'node:events';
import { pipeline } from 'node:stream/promises';
import { Readable, Writable } from 'node:stream';
import { stringify } from 'csv-stringify';
import ExcelJS from 'exceljs';

import { SheetFormat } from './sheet';

export function contentTypeOf(format: SheetFormat): string {
  return format === 'csv'
    ? 'text/csv; charset=utf-8'
    : 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
}

/** With the dot, for a file name: `.csv`, `.xlsx`. */
export function fileExtension(format: SheetFormat): string {
  return format === 'csv' ? '.csv' : '.xlsx';
}

const FORMULA_START = /^[=+\-@\t\r]/;
const PLAIN_NUMBER = /^-\d+(?:\.\d+)?$/;

/**
 * A CSV cell a spreadsheet would run as a formula (`=HYPERLINK(…)`, `+cmd|…`, `@SUM(…)`) gets a
 * leading apostrophe, which shows it as text; a plain negative number is left alone. The cells
 * come from uploaded files, so an error file must not become an attack on whoever opens it.
 * (XLSX cells are written as text and are never evaluated.)
 */
export function neutraliseFormula(cell: string): string {
  return FORMULA_START.test(cell) && !PLAIN_NUMBER.test(cell) ? `'${cell}` : cell;
}

type Rows = AsyncIterable<string[]> | Iterable<string[]>;

export async function writeSheet(
  format: SheetFormat,
  header: string[],
  rows: Rows,
  out: NodeJS.WritableStream,
): Promise<void> {
  if (format === 'csv') await writeCsv(header, rows, out);
  else await writeXlsx(header, rows, out);
}

async function writeCsv(header: string[], rows: Rows, out: NodeJS.WritableStream): Promise<void> {
  async function* records(): AsyncGenerator<string[]> {
    yield header.map(neutraliseFormula);
    for await (const row of rows) yield row.map(neutraliseFormula);
  }
  await pipeline(
    Readable.from(records()),
    // A lone CR or LF in a cell is quoted too: csv-stringify quotes only the full CRLF.
    stringify({ bom: true, record_delimiter: 'windows', quoted_match: /[\r\n]/ }),
    out as Writable,
  );
}

/** East Asian characters take two columns of width, the rest one. */
function displayWidth(text: string): number {
  let width = 0;
  for (const character of text) width += /[\u1100-\uffff]/.test(character) ? 2 : 1;
  return width;
}

/** Wide enough for the header and an 18-character identity number; never a screen wide. */
function columnWidth(header: string): number {
  return Math.min(40, Math.max(20, displayWidth(header) + 4));
}

/** Rows between pauses that let the zip drain into `out` instead of piling up in memory. */
const ROWS_PER_PAUSE = 500;

async function writeXlsx(header: string[], rows: Rows, out: NodeJS.WritableStream): Promise<void> {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
    stream: out as Writable,
    useStyles: true,
    useSharedStrings: false,
  });
  const sheet = workbook.addWorksheet('Sheet1', { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = header.map((name) => ({ width: columnWidth(name), style: { numFmt: '@' } }));
  const headerRow = sheet.addRow(header);
  headerRow.font = { bold: true };
  headerRow.commit();
  let written = 0;
  for await (const row of rows) {
    sheet.addRow(row.map(String)).commit();
    if (++written % ROWS_PER_PAUSE === 0) await drained(out as Writable);
  }
  sheet.commit();
  const finished = once(out as Writable, 'finish');
  await workbook.commit();
  await finished;
}

async function drained(out: Writable): Promise<void> {
  if (out.writableNeedDrain) await once(out, 'drain');
  else await new Promise<void>((resolve) => setImmediate(resolve));
}
