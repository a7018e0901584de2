import ExcelJS from 'exceljs';
import type { Response } from 'supertest';
import iconv from 'iconv-lite';
import { bearer } from './factories';
import { waitFor } from './audit-helpers';
import type { TestApp } from './test-app';

/** An import as GET /v1/imports/{id} answers it (the fields the suites read). */
export interface ImportBody {
  id: string;
  status: string;
  progress: number;
  rows: number;
  valid: number;
  invalid: number;
  committed: number;
  rejectedAtCommit: number;
  encoding: string | null;
  fileHash: string;
  failure: { code: string; message: string } | null;
}

/** A CSV of these rows, CRLF, in GB18030 (what a Chinese Excel saves as "CSV") or UTF-8. */
export function csvBytes(rows: string[][], encoding: 'gb18030' | 'utf-8' = 'gb18030'): Buffer {
  const text = rows
    .map((row) =>
      row
        .map((cell) => (/[",\r\n]/.test(cell) ? `"${cell.replaceAll('"', '""')}"` : cell))
        .join(','),
    )
    .join('\r\n');
  return encoding === 'gb18030'
    ? iconv.encode(`${text}\r\n`, 'gb18030')
    : Buffer.from(`${text}\r\n`);
}

/** An XLSX workbook of these rows; a number cell stays a number (as Excel stores a typed ID). */
export async function xlsxBytes(rows: (string | number)[][]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Sheet1');
  for (const row of rows) sheet.addRow(row);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

export function upload(
  t: TestApp,
  token: string,
  kind: string,
  bytes: Buffer,
  fileName: string,
): ReturnType<ReturnType<TestApp['http']>['post']> {
  return t
    .http()
    .post('/v1/imports')
    .set(bearer(token))
    .field('kind', kind)
    .attach('file', bytes, fileName);
}

export async function readImport(t: TestApp, token: string, id: string): Promise<ImportBody> {
  const response = await t.http().get(`/v1/imports/${id}`).set(bearer(token)).expect(200);
  return response.body as ImportBody;
}

/** Waits for the import to reach one of `statuses` (its jobs run in the app's worker). */
export async function importReaching(
  t: TestApp,
  token: string,
  id: string,
  statuses: string[],
  timeoutMs = 60_000,
): Promise<ImportBody> {
  let last: ImportBody | null = null;
  await waitFor(
    `import ${id} ${statuses.join('/')}`,
    async () => {
      last = await readImport(t, token, id);
      return statuses.includes(last.status);
    },
    { timeoutMs, intervalMs: 200 },
  ).catch((error: Error) => {
    throw new Error(`${error.message} (last: ${JSON.stringify(last)})`);
  });
  return last!;
}

/** Uploads and waits for the dry run to end. */
export async function validated(
  t: TestApp,
  token: string,
  kind: string,
  bytes: Buffer,
  fileName: string,
): Promise<ImportBody> {
  const response = await upload(t, token, kind, bytes, fileName).expect(202);
  return importReaching(t, token, (response.body as { id: string }).id, ['VALIDATED', 'FAILED']);
}

/** A supertest parser keeping a download's bytes as they are. */
export function binaryBody(res: Response, done: (error: Error | null, body: Buffer) => void): void {
  const stream = res as unknown as NodeJS.ReadableStream;
  const parts: Buffer[] = [];
  stream.on('data', (part: Buffer) => parts.push(part));
  stream.on('end', () => done(null, Buffer.concat(parts)));
}

/** The error file's bytes in the format and language asked for. */
export async function errorFile(
  t: TestApp,
  token: string,
  id: string,
  format: 'csv' | 'xlsx',
  language = 'zh-CN',
): Promise<Buffer> {
  const response = await t
    .http()
    .get(`/v1/imports/${id}/errors?format=${format}`)
    .set(bearer(token))
    .set('accept-language', language)
    .buffer(true)
    .parse(binaryBody)
    .expect(200);
  return response.body as Buffer;
}

/** The error file's text (CSV, UTF-8 with BOM) in the language asked for. */
export async function errorCsv(
  t: TestApp,
  token: string,
  id: string,
  language = 'zh-CN',
): Promise<string> {
  return (await errorFile(t, token, id, 'csv', language)).toString('utf8');
}
