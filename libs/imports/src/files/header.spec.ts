import { IMPORT_COLUMNS } from './columns';
import { parseSheetDate } from './dates';
import { headerKey, isBlankRow, mapHeader, recordOf } from './header';
import { SheetRow } from './sheet';

const row = (...cells: (string | { text: string; excelNumber: true })[]): SheetRow => ({
  rowNo: 2,
  cells: cells.map((cell) => (typeof cell === 'string' ? { text: cell } : cell)),
});

describe('mapHeader', () => {
  it('maps Chinese headers to column indexes', () => {
    const mapping = mapHeader('COURSE_CREDITS', [
      '姓名',
      '证件类型',
      '证件号码',
      '学号',
      '课程代码',
      '学期',
      '成绩',
      '完成日期',
    ]);
    expect(mapping.indexes).toEqual({
      name: 0,
      idType: 1,
      idNumber: 2,
      studentNo: 3,
      courseCode: 4,
      term: 5,
      score: 6,
      completedAt: 7,
    });
    expect(mapping).toMatchObject({ missing: [], missingIdentity: [], unknown: [], duplicate: [] });
  });

  it('maps English headers in any case and spacing, and ignores required markers', () => {
    const mapping = mapHeader('CERTIFICATES', [
      ' NAME* ',
      'id  type',
      'ID Number（必填）',
      'Certificate code (required)',
      '等级＊',
      'certificate number',
      'Issued On',
      '备注',
      '',
    ]);
    expect(mapping.indexes).toEqual({
      name: 0,
      idType: 1,
      idNumber: 2,
      schemeCode: 3,
      level: 4,
      certificateNo: 5,
      issuedAt: 6,
    });
    expect(mapping.missing).toEqual([]);
    expect(mapping.unknown).toEqual(['备注']);
    expect(headerKey('ＩＤ　Ｎｕｍｂｅｒ *')).toBe('id number');
  });

  it('reports missing required columns, and identity only when no way to name a learner is left', () => {
    const mapping = mapHeader('COURSE_CREDITS', ['姓名', '学号', '课程代码', '成绩', '成绩']);
    expect(mapping.missing.map((column) => column.zh)).toEqual(['学期', '完成日期']);
    expect(mapping.missingIdentity).toEqual([]);
    expect(mapping.duplicate).toEqual(['成绩']);
    expect(mapping.indexes.score).toBe(3);

    const noIdentity = mapHeader('COURSE_CREDITS', ['姓名', '证件号码', '课程代码']);
    expect(noIdentity.missingIdentity.map((way) => way.map((column) => column.zh))).toEqual([
      ['证件类型', '证件号码'],
      ['学号'],
    ]);
    const examiner = mapHeader('CERTIFICATES', ['姓名', '学号']);
    expect(examiner.unknown).toEqual(['学号']);
    expect(examiner.missingIdentity.map((way) => way.map((column) => column.key))).toEqual([
      ['idType', 'idNumber'],
    ]);
  });

  it('never counts identity columns as required one by one', () => {
    for (const columns of Object.values(IMPORT_COLUMNS)) {
      for (const column of columns.filter((candidate) => candidate.identity)) {
        if (column.key === 'studentNo' && columns === IMPORT_COLUMNS.ENROLMENTS) continue;
        expect(column.required).toBe(false);
      }
    }
    expect(IMPORT_COLUMNS.ENROLMENTS.find((column) => column.key === 'studentNo')?.required).toBe(
      true,
    );
  });
});

describe('recordOf', () => {
  const mapping = mapHeader('COURSE_CREDITS', ['学号', '姓名', '证件类型', '证件号码', '成绩']);

  it('keeps the text as typed, trimmed, with "" for a missing cell', () => {
    expect(recordOf(mapping, row(' 2025010001 ', '  李䶮 ', '居民身份证', 'ＡＢ１'))).toEqual({
      values: {
        studentNo: '2025010001',
        name: '李䶮',
        idType: '居民身份证',
        idNumber: 'ＡＢ１',
        score: '',
      },
      excelNumbers: [],
    });
  });

  it('flags identity cells Excel stored as numbers, in XLSX and in CSV scientific notation', () => {
    const xlsx = row(
      { text: '2025010001', excelNumber: true },
      '李䶮',
      '居民身份证',
      { text: '430102199001011260', excelNumber: true },
      { text: '85', excelNumber: true },
    );
    expect(recordOf(mapping, xlsx).excelNumbers).toEqual(['idNumber', 'studentNo']);
    for (const text of ['4.30102E+17', '4.30102e+17', '4.30102E17', '４.３０１０２Ｅ＋１７']) {
      expect(recordOf(mapping, row('', '李䶮', '居民身份证', text, '85')).excelNumbers).toEqual([
        'idNumber',
      ]);
    }
    expect(
      recordOf(mapping, row('', '李䶮', '居民身份证', '430102199001011238', '8E+1')).excelNumbers,
    ).toEqual([]);
  });

  it('treats a row of spaces as blank', () => {
    expect(isBlankRow(row('', '  ', '\t'))).toBe(true);
    expect(isBlankRow(row())).toBe(true);
    expect(isBlankRow(row('', 'x'))).toBe(false);
  });
});

describe('parseSheetDate', () => {
  it.each([
    ['2026-01-15', '2026-01-15'],
    ['2026/1/5', '2026-01-05'],
    ['2026.01.15', '2026-01-15'],
    ['2026年1月15日', '2026-01-15'],
    ['2026 年 1 月 15 日', '2026-01-15'],
    ['２０２６－０１－１５', '2026-01-15'],
    ['2026/1/15 0:00', '2026-01-15'],
    ['2026-01-15 23:59:59', '2026-01-15'],
    ['2024-02-29', '2024-02-29'],
  ])('reads %s as %s', (text, iso) => expect(parseSheetDate(text)).toBe(iso));

  it.each([
    '2026-02-29',
    '2026-13-01',
    '2026-04-31',
    '2026-01/15',
    '15/01/2026',
    '01/15/2026',
    '20260115',
    '2026-01-15 24:00',
    '0999-01-01',
    '46037',
    '',
  ])('refuses %s', (text) => expect(parseSheetDate(text)).toBeNull());
});
