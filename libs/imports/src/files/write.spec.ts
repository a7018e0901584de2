import ExcelJS from 'exceljs';

import { IMPORT_KINDS } from './columns';
import { memorySink, rowsOf, textsOf } from './files.test-support';
import { mapHeader, recordOf } from './header';
import { normaliseChoice } from './choices';
import { sniffFormat } from './read';
import { templateFile } from './template';
import { contentTypeOf, fileExtension, neutraliseFormula, writeSheet } from './write';

async function written(
  format: 'csv' | 'xlsx',
  header: string[],
  rows: Iterable<string[]> | AsyncIterable<string[]>,
): Promise<Buffer> {
  const sink = memorySink();
  await writeSheet(format, header, rows, sink.stream);
  return sink.bytes();
}

const HEADER = ['姓名', '证件号码', '备注'];
const ROWS = [
  ['李䶮', '430102199001011238', 'line 1\nline 2, "quoted"'],
  ['王𬌗', '00123', ''],
  ['赵喆', '-12.5', '  spaced  '],
];

describe('writeSheet', () => {
  it('writes CSV as UTF-8 with a BOM and CRLF, and reads back the same cells', async () => {
    const bytes = await written('csv', HEADER, ROWS);
    expect(bytes.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    expect(bytes.toString('utf8')).toContain(
      '\r\n李䶮,430102199001011238,"line 1\nline 2, ""quoted"""\r\n',
    );
    const { encoding, rows } = await rowsOf(bytes, 'csv', 7);
    expect(encoding).toBe('UTF-8');
    expect(textsOf(rows)).toEqual([HEADER, ...ROWS]);
  });

  it('writes XLSX with every cell stored as text, a bold header, and reads back the same cells', async () => {
    async function* rows() {
      for (const row of ROWS) yield row;
    }
    const bytes = await written('xlsx', HEADER, rows());
    expect(sniffFormat(bytes)).toBe('xlsx');
    const read = await rowsOf(bytes, 'xlsx');
    expect(textsOf(read.rows)).toEqual([HEADER, ...ROWS]);
    expect(read.rows.flatMap((row) => row.cells).some((cell) => cell.excelNumber)).toBe(false);

    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(new Uint8Array(bytes).buffer); // only to inspect styles
    const sheet = workbook.worksheets[0];
    expect(sheet.getCell('A1').font?.bold).toBe(true);
    expect(sheet.getCell('B2').numFmt).toBe('@');
    expect(sheet.getCell('B2').value).toBe('430102199001011238');
    expect(sheet.getColumn(2).width).toBeGreaterThanOrEqual(20);
  });

  it('neutralises formula injection in CSV, but leaves a plain negative number alone', async () => {
    const hostile = [
      '=HYPERLINK("http://x","y")',
      '+1+1',
      '-1+1',
      '@SUM(A1)',
      '\tx',
      '\rx',
      '-12',
      '-0.5',
    ];
    const bytes = await written(
      'csv',
      ['a'],
      hostile.map((cell) => [cell]),
    );
    const { rows } = await rowsOf(bytes, 'csv');
    expect(
      textsOf(rows)
        .slice(1)
        .map((cells) => cells[0]),
    ).toEqual([
      `'=HYPERLINK("http://x","y")`,
      "'+1+1",
      "'-1+1",
      "'@SUM(A1)",
      "'\tx",
      "'\rx",
      '-12',
      '-0.5',
    ]);
    expect(neutraliseFormula('李䶮')).toBe('李䶮');
  });

  it('names the content type and extension of each format', () => {
    expect(contentTypeOf('csv')).toBe('text/csv; charset=utf-8');
    expect(contentTypeOf('xlsx')).toBe(
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    );
    expect([fileExtension('csv'), fileExtension('xlsx')]).toEqual(['.csv', '.xlsx']);
  });
});

describe('templateFile', () => {
  const cases = IMPORT_KINDS.flatMap((kind) =>
    (['csv', 'xlsx'] as const).flatMap((format) =>
      (['zh-CN', 'en'] as const).map((locale) => [kind, format, locale] as const),
    ),
  );

  it.each(cases)(
    '%s as %s (%s) reads back with every column and a usable example',
    async (kind, format, locale) => {
      const sink = memorySink();
      await templateFile(kind, format, locale, sink.stream);
      const { rows } = await rowsOf(sink.bytes(), format);
      expect(rows).toHaveLength(2);
      const header = textsOf(rows)[0];
      expect(header[0]).toBe(locale === 'zh-CN' ? '姓名' : 'Name');
      const mapping = mapHeader(kind, header);
      expect(mapping).toMatchObject({
        missing: [],
        missingIdentity: [],
        unknown: [],
        duplicate: [],
      });
      const record = recordOf(mapping, rows[1]);
      expect(record.excelNumbers).toEqual([]);
      expect(record.values.name).toBe('李䶮');
      expect(normaliseChoice('idType', record.values.idType)).toBe('RESIDENT_ID');
      if (kind === 'CERTIFICATES')
        expect(normaliseChoice('level', record.values.level)).toBe('INTERMEDIATE');
      if (kind === 'ENROLMENTS')
        expect(normaliseChoice('category', record.values.category)).toBe('SOCIAL_LEARNER');
    },
  );
});
