import { chainHash, chainHashOfJson, GENESIS_HASH, isChainHash } from './chain-hash';

/**
 * Recomputes an audit chain row by row, so a service can stream millions of rows in batches
 * (`ORDER BY seq`) without holding them. Sequence numbers start at 1; position 0 is the genesis.
 *
 * `firstInvalidSeq` names the first position whose stored row cannot be the one originally
 * written, judged from the verified prefix before it:
 *   HASH_MISMATCH   the row at this seq does not hash to its stored hash (payload or hash edited).
 *   BROKEN_LINK     the row at this seq does not link to the previous row's hash: a middle row was
 *                   deleted and later ones renumbered, rows were swapped, or the row was forged.
 *   INSERTED_ROWS   the row at p links to an earlier row j < p-1, so rows j+1..p-1 were inserted:
 *                   firstInvalidSeq = j+1 (looked up among the last RECENT_WINDOW rows).
 *   MISSING_ROWS    seq jumped past the expected one: firstInvalidSeq is the first missing seq.
 *   DUPLICATE_SEQ   a second row for an already verified seq: that seq.
 *   MALFORMED_ROW   unreadable seq, hash or event: the seq expected at that point.
 *
 * Known limit: a row rewritten together with its own hash links to its predecessor and is
 * indistinguishable from "a row was deleted after it", so it is reported at its successor
 * (BROKEN_LINK). A whole tail rewritten consistently is caught only by a signed tree head
 * over the same records (the Merkle tree, `../merkle`), which bounds the bad row to at or
 * before the head's size.
 * `headSeq`/`headHash` always describe the last row that recomputed and linked.
 */

export type SeqInput = number | string | bigint;

export interface ChainRow {
  seq: SeqInput;
  event: unknown;
  /** The event's canonical JSON when the caller already has it (it is hashed instead of re-serialising `event`). */
  eventJson?: string;
  hash: string;
  prevHash: string;
}

export interface ChainPosition {
  seq: SeqInput;
  hash: string;
}

export type ChainProblemCode =
  | 'HASH_MISMATCH'
  | 'BROKEN_LINK'
  | 'INSERTED_ROWS'
  | 'MISSING_ROWS'
  | 'DUPLICATE_SEQ'
  | 'MALFORMED_ROW';

export interface ChainVerification {
  valid: boolean;
  /** Rows that recomputed and linked (the trusted start is not counted). */
  checked: number;
  headSeq: number;
  headHash: string;
  firstInvalidSeq?: number;
  problemCode?: ChainProblemCode;
  problem?: string;
}

/** How many recent hashes are kept to tell an inserted row from a plain broken link. */
const RECENT_WINDOW = 1024;

export class ChainVerifier {
  private headSeq: bigint;
  private headHash: string;
  private checked = 0;
  private failure?: { seq: bigint; code: ChainProblemCode; problem: string };
  private readonly recent = new Map<string, bigint>();

  constructor(start?: ChainPosition) {
    const startSeq = start === undefined ? 0n : parseSeq(start.seq, true);
    const startHash = start === undefined ? GENESIS_HASH : start.hash;
    if (startSeq === undefined || !isChainHash(startHash)) {
      throw new TypeError('start must be {seq >= 0, hash: 64 lowercase hex}');
    }
    this.headSeq = startSeq;
    this.headHash = startHash;
    this.remember();
  }

  /** True once a problem was found; later pushes are ignored, so a caller may stop reading. */
  get broken(): boolean {
    return this.failure !== undefined;
  }

  push(row: ChainRow): void {
    if (this.failure) return;
    const expected = this.headSeq + 1n;
    const seq = parseSeq(row.seq, false);
    if (seq === undefined) {
      return this.fail(
        expected,
        'MALFORMED_ROW',
        `row after seq ${this.headSeq} has seq ${String(row.seq)}`,
      );
    }
    if (seq < expected) {
      return this.fail(seq, 'DUPLICATE_SEQ', `a second row claims seq ${seq}`);
    }
    if (seq > expected) {
      return this.fail(
        expected,
        'MISSING_ROWS',
        `expected seq ${expected}, next row has seq ${seq}`,
      );
    }
    if (!isChainHash(row.hash) || !isChainHash(row.prevHash)) {
      return this.fail(
        seq,
        'MALFORMED_ROW',
        `seq ${seq}: hash or prevHash is not 64 lowercase hex`,
      );
    }
    if (row.prevHash !== this.headHash) return this.failLink(seq, row);
    let recomputed: string;
    try {
      recomputed =
        row.eventJson === undefined
          ? chainHash(this.headHash, row.event)
          : chainHashOfJson(this.headHash, row.eventJson);
    } catch (error) {
      return this.fail(seq, 'MALFORMED_ROW', `seq ${seq}: ${(error as Error).message}`);
    }
    if (recomputed !== row.hash) {
      return this.fail(seq, 'HASH_MISMATCH', `seq ${seq}: event does not hash to the stored hash`);
    }
    this.headSeq = seq;
    this.headHash = row.hash;
    this.checked++;
    this.remember();
  }

  result(): ChainVerification {
    const verification: ChainVerification = {
      valid: this.failure === undefined,
      checked: this.checked,
      headSeq: toNumber(this.headSeq),
      headHash: this.headHash,
    };
    if (this.failure) {
      verification.firstInvalidSeq = toNumber(this.failure.seq);
      verification.problemCode = this.failure.code;
      verification.problem = this.failure.problem;
    }
    return verification;
  }

  private failLink(seq: bigint, row: ChainRow): void {
    // A row that links to an older row and is itself intact means rows were slipped in
    // between; the first of them, not this intact row, is the first bad position.
    const linkedTo = this.recent.get(row.prevHash);
    if (linkedTo !== undefined && linkedTo < seq - 1n && hashesTo(row)) {
      return this.fail(
        linkedTo + 1n,
        'INSERTED_ROWS',
        `seq ${seq} links to seq ${linkedTo}: rows ${linkedTo + 1n}..${seq - 1n} were inserted`,
      );
    }
    this.fail(
      seq,
      'BROKEN_LINK',
      `seq ${seq}: prevHash does not match the hash of seq ${seq - 1n}`,
    );
  }

  private fail(seq: bigint, code: ChainProblemCode, problem: string): void {
    this.failure = { seq, code, problem };
  }

  private remember(): void {
    this.recent.set(this.headHash, this.headSeq);
    if (this.recent.size > RECENT_WINDOW) {
      // Maps iterate in insertion order, so the first key is the oldest.
      this.recent.delete(this.recent.keys().next().value as string);
    }
  }
}

/** Verifies a whole in-memory chain (tests, small exports); services stream with ChainVerifier. */
export function verifyChain(rows: Iterable<ChainRow>, start?: ChainPosition): ChainVerification {
  const verifier = new ChainVerifier(start);
  for (const row of rows) {
    verifier.push(row);
    if (verifier.broken) break;
  }
  return verifier.result();
}

function hashesTo(row: ChainRow): boolean {
  try {
    return chainHash(row.prevHash, row.event) === row.hash;
  } catch {
    return false;
  }
}

/** Accepts the forms seq arrives in: a JS number, or a bigint column as string or bigint. */
function parseSeq(value: SeqInput, allowZero: boolean): bigint | undefined {
  let seq: bigint;
  if (typeof value === 'bigint') seq = value;
  else if (typeof value === 'number' && Number.isSafeInteger(value)) seq = BigInt(value);
  else if (typeof value === 'string' && /^(0|[1-9]\d*)$/.test(value)) seq = BigInt(value);
  else return undefined;
  return seq > 0n || (allowZero && seq === 0n) ? seq : undefined;
}

function toNumber(seq: bigint): number {
  // 2^53 rows is far beyond any chain; refusing beats silently rounding a position.
  if (seq > BigInt(Number.MAX_SAFE_INTEGER)) throw new RangeError(`seq ${seq} exceeds 2^53 - 1`);
  return Number(seq);
}
