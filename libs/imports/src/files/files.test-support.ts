/** Byte sources and collectors shared by the specs in this folder (not exported by index.ts). */
import { Writable } from 'node:stream';

import { openSheet } from './read';
import { SheetFormat, SheetRow } from './sheet';

/** `bytes` in chunks of `size`, as an upload arrives. */
export async function* chunked(bytes: Buffer, size = 16 * 1024): AsyncGenerator<Buffer> {
  for (let start = 0; start < bytes.length; start += size) {
    yield bytes.subarray(start, start + size);
    await Promise.resolve();
  }
}

export async function rowsOf(
  bytes: Buffer,
  format: SheetFormat,
  chunkSize?: number,
): Promise<{ encoding: string | null; rows: SheetRow[] }> {
  const sheet = openSheet(chunked(bytes, chunkSize), format);
  const rows: SheetRow[] = [];
  for await (const row of sheet.rows) rows.push(row);
  return { encoding: sheet.encoding, rows };
}

export function textsOf(rows: SheetRow[]): string[][] {
  return rows.map((row) => row.cells.map((cell) => cell.text));
}

/** A writable that keeps what it is given, for writer tests. */
export function memorySink(): { stream: Writable; bytes: () => Buffer } {
  const parts: Buffer[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      parts.push(Buffer.from(chunk));
      done();
    },
  });
  return { stream, bytes: () => Buffer.concat(parts) };
}
