import { Role } from '@app/core';
import { aLearner, anInstitution, bearer } from '../support/factories';
import { csvBytes, importReaching, upload } from '../support/imports';
import { createTestApp, TestApp } from '../support/test-app';

/**
 * Uploads as a careless or hostile client sends them (the OpenAPI fuzzer speaks JSON, so the
 * multipart side is here): each gets a problem+json answer with a stable code, never a 5xx,
 * and a refused upload leaves no import and no stored bytes behind.
 */
describe('bulk import: bad uploads', () => {
  let t: TestApp;
  let registrar: string;

  const stored = async () => {
    const [row]: { imports: number; chunks: number }[] = await t.dataSource.query(
      `SELECT (SELECT count(*)::int FROM imports) AS imports,
              (SELECT count(*)::int FROM import_file_chunks) AS chunks`,
    );
    return row;
  };

  beforeAll(async () => {
    t = await createTestApp('imports bad input', { withWorker: true });
    registrar = await t.tokenFor(Role.REGISTRAR, { institutionId: await anInstitution(t) });
  }, 60_000);

  afterAll(async () => {
    await t?.close();
  });

  const GRADES = csvBytes([['姓名', '学号', '课程代码', '学期', '成绩', '完成日期']], 'utf-8');

  it.each([
    [
      'no file',
      () => t.http().post('/v1/imports').set(bearer(registrar)).field('kind', 'COURSE_CREDITS'),
      422,
      'VALIDATION_FAILED',
    ],
    [
      'a file without a kind',
      () => t.http().post('/v1/imports').set(bearer(registrar)).attach('file', GRADES, 'a.csv'),
      422,
      'VALIDATION_FAILED',
    ],
    [
      'a kind that does not exist',
      () => upload(t, registrar, 'GRADES', GRADES, 'a.csv'),
      422,
      'VALIDATION_FAILED',
    ],
    [
      'an empty file',
      () => upload(t, registrar, 'COURSE_CREDITS', Buffer.alloc(0), 'a.csv'),
      422,
      'IMPORTS.EMPTY',
    ],
    [
      'an old .xls (OLE2)',
      () =>
        upload(
          t,
          registrar,
          'COURSE_CREDITS',
          Buffer.from('d0cf11e0a1b11ae1000000000000000000000000', 'hex'),
          'a.xls',
        ),
      422,
      'IMPORTS.UNSUPPORTED_FORMAT',
    ],
    [
      'a body that is not multipart',
      () =>
        t
          .http()
          .post('/v1/imports')
          .set(bearer(registrar))
          .set('content-type', 'text/csv')
          .send('姓名,学号\n'),
      415,
      'REQUEST.UNSUPPORTED_MEDIA_TYPE',
    ],
    [
      'a multipart body cut off before its end',
      () =>
        t
          .http()
          .post('/v1/imports')
          .set(bearer(registrar))
          .set('content-type', 'multipart/form-data; boundary=XYZ')
          .send(
            '--XYZ\r\nContent-Disposition: form-data; name="kind"\r\n\r\nCOURSE_CREDITS\r\n' +
              '--XYZ\r\nContent-Disposition: form-data; name="file"; filename="a.csv"\r\n\r\n姓名,学号\r\n',
          ),
      400,
      'IMPORTS.UPLOAD_BROKEN',
    ],
  ])('%s: %i, nothing stored', async (_name, send, status, code) => {
    const before = await stored();
    const response = await send();
    expect(response.status).toBe(status);
    expect(response.headers['content-type']).toContain('application/problem+json');
    if (code) expect(response.body.code).toBe(code);
    expect(await stored()).toEqual(before);
  });

  it('refuses a learner, and names the stored file without its path', async () => {
    const learner = await t.tokenFor(Role.LEARNER, { learnerId: await aLearner(t) });
    await upload(t, learner, 'COURSE_CREDITS', GRADES, 'a.csv').expect(403);
    const accepted = await upload(t, registrar, 'COURSE_CREDITS', GRADES, '../../etc/成绩.csv');
    expect(accepted.status).toBe(202);
    const [row]: { file_name: string }[] = await t.dataSource.query(
      'SELECT file_name FROM imports WHERE id = $1',
      [accepted.body.id],
    );
    expect(row.file_name).toBe('成绩.csv');
  });

  it('fails a zip that is no workbook, and a header only, saying so', async () => {
    const zip = Buffer.from('504b0304' + '00'.repeat(60), 'hex');
    const broken = await upload(t, registrar, 'COURSE_CREDITS', zip, 'a.xlsx').expect(202);
    expect(
      await importReaching(t, registrar, broken.body.id as string, ['FAILED', 'VALIDATED']),
    ).toMatchObject({ status: 'FAILED', failure: { code: 'IMPORTS.UNREADABLE' } });
    const headerOnly = csvBytes([['姓名', '学号', '课程代码', '学期', '成绩', '完成日期']]);
    const empty = await upload(t, registrar, 'COURSE_CREDITS', headerOnly, 'b.csv').expect(202);
    const validated = await importReaching(t, registrar, empty.body.id as string, ['VALIDATED']);
    expect(validated).toMatchObject({ rows: 0, valid: 0 });
    const commit = await t
      .http()
      .post(`/v1/imports/${validated.id}/commit`)
      .set(bearer(registrar))
      .expect(409);
    expect(commit.body.code).toBe('IMPORTS.NOTHING_TO_COMMIT');
  });
});
