import { createHash, randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { DataSource, EntityManager } from 'typeorm';

/** A mebibyte a row: large enough that a 20 MiB file is 20 inserts, small enough to stream. */
export const CHUNK_BYTES = 1024 * 1024;

/** An upload received into a temporary file: never whole in memory, no database work yet. */
export interface ReceivedFile {
  path: string;
  size: number;
  /** SHA-256, hex. */
  hash: string;
  /** The first bytes, for telling CSV from XLSX. */
  head: Buffer;
  dispose(): Promise<void>;
}

/**
 * Receives the upload at the client's pace into a temporary file, hashing as it comes, so that
 * a slow client holds no database connection or transaction. A source that fails (the form cut
 * off) fails this, and the file is removed.
 */
export async function receiveFile(source: AsyncIterable<Buffer>): Promise<ReceivedFile> {
  const path = join(tmpdir(), `credit-bank-import-${randomUUID()}`);
  const dispose = () => rm(path, { force: true });
  const hash = createHash('sha256');
  let size = 0;
  let head: Buffer | null = null;
  async function* measured(): AsyncGenerator<Buffer> {
    for await (const piece of source) {
      hash.update(piece);
      size += piece.length;
      head ??= Buffer.from(piece.subarray(0, 8192));
      yield piece;
    }
  }
  try {
    await pipeline(Readable.from(measured()), createWriteStream(path, { mode: 0o600 }));
  } catch (error) {
    await dispose();
    throw error;
  }
  return { path, size, hash: hash.digest('hex'), head: head ?? Buffer.alloc(0), dispose };
}

/** The received bytes into import_file_chunks, in the caller's transaction, a chunk at a time. */
export async function storeChunks(
  manager: EntityManager,
  importId: string,
  file: ReceivedFile,
): Promise<void> {
  let seq = 0;
  for await (const chunk of createReadStream(file.path, { highWaterMark: CHUNK_BYTES })) {
    await manager.query(
      'INSERT INTO import_file_chunks (import_id, seq, data) VALUES ($1, $2, $3)',
      [importId, seq++, chunk],
    );
  }
}

/** The stored bytes, a chunk at a time, in order. */
export async function* readStoredFile(
  dataSource: DataSource,
  importId: string,
): AsyncGenerator<Buffer> {
  for (let seq = 0; ; seq++) {
    const rows: { data: Buffer }[] = await dataSource.query(
      'SELECT data FROM import_file_chunks WHERE import_id = $1 AND seq = $2',
      [importId, seq],
    );
    if (rows.length === 0) return;
    yield rows[0].data;
  }
}
