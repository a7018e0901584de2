/**
 * pglite-socket serves every connection from one PGlite session and queues incoming protocol
 * messages one by one. It keeps a connection's turn only while PGlite reports an open
 * transaction; but an extended-protocol exchange (Parse, Bind, Describe, Execute … Sync) is
 * an implicit transaction that PGlite does not report until Sync. Two pooled connections
 * issuing parameterised queries at once therefore interleave, and one's Bind lands on the
 * other's unnamed statement or portal ("portal \"\" does not exist", or worse, the wrong
 * statement). This queue gives a connection the session from its first message until its
 * Sync (or simple Query) leaves no transaction open, so exchanges never interleave.
 *
 * It replaces the server's own queue (same four methods, which the server's connection
 * handlers call). Written against pglite-socket 0.2.17; `installProtocolAwareQueue` checks
 * the shape it relies on and fails loudly if a new version changes it.
 */

interface SessionDatabase {
  isInTransaction(): boolean;
  runExclusive<T>(task: () => Promise<T>): Promise<T>;
  execProtocolRawStream(
    message: Uint8Array,
    options: { onRawData: (data: Uint8Array) => void },
  ): Promise<unknown>;
  exec(sql: string): Promise<unknown>;
}

interface Pending {
  handlerId: number;
  message: Uint8Array;
  onData: (data: Uint8Array) => void;
  resolve: (bytes: number) => void;
  reject: (error: unknown) => void;
}

const SYNC = 0x53; // 'S'
const SIMPLE_QUERY = 0x51; // 'Q'
const TERMINATE = 0x58; // 'X'
const STARTUP_PROTOCOL = 196608; // 3.0

export class ProtocolAwareQueue {
  private readonly pending: Pending[] = [];
  private processing = false;
  /** The connection whose exchange or transaction is open; only it may run until it closes. */
  private owner: number | null = null;

  constructor(private readonly db: SessionDatabase) {}

  enqueue(
    handlerId: number,
    message: Uint8Array,
    onData: (data: Uint8Array) => void,
  ): Promise<number> {
    return new Promise((resolve, reject) => {
      this.pending.push({ handlerId, message, onData, resolve, reject });
      void this.process();
    });
  }

  getQueueLength(): number {
    return this.pending.length;
  }

  clearQueueForHandler(handlerId: number): void {
    for (let i = this.pending.length - 1; i >= 0; i--) {
      if (this.pending[i].handlerId === handlerId) {
        this.pending.splice(i, 1)[0].reject(new Error('Handler disconnected'));
      }
    }
  }

  /** A connection that went away mid-exchange or mid-transaction: roll back and free the session. */
  async clearTransactionIfNeeded(handlerId: number): Promise<void> {
    if (this.owner !== handlerId) return;
    if (this.db.isInTransaction()) await this.db.exec('ROLLBACK');
    this.owner = null;
    await this.process();
  }

  private next(): Pending | undefined {
    if (this.owner === null) return this.pending.shift();
    const index = this.pending.findIndex((item) => item.handlerId === this.owner);
    return index === -1 ? undefined : this.pending.splice(index, 1)[0];
  }

  private async process(): Promise<void> {
    if (this.processing) return;
    this.processing = true;
    try {
      for (let item = this.next(); item; item = this.next()) {
        let bytes = 0;
        try {
          await this.db.runExclusive(() =>
            this.db.execProtocolRawStream(item.message, {
              onRawData: (data) => {
                bytes += data.length;
                item.onData(data);
              },
            }),
          );
        } catch (error) {
          item.reject(error);
          continue;
        }
        this.owner = this.ownerAfter(item);
        item.resolve(bytes);
      }
    } finally {
      this.processing = false;
    }
  }

  private ownerAfter(item: Pending): number | null {
    const type = item.message[0];
    if (type === SYNC || type === SIMPLE_QUERY || type === TERMINATE) {
      return this.db.isInTransaction() ? item.handlerId : null;
    }
    // A startup message has no type byte (length, then protocol 3.0); it opens nothing.
    const view = new DataView(
      item.message.buffer,
      item.message.byteOffset,
      item.message.byteLength,
    );
    if (
      item.message.length >= 8 &&
      view.getInt32(0) === item.message.length &&
      view.getInt32(4) === STARTUP_PROTOCOL
    ) {
      return this.owner;
    }
    return item.handlerId;
  }
}

/** Swaps the server's queue for a ProtocolAwareQueue, before any connection is accepted. */
export function installProtocolAwareQueue(server: object, db: SessionDatabase): void {
  const holder = server as { queryQueue?: { enqueue?: unknown } };
  if (typeof holder.queryQueue?.enqueue !== 'function') {
    throw new Error(
      'pglite-socket changed: its server has no queryQueue to replace; see protocol-aware-queue.ts',
    );
  }
  holder.queryQueue = new ProtocolAwareQueue(db);
}
