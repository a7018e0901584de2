import { createHash } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';

/** A mebibyte a row: large enough that a 20 MiB file is 20 inserts, small enough to stream. */
export const CHUNK_BYTES = 1024 * 1024;

export interface StoredFile {
  size: number;
  /** SHA-256, hex. */
  hash: string;
  /** The first bytes, for telling CSV from XLSX. */
  head: Buffer;
}

/**
 * Streams an upload into import_file_chunks in the caller's transaction, hashing as it goes;
 * the file is never whole in memory. A source that fails (the upload's size limit) fails the
 * caller's transaction with it.
 */
export async function storeFile(
  manager: EntityManager,
  importId: string,
  source: AsyncIterable<Buffer>,
): Promise<StoredFile> {
  const hash = createHash('sha256');
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  let size = 0;
  let seq = 0;
  let head: Buffer | null = null;
  const flush = async () => {
    if (pendingBytes === 0) return;
    await manager.query(
      'INSERT INTO import_file_chunks (import_id, seq, data) VALUES ($1, $2, $3)',
      [importId, seq++, Buffer.concat(pending, pendingBytes)],
    );
    pending = [];
    pendingBytes = 0;
  };
  for await (const piece of source) {
    hash.update(piece);
    size += piece.length;
    head ??= Buffer.from(piece.subarray(0, 8192));
    pending.push(piece);
    pendingBytes += piece.length;
    if (pendingBytes >= CHUNK_BYTES) await flush();
  }
  await flush();
  return { size, hash: hash.digest('hex'), head: head ?? Buffer.alloc(0) };
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
