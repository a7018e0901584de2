import { createHmac, timingSafeEqual } from 'node:crypto';
import { canonicalJson } from '@app/core';

/** Why the appender refused an outbox row; stored in `outbox_events.rejection`. */
export type OutboxRejection = 'HMAC_MISSING' | 'HMAC_MISMATCH' | 'COLUMNS_DISAGREE';

/**
 * The outbox rows' authenticity: `hmac` = HMAC-SHA256(OUTBOX_HMAC_KEY, UTF-8 bytes of the RFC
 * 8785 canonical JSON of the payload), lower-case hex. The key lives in configuration only, so
 * a row INSERTed by someone holding just the database fails the check and never enters the log.
 */
export class OutboxHmac {
  private constructor(private readonly key: Buffer) {}

  /** `key`: 32 bytes, base64 (OUTBOX_HMAC_KEY, already validated at boot). */
  static fromBase64(key: string): OutboxHmac {
    return new OutboxHmac(Buffer.from(key, 'base64'));
  }

  sign(payload: unknown): string {
    return createHmac('sha256', this.key).update(canonicalJson(payload), 'utf8').digest('hex');
  }

  /**
   * Null when the row is authentic; else why not. The HMAC is compared in constant time, and
   * the query columns must say what the signed payload says.
   */
  check(row: {
    event_type: string;
    learner_id: string | null;
    payload: unknown;
    hmac: string | null;
  }): OutboxRejection | null {
    if (row.hmac === null || !/^[0-9a-f]{64}$/.test(row.hmac)) return 'HMAC_MISSING';
    let expected: Buffer;
    try {
      expected = Buffer.from(this.sign(row.payload), 'hex');
    } catch {
      return 'HMAC_MISMATCH'; // not even JSON the writer could have signed
    }
    if (!timingSafeEqual(expected, Buffer.from(row.hmac, 'hex'))) return 'HMAC_MISMATCH';
    const payload: Record<string, unknown> =
      typeof row.payload === 'object' && row.payload !== null
        ? (row.payload as Record<string, unknown>)
        : {};
    if (payload.type !== row.event_type || (payload.learnerId ?? null) !== row.learner_id)
      return 'COLUMNS_DISAGREE';
    return null;
  }
}
