import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';

import { chunked, rowsOf, textsOf } from './files.test-support';
import { openSheet, sniffFormat } from './read';
import { MAX_CELL_LENGTH, MAX_COLUMNS, SheetReadError } from './sheet';

async function xlsxOf(fill: (sheet: ExcelJS.Worksheet) => void): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  fill(workbook.addWorksheet('成绩'));
  workbook.addWorksheet('说明').addRow(['this sheet is not read']);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

describe('sniffFormat', () => {
  it('tells a zip (XLSX) from text (CSV) and refuses other binaries', () => {
    expect(sniffFormat(Buffer.from('PK\x03\x04\x14\x00', 'latin1'))).toBe('xlsx');
    expect(sniffFormat(Buffer.from('姓名,学号\r\n李䶮,1\r\n'))).toBe('csv');
    expect(sniffFormat(Buffer.from([0xc0, 0xee, 0xfe, 0x9f, 0x2c, 0x31]))).toBe('csv'); // GB18030
    expect(sniffFormat(Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]))).toBe(
      null,
    ); // .xls
    expect(sniffFormat(Buffer.from('\xff\xfe\x53\x00', 'latin1'))).toBe(null); // UTF-16 text
    expect(sniffFormat(Buffer.from('\x89PNG\r\n\x1a\n\x00\x00', 'latin1'))).toBe(null);
    expect(sniffFormat(Buffer.alloc(0))).toBe(null);
  });
});

describe('reading CSV', () => {
  it('keeps a quoted comma, newline and quote inside one cell, and the rows a sheet shows', async () => {
    const csv = 'a,b\r\n\r\n"Li, Yan","line 1\nline 2"\r\n"say ""hi""",2\r\n,\r\n\r\n\r\nlast\r\n';
    const { rows } = await rowsOf(Buffer.from(csv), 'csv', 4);
    expect(rows.map((row) => row.rowNo)).toEqual([1, 3, 4, 5, 8]);
    expect(textsOf(rows)).toEqual([
      ['a', 'b'],
      ['Li, Yan', 'line 1\nline 2'],
      ['say "hi"', '2'],
      ['', ''],
      ['last'],
    ]);
  });

  it('reads LF and CR line ends, and rows of differing length', async () => {
    const { rows } = await rowsOf(Buffer.from('a,b,c\n1\r2,3\n'), 'csv');
    expect(textsOf(rows)).toEqual([['a', 'b', 'c'], ['1'], ['2', '3']]);
  });

  it('drops cells past MAX_COLUMNS and cuts a cell to MAX_CELL_LENGTH + 1 characters', async () => {
    const wide = Array.from({ length: MAX_COLUMNS + 10 }, (_, index) => `c${index}`).join(',');
    const long = 'x'.repeat(5000);
    const { rows } = await rowsOf(Buffer.from(`${wide}\n${long}\n`), 'csv');
    expect(rows[0].cells).toHaveLength(MAX_COLUMNS);
    expect(rows[0].cells.at(-1)).toEqual({ text: `c${MAX_COLUMNS - 1}` });
    expect(rows[1].cells[0].text).toHaveLength(MAX_CELL_LENGTH + 1);
  });

  it('fails with SheetReadError, not a hang or a heap, when a quote never closes', async () => {
    const csv = `a,b\n1,2\n"never closed,${'x'.repeat(200_000)}\n3,4\n`;
    const error = await rowsOf(Buffer.from(csv), 'csv').catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(SheetReadError);
    expect(error).toMatchObject({ reason: 'CSV_RECORD_TOO_LONG', rowNo: 3 });
  });
});

describe('reading XLSX', () => {
  it('reads the first worksheet: numbers flagged, text kept, dates as YYYY-MM-DD', async () => {
    const asExcelKeepsIt = Number('430102199001011234'); // a double: the last digits are gone
    const bytes = await xlsxOf((sheet) => {
      sheet.addRow(['姓名', '证件号码', '学号', '完成日期', '成绩', '备注']);
      sheet.addRow(['李䶮', asExcelKeepsIt, '2025010001', new Date(Date.UTC(2026, 0, 15)), 85]);
      sheet.getCell('D2').numFmt = 'yyyy-mm-dd';
      sheet.addRow([]);
      sheet.addRow([
        { richText: [{ text: '王' }, { text: '𬌗', font: { bold: true } }] },
        '430102199001011238',
        { formula: 'A1', result: '2025010002' },
        { formula: 'DATE(2026,1,16)', result: 46038 },
        true,
        { error: '#N/A' },
      ]);
      sheet.getCell('D4').numFmt = 'yyyy/m/d';
    });
    const { encoding, rows } = await rowsOf(bytes, 'xlsx', 1024);
    expect(encoding).toBeNull();
    expect(rows.map((row) => row.rowNo)).toEqual([1, 2, 4]);
    expect(rows[1].cells).toEqual([
      { text: '李䶮' },
      { text: '430102199001011260', excelNumber: true },
      { text: '2025010001' },
      { text: '2026-01-15' },
      { text: '85', excelNumber: true },
    ]);
    expect(textsOf(rows)[2]).toEqual([
      '王𬌗',
      '430102199001011238',
      '2025010002',
      '2026-01-16',
      'TRUE',
      '#N/A',
    ]);
  });

  it('streams: rows come out while the zip inflates, and stopping stops reading', async () => {
    // exceljs writes shared strings after the sheet, and then its reader spools the sheet to a
    // temporary file (disk, not memory). Shared strings first, as other writers put them, shows
    // the rows are parsed as the bytes arrive, never from a whole workbook (xlsx.load).
    const written = await xlsxOf((sheet) => {
      for (let index = 0; index < 40_000; index++) {
        sheet.addRow([`学生${index}`, `43010219900101${String(index).padStart(4, '0')}`]);
      }
    });
    const zip = await JSZip.loadAsync(written);
    const first = ['[Content_Types].xml', '_rels/.rels', 'xl/workbook.xml'];
    const ordered = new JSZip();
    for (const name of [...first, 'xl/_rels/workbook.xml.rels', 'xl/styles.xml']) {
      ordered.file(name, await zip.file(name)!.async('uint8array'));
    }
    ordered.file(
      'xl/sharedStrings.xml',
      await zip.file('xl/sharedStrings.xml')!.async('uint8array'),
    );
    for (const name of Object.keys(zip.files).filter((path) => path.startsWith('xl/worksheets/'))) {
      if (!zip.files[name].dir) ordered.file(name, await zip.file(name)!.async('uint8array'));
    }
    const bytes = await ordered.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });

    let pulled = 0;
    async function* counted(): AsyncGenerator<Buffer> {
      for await (const chunk of chunked(bytes, 16 * 1024)) {
        pulled += chunk.length;
        yield chunk;
      }
    }
    const rows = openSheet(counted(), 'xlsx').rows;
    let seen = 0;
    let pulledAtRow100 = 0;
    for await (const row of rows) {
      if (++seen === 100) {
        expect(row.cells[0].text).toBe('学生99');
        pulledAtRow100 = pulled;
        break;
      }
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(pulledAtRow100).toBeGreaterThan(0);
    expect(pulled).toBeLessThan(bytes.length * 0.75);
    // Writing and zipping a 40,000-row workbook takes seconds on a loaded machine.
  }, 30_000);

  it('fails with SheetReadError for a damaged zip', async () => {
    const bytes = await xlsxOf((sheet) => sheet.addRow(['a']));
    const damaged = Buffer.concat([bytes.subarray(0, 40), Buffer.alloc(2000, 0x41)]);
    const source = new PassThrough();
    source.end(damaged);
    const reading = (async () => {
      for await (const row of openSheet(source, 'xlsx').rows) void row;
    })();
    await expect(reading).rejects.toBeInstanceOf(SheetReadError);
  });
});
