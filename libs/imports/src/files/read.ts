/**
 * Opening an uploaded sheet: which format it is (by its bytes, never its name), its encoding
 * when it is CSV, and its rows as text, one at a time.
 */
import { pipeline, Readable } from 'node:stream';
import { CsvError, parse } from 'csv-parse';

import { decodeText, TextEncodingName } from './encoding';
import { readXlsx } from './read-xlsx';
import {
  cappedText,
  MAX_COLUMNS,
  MAX_RECORD_CHARS,
  SheetFormat,
  SheetReadError,
  SheetRow,
} from './sheet';

const ZIP_MAGIC = Buffer.from('PK\x03\x04', 'latin1');
const EMPTY_ZIP_MAGIC = Buffer.from('PK\x05\x06', 'latin1');

/** Control bytes a text file does not hold; tab, line ends, form feed and DOS EOF it may. */
function isBinaryByte(byte: number): boolean {
  return byte < 0x20 && !(byte >= 0x09 && byte <= 0x0d) && byte !== 0x1a;
}

/**
 * 'xlsx' for a zip, 'csv' for text, null for anything else: an old .xls (OLE2, D0 CF 11 E0),
 * a UTF-16 "Unicode text" export, a PDF or picture, or an empty file. Give it the first few KiB.
 */
export function sniffFormat(head: Buffer): SheetFormat | null {
  if (head.length === 0) return null;
  const magic = head.subarray(0, 4);
  if (magic.equals(ZIP_MAGIC) || magic.equals(EMPTY_ZIP_MAGIC)) return 'xlsx';
  return head.some(isBinaryByte) ? null : 'csv';
}

export interface OpenSheet {
  /** null for XLSX (its text is always UTF-8 XML); for CSV see DecodedText.encoding. */
  readonly encoding: TextEncodingName | null;
  readonly rows: AsyncGenerator<SheetRow>;
}

/** The rows of the file in `source`; nothing is read until `rows` is iterated. */
export function openSheet(source: AsyncIterable<Buffer>, format: SheetFormat): OpenSheet {
  if (format === 'xlsx') return { encoding: null, rows: readXlsx(source) };
  const decoded = decodeText(source);
  return {
    get encoding() {
      return decoded.encoding;
    },
    rows: readCsv(decoded.text),
  };
}

/** Rows only, for callers that do not need the encoding. */
export function readSheet(
  source: AsyncIterable<Buffer>,
  format: SheetFormat,
): AsyncGenerator<SheetRow> {
  return openSheet(source, format).rows;
}

interface CsvRecord {
  record: string[];
  info: { records: number; empty_lines: number };
}

/**
 * RFC 4180 with the leniency real exports need: rows of differing length, any of CRLF, LF or CR
 * line ends, a stray quote inside an unquoted cell. A blank line yields no row but still counts,
 * so a row number is the one a spreadsheet shows (a quoted cell spanning lines is one row).
 */
async function* readCsv(text: AsyncGenerator<string>): AsyncGenerator<SheetRow> {
  const parser = parse({
    relax_column_count: true,
    relax_quotes: true,
    skip_empty_lines: true,
    record_delimiter: ['\r\n', '\n', '\r'],
    max_record_size: MAX_RECORD_CHARS,
    info: true,
  });
  const input = Readable.from(text);
  // Errors from either side end the parser, which the loop below rethrows.
  pipeline(input, parser, () => undefined);
  let rowNo: number | null = null;
  try {
    for await (const { record, info } of parser as AsyncIterable<CsvRecord>) {
      rowNo = info.records + info.empty_lines;
      yield {
        rowNo,
        cells: record.slice(0, MAX_COLUMNS).map((cell) => ({ text: cappedText(cell) })),
      };
    }
  } catch (error) {
    if (error instanceof CsvError) {
      const reason = error.code === 'CSV_MAX_RECORD_SIZE' ? 'CSV_RECORD_TOO_LONG' : 'CSV_SYNTAX';
      // The parser may fail before the rows it had read came out: count from its own tally.
      const at = error as CsvError & { records?: number; empty_lines?: number };
      const failedRow = at.records === undefined ? rowNo : at.records + (at.empty_lines ?? 0) + 1;
      throw new SheetReadError(reason, failedRow, error.message);
    }
    throw error;
  } finally {
    input.destroy();
    parser.destroy();
  }
}
