import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { Role } from '@app/core';
import {
  aCertificationBody,
  aCourse,
  aLearner,
  anEnrolment,
  anExamRegistration,
  anInstitution,
  aProgram,
  aScheme,
  bearer,
  recordCredit,
  residentId,
} from '../support/factories';
import {
  binaryBody,
  csvBytes,
  errorCsv,
  errorFile,
  importReaching,
  readImport,
  upload,
  validated,
  xlsxBytes,
} from '../support/imports';
import { createTestApp, TestApp } from '../support/test-app';

/**
 * Bulk import, end to end on the real app and worker: a term's grades as a GB18030 CSV and an
 * exam session's certificates as an XLSX, each with good rows, every kind of bad row and a
 * duplicate within the file; the dry run's counts and the exact error file; the commit records
 * each valid row once; the same file again doubles nothing.
 */
describe('bulk import', () => {
  let t: TestApp;
  let school: string;
  let registrar: string;
  let otherRegistrar: string;
  let examiner: string;
  const code = async (table: string, id: string) => {
    const rows: { code: string }[] = await t.dataSource.query(
      `SELECT code FROM ${table} WHERE id = $1`,
      [id],
    );
    return rows[0].code;
  };
  const L1_ID = residentId('2004-03-08', '123');
  const L3_ID = residentId('2003-05-01', '456');
  let l1: string;
  let l2: string;
  let l4: string;
  let course1: string;
  let course2: string;
  let c1: string;
  let c2: string;
  let program: string;
  let schemeCode: string;
  let scheme: string;

  beforeAll(async () => {
    t = await createTestApp('imports', { withWorker: true, env: { IMPORT_MAX_BYTES: '65536' } });
    school = await anInstitution(t);
    const otherSchool = await anInstitution(t);
    registrar = await t.tokenFor(Role.REGISTRAR, { institutionId: school });
    otherRegistrar = await t.tokenFor(Role.REGISTRAR, { institutionId: otherSchool });
    const programId = await aProgram(t, { institutionId: school });
    program = await code('programs', programId);
    course1 = await aCourse(t, { institutionId: school, name: 'Web前端框架开发', credits: '4' });
    course2 = await aCourse(t, { institutionId: school, name: '网页设计与制作', credits: '3' });
    c1 = await code('courses', course1);
    c2 = await code('courses', course2);
    l1 = await aLearner(t, { name: '李䶮', idType: 'RESIDENT_ID', idNumber: L1_ID });
    await anEnrolment(t, {
      learnerId: l1,
      institutionId: school,
      programId,
      studentNo: 'S2025001',
    });
    l2 = await aLearner(t, { name: '王芳' });
    await anEnrolment(t, {
      learnerId: l2,
      institutionId: school,
      programId,
      studentNo: 'S2025002',
    });
    const l3 = await aLearner(t, { name: '赵敏', idType: 'RESIDENT_ID', idNumber: L3_ID });
    await anEnrolment(t, { learnerId: l3, institutionId: otherSchool });
    l4 = await aLearner(t, { name: '陈晨' });
    await anEnrolment(t, {
      learnerId: l4,
      institutionId: school,
      programId,
      studentNo: 'S2025004',
    });
    await recordCredit(t, { token: registrar, learnerId: l4, courseId: course1, score: 90 });
    const body = await aCertificationBody(t);
    examiner = await t.tokenFor(Role.EXAMINER, { certificationBodyId: body });
    scheme = await aScheme(t, { certificationBodyId: body });
    schemeCode = await code('certificate_schemes', scheme);
    for (const learnerId of [l1, l2]) await anExamRegistration(t, { learnerId, schemeId: scheme });
  }, 120_000);

  afterAll(async () => {
    await t?.close();
  });

  const HEADER = ['姓名', '证件类型', '证件号码', '学号', '课程代码', '学期', '成绩', '完成日期'];

  function termFile(): Buffer {
    return csvBytes([
      HEADER,
      ['李䶮', '居民身份证', L1_ID, '', c1, '2025-2026-1', '85', '2026/1/15'],
      ['王芳', '', '', 'S2025002', c2, '2025-2026-1', '59', '2026年1月15日'],
      ['李䶮', '', L1_ID, '', c2, '2025-2026-1', '105', '2026-01-15'],
      ['李䶮', '', L1_ID, '', c1, '2025-2026-2', '90', '2026-06-30'],
      ['陈晨', '', '', 'S2025004', c1, '2025-2026-1', '88', '2026-01-15'],
      ['', '', '', '', '', '', '', ''],
      ['王芳', '', '', 'S2025002', 'NO-SUCH', '2025-2026-1', '70', '2026-01-15'],
      ['李䶮', '', L1_ID, '', c2, '2025-2026-2', '75', '2099-01-01'],
      ['赵敏', '', L3_ID, '', c1, '2025-2026-1', '80', '2026-01-15'],
      ['李䶮', '', '4.30102E+17', '', c2, '2025-2026-1', '80', '2026-01-15'],
      ['张三', '', '', 'S2025002', c1, '2025-2026-1', '80', '2026-01-15'],
      ['李䶮', '', L1_ID, '', c2, '2013-2014-2', '70', '2014-07-01'],
    ]);
  }

  it('dry-runs a GB18030 CSV: counts, and the error file names each row, column and reason', async () => {
    const dryRun = await validated(
      t,
      registrar,
      'COURSE_CREDITS',
      termFile(),
      '2025-2026-1成绩.csv',
    );
    expect(dryRun).toMatchObject({
      status: 'VALIDATED',
      encoding: 'GB18030',
      progress: 100,
      rows: 11,
      valid: 2,
      invalid: 9,
      committed: 0,
    });
    const nothingYet: { n: number }[] = await t.dataSource.query(
      `SELECT count(*)::int AS n FROM ledger_entries WHERE learner_id = ANY($1::uuid[])`,
      [[l1, l2]],
    );
    expect(nothingYet[0].n).toBe(0);
    const text = await errorCsv(t, registrar, dryRun.id);
    expect(text.split('\r\n')).toEqual([
      `\uFEFF${[...HEADER, '错误原因'].join(',')}`,
      `李䶮,,${L1_ID},,${c2},2025-2026-1,105,2026-01-15,第 4 行「成绩」：成绩 不能大于 100`,
      `李䶮,,${L1_ID},,${c1},2025-2026-2,90,2026-06-30,第 5 行「课程代码」：课程代码 与本文件第 2 行重复；两行只保留一行`,
      `陈晨,,,S2025004,${c1},2025-2026-1,88,2026-01-15,第 6 行「课程代码」：该课程的合格成绩已登记在此账户中，无需重复登记。`,
      `王芳,,,S2025002,NO-SUCH,2025-2026-1,70,2026-01-15,第 8 行「课程代码」：未找到该课程，或它不在你的管理范围内。`,
      `李䶮,,${L1_ID},,${c2},2025-2026-2,75,2099-01-01,第 9 行「完成日期」：完成日期 应为真实存在的日期（YYYY-MM-DD），且不能晚于今天`,
      `赵敏,,${L3_ID},,${c1},2025-2026-1,80,2026-01-15,第 10 行「证件号码」：在你的学校或机构可管理的学习者中，没有这个证件号码的账户；请先开立账户（入学导入会开立），或核对号码`,
      `李䶮,,4.30102E+17,,${c2},2025-2026-1,80,2026-01-15,第 11 行「证件号码」：证件号码 被 Excel 存成了数字（4.30102E+17），数字已丢失；请把该列设置为“文本”格式后重新填写`,
      `张三,,,S2025002,${c1},2025-2026-1,80,2026-01-15,第 12 行「姓名」：姓名 与该学习者账户上的姓名不一致；请核对该行`,
      `李䶮,,${L1_ID},,${c2},2013-2014-2,70,2014-07-01,第 13 行「完成日期」：该学习者在 2014-07-01 没有本校的有效学籍`,
      '',
    ]);
    // The same as a workbook: the header and the refused rows, every cell text.
    const workbook = new ExcelJS.Workbook();
    const xlsx = await errorFile(t, registrar, dryRun.id, 'xlsx');
    // exceljs types its input as an ArrayBuffer.
    await workbook.xlsx.load(new Uint8Array(xlsx).buffer);
    const sheet = workbook.worksheets[0];
    expect(sheet.rowCount).toBe(10);
    expect(sheet.getRow(1).getCell(9).text).toBe('错误原因');
    expect(sheet.getRow(8).getCell(3).text).toBe('4.30102E+17');
    expect(sheet.getRow(2).getCell(9).text).toBe('第 4 行「成绩」：成绩 不能大于 100');
    const json = await t
      .http()
      .get(`/v1/imports/${dryRun.id}/errors?limit=3`)
      .set(bearer(registrar))
      .expect(200);
    expect(json.body).toMatchObject({
      items: [
        { row: 4, column: 'score', columnName: '成绩', reason: '成绩 must be at most 100' },
        { row: 5, column: 'courseCode', columnName: '课程代码' },
        { row: 6, column: 'courseCode', columnName: '课程代码' },
      ],
      nextCursor: '6',
    });
    expect(json.body.items[0].cells).toMatchObject({ 姓名: '李䶮', 成绩: '105' });
  });

  it('commits the valid rows once: entries, audit, and the same file again is a 409 naming the import', async () => {
    const first = await upload(t, registrar, 'COURSE_CREDITS', termFile(), 'again.csv').expect(409);
    expect(first.body).toMatchObject({ code: 'IMPORTS.ALREADY_UPLOADED' });
    const importId = (first.body as { importId: string }).importId;
    await t.http().post(`/v1/imports/${importId}/commit`).set(bearer(registrar)).expect(202);
    const done = await importReaching(t, registrar, importId, ['COMMITTED', 'FAILED']);
    expect(done).toMatchObject({ status: 'COMMITTED', committed: 2, rejectedAtCommit: 0 });
    const entries: { learner_id: string; course_id: string; score: string }[] =
      await t.dataSource.query(
        `SELECT learner_id, course_id, score FROM ledger_entries
          WHERE learner_id = ANY($1::uuid[]) ORDER BY score DESC`,
        [[l1, l2]],
      );
    expect(entries).toEqual([
      { learner_id: l1, course_id: course1, score: '85.00' },
      { learner_id: l2, course_id: course2, score: '59.00' },
    ]);
    const again = await t.http().post(`/v1/imports/${importId}/commit`).set(bearer(registrar));
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ code: 'IMPORTS.ALREADY_COMMITTED' });
    const resent = await upload(t, registrar, 'COURSE_CREDITS', termFile(), 'third.csv').expect(
      409,
    );
    expect(resent.body).toMatchObject({ importId });
    const after: { n: number }[] = await t.dataSource.query(
      `SELECT count(*)::int AS n FROM ledger_entries WHERE learner_id = ANY($1::uuid[])`,
      [[l1, l2]],
    );
    expect(after[0].n).toBe(2);
    const events: { type: string }[] = await t.dataSource.query(
      `SELECT event_type AS type FROM outbox_events WHERE payload->'details'->>'importId' = $1 ORDER BY id`,
      [importId],
    );
    expect(events.map((event) => event.type)).toEqual([
      'import.uploaded',
      'import.validated',
      'import.commit_requested',
      'import.committed',
    ]);
  });

  it('dry-runs an XLSX of certificates: numbers typed as numbers, bad levels, file duplicates', async () => {
    const file = await xlsxBytes([
      [
        'Name',
        'ID type',
        'ID number',
        'Certificate code',
        'Level',
        'Certificate number',
        'Issued on',
        'Valid until',
      ],
      [
        '李䶮',
        'Resident ID card',
        L1_ID,
        schemeCode,
        '中级',
        'ZS-2026-0001',
        '2026-01-20',
        '2029-01-19',
      ],
      ['王芳', '护照', '', schemeCode, 'INTERMEDIATE', 'ZS-2026-0002', '2026-01-20', ''],
      // The ID typed into Excel as a number: 15 significant digits survive.
      ['李䶮', '', Number(L1_ID), schemeCode, '中级', 'ZS-2026-0003', '2026-01-20', ''],
      ['李䶮', '', L1_ID, schemeCode, '特级', 'ZS-2026-0004', '2026-01-20', ''],
      ['李䶮', '', L1_ID, schemeCode, 'JUNIOR', 'ZS-2026-0001', '2026-01-20', ''],
      ['李䶮', '', L1_ID, schemeCode, 'SENIOR', 'ZS-2026-0005', '2026-01-20', '2025-01-01'],
    ]);
    const dryRun = await validated(t, examiner, 'CERTIFICATES', file, 'session.xlsx');
    expect(dryRun).toMatchObject({
      status: 'VALIDATED',
      encoding: null,
      rows: 6,
      valid: 1,
      invalid: 5,
    });
    const text = await errorCsv(t, examiner, dryRun.id, 'en');
    const records: string[][] = parse(text, { bom: true });
    expect(records.slice(1).map((record) => record[record.length - 1])).toEqual([
      'Row 3, ID number: the row names no learner: fill in 证件类型 + 证件号码',
      'Row 4, ID number: ID number was stored by Excel as a number (430102200403081200), which loses digits; format the column as text and type the numbers again',
      'Row 5, Level: Level must be one of: JUNIOR, INTERMEDIATE, SENIOR',
      'Row 6, Certificate number: Certificate number repeats row 2 of this file; keep one of the two rows',
      'Row 7, Valid until: Valid until must be after issuedAt',
    ]);
  });

  it('refuses what it cannot take: the wrong kind for the role, a file too large, a missing column', async () => {
    const wrongKind = await upload(t, examiner, 'COURSE_CREDITS', termFile(), 'x.csv').expect(422);
    expect(wrongKind.body.errors).toEqual([
      expect.objectContaining({ field: 'kind', code: 'NOT_ALLOWED_VALUE' }),
    ]);
    const large = csvBytes([HEADER, ...Array.from({ length: 2000 }, () => HEADER)], 'utf-8');
    const tooLarge = await upload(t, registrar, 'COURSE_CREDITS', large, 'big.csv').expect(413);
    expect(tooLarge.body).toMatchObject({ code: 'IMPORTS.FILE_TOO_LARGE', limit: 65536 });
    const noScore = await validated(
      t,
      registrar,
      'COURSE_CREDITS',
      csvBytes([
        ['姓名', '学号', '课程代码', '学期', '完成日期'],
        ['王芳', 'S2025002', c1, 'T1', '2026-01-15'],
      ]),
      'no-score.csv',
    );
    expect(noScore).toMatchObject({
      status: 'FAILED',
      failure: { code: 'IMPORTS.MISSING_COLUMNS' },
    });
    expect(noScore.failure?.message).toContain('成绩 (Score)');
    const notMultipart = await t
      .http()
      .post('/v1/imports')
      .set(bearer(registrar))
      .send({ kind: 'COURSE_CREDITS' });
    expect(notMultipart.status).toBe(415);
    const imports: { n: number }[] = await t.dataSource.query(
      `SELECT count(*)::int AS n FROM imports WHERE file_name IN ('x.csv', 'big.csv')`,
    );
    expect(imports[0].n).toBe(0);
  });

  it('shows an import only to its school or body', async () => {
    const [row]: { id: string }[] = await t.dataSource.query(
      `SELECT id FROM imports WHERE kind = 'COURSE_CREDITS' ORDER BY uploaded_at LIMIT 1`,
    );
    await t.http().get(`/v1/imports/${row.id}`).set(bearer(otherRegistrar)).expect(404);
    await t.http().post(`/v1/imports/${row.id}/commit`).set(bearer(otherRegistrar)).expect(404);
    await t.http().get(`/v1/imports/${row.id}`).set(bearer(examiner)).expect(404);
    const mine = await t.http().get('/v1/imports').set(bearer(registrar)).expect(200);
    expect((mine.body.items as { id: string }[]).map((item) => item.id)).toContain(row.id);
    const theirs = await t.http().get('/v1/imports').set(bearer(otherRegistrar)).expect(200);
    expect(theirs.body.items).toEqual([]);
  });

  it('reports a row that became invalid between dry run and commit, and records the rest', async () => {
    const dryRun = await validated(
      t,
      registrar,
      'COURSE_CREDITS',
      csvBytes([
        HEADER,
        ['李䶮', '', L1_ID, '', c2, '2025-2026-1', '80', '2026-01-15'],
        ['陈晨', '', '', 'S2025004', c2, '2025-2026-1', '81', '2026-01-15'],
      ]),
      'late.csv',
    );
    expect(dryRun).toMatchObject({ valid: 2, invalid: 0 });
    await recordCredit(t, { token: registrar, learnerId: l4, courseId: course2, score: 70 });
    await t.http().post(`/v1/imports/${dryRun.id}/commit`).set(bearer(registrar)).expect(202);
    const done = await importReaching(t, registrar, dryRun.id, ['COMMITTED', 'FAILED']);
    expect(done).toMatchObject({ committed: 1, rejectedAtCommit: 1 });
    const errors = await t.http().get(`/v1/imports/${dryRun.id}/errors`).set(bearer(registrar));
    expect(errors.body.items).toEqual([
      expect.objectContaining({
        row: 3,
        column: 'courseCode',
        reason: expect.stringContaining('already'),
      }),
    ]);
  });

  it('redoes a batch row by row when a guard refuses its write: one recorded, the other refused', async () => {
    const dryRun = await validated(
      t,
      registrar,
      'COURSE_CREDITS',
      csvBytes([
        HEADER,
        ['王芳', '', '', 'S2025002', c2, '2025-2026-2', '80', '2026-06-30'],
        ['王芳', '', '', 'S2025002', c2, '2025-2026-3', '85', '2026-07-30'],
      ]),
      'tampered.csv',
    );
    expect(dryRun).toMatchObject({ valid: 1, invalid: 1 });
    // Someone with the database marks the file's duplicate valid: the batch meets itself.
    await t.superuser.query(
      `UPDATE import_rows SET status = 'VALID', errors = NULL WHERE import_id = $1 AND row_no = 3`,
      [dryRun.id],
    );
    await t.superuser.query('UPDATE imports SET valid_count = 2 WHERE id = $1', [dryRun.id]);
    await t.http().post(`/v1/imports/${dryRun.id}/commit`).set(bearer(registrar)).expect(202);
    const done = await importReaching(t, registrar, dryRun.id, ['COMMITTED', 'FAILED']);
    expect(done).toMatchObject({ status: 'COMMITTED', committed: 1, rejectedAtCommit: 1 });
    const passes: { term: string }[] = await t.dataSource.query(
      `SELECT term FROM ledger_entries WHERE learner_id = $1 AND course_id = $2 AND passed`,
      [l2, course2],
    );
    expect(passes).toEqual([{ term: '2025-2026-2' }]);
    const errors = await t.http().get(`/v1/imports/${dryRun.id}/errors`).set(bearer(registrar));
    expect(errors.body.items).toEqual([
      expect.objectContaining({
        row: 3,
        column: 'courseCode',
        reason: expect.stringContaining('already'),
      }),
    ]);
  });

  it('commits once when two registrars ask at the same moment: one 202, one 409', async () => {
    const dryRun = await validated(
      t,
      registrar,
      'COURSE_CREDITS',
      csvBytes([HEADER, ['王芳', '', '', 'S2025002', c1, '2025-2026-2', '66', '2026-06-30']]),
      'race.csv',
    );
    const colleague = await t.tokenFor(Role.REGISTRAR, { institutionId: school });
    const answers = await Promise.all(
      [registrar, colleague].map((token) =>
        t.http().post(`/v1/imports/${dryRun.id}/commit`).set(bearer(token)),
      ),
    );
    expect(answers.map((answer) => answer.status).sort()).toEqual([202, 409]);
    expect(answers.find((answer) => answer.status === 409)?.body.code).toBe(
      'IMPORTS.ALREADY_COMMITTED',
    );
    expect(await importReaching(t, registrar, dryRun.id, ['COMMITTED', 'FAILED'])).toMatchObject({
      committed: 1,
    });
  });

  it('enrols a new cohort: opens the accounts that do not exist, enrols those that do', async () => {
    const newcomer = residentId('2007-09-09', '321');
    const dryRun = await validated(
      t,
      registrar,
      'ENROLMENTS',
      csvBytes([
        ['姓名', '证件类型', '证件号码', '出生日期', '学号', '专业代码', '类别', '入学日期'],
        ['刘洋', '居民身份证', newcomer, '', 'S2026001', program, '全日制', '2026-09-01'],
        ['赵敏', '', L3_ID, '', 'S2026002', program, '社会学习者', '2026-09-01'],
        ['王芳', '', '', '', 'S2026003', program, '全日制', '2026-09-01'],
      ]),
      'cohort.csv',
    );
    expect(dryRun).toMatchObject({ rows: 3, valid: 2, invalid: 1 });
    await t.http().post(`/v1/imports/${dryRun.id}/commit`).set(bearer(registrar)).expect(202);
    expect(await importReaching(t, registrar, dryRun.id, ['COMMITTED', 'FAILED'])).toMatchObject({
      committed: 2,
    });
    const enrolled: { name: string; student_no: string; category: string }[] =
      await t.dataSource.query(
        `SELECT l.name, e.student_no, e.category FROM enrolments e JOIN learners l ON l.id = e.learner_id
          WHERE e.institution_id = $1 AND e.student_no LIKE 'S2026%' ORDER BY e.student_no`,
        [school],
      );
    expect(enrolled).toEqual([
      { name: '刘洋', student_no: 'S2026001', category: 'FULL_TIME' },
      { name: '赵敏', student_no: 'S2026002', category: 'SOCIAL_LEARNER' },
    ]);
    const read = await readImport(t, registrar, dryRun.id);
    expect(read.status).toBe('COMMITTED');
  });

  it('downloads templates as CSV and XLSX that import as they are', async () => {
    const csv = await t
      .http()
      .get('/v1/imports/templates/COURSE_CREDITS?format=csv')
      .set(bearer(registrar))
      .set('accept-language', 'zh-CN')
      .expect(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.headers['content-disposition']).toContain("filename*=UTF-8''");
    expect(csv.text.split('\r\n')[0]).toBe(`\uFEFF${HEADER.join(',')}`);
    const xlsx = await t
      .http()
      .get('/v1/imports/templates/CERTIFICATES?format=xlsx')
      .set(bearer(examiner))
      .buffer(true)
      .parse(binaryBody)
      .expect(200);
    expect(xlsx.headers['content-type']).toContain('spreadsheetml');
    // Read back as they are: the header maps, the example row is a row (of codes this bank lacks).
    const asCsv = await validated(t, registrar, 'COURSE_CREDITS', Buffer.from(csv.text), 't.csv');
    expect(asCsv).toMatchObject({ status: 'VALIDATED', encoding: 'UTF-8', rows: 1 });
    const asXlsx = await validated(t, examiner, 'CERTIFICATES', xlsx.body as Buffer, 't.xlsx');
    expect(asXlsx).toMatchObject({ status: 'VALIDATED', rows: 1 });
    await t.http().get('/v1/imports/templates/GRADES').set(bearer(registrar)).expect(422);
  });
});
