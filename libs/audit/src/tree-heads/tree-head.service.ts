import { Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AUDIT_CHAIN_ID } from '../audit.constants';
import { AuditChainBrokenError, NoTreeHeadError } from '../audit.errors';
import { rootAt } from '../merkle';
import { AuditPublicKey, AuditTrust } from '../signing/audit-trust';
import { treeNodeReader } from '../tree/tree-store';
import { AuditVerifier } from '../verification/audit-verifier.service';
import {
  checkTreeHead,
  signTreeHead,
  StoredTreeHead,
  TreeHeadCheck,
  TreeHeadView,
  viewOfTreeHead,
} from './signed-tree-head';
import { checkTreeExtension } from './tree-extension';

export interface TreeHeadPage {
  /**
   * Largest tree first (then newest). Heads that do not verify with a configured key are left
   * out (the verifier reports them), so a page may hold fewer than `limit`.
   */
  items: TreeHeadView[];
  /** Pass as `cursor` for older heads; null on the last page. */
  nextCursor: string | null;
}

/** The latest head as `GET /v1/audit/checkpoints/latest` served it: with its public key. */
export interface CheckpointView extends TreeHeadView {
  publicKeyBase64: string;
  publicKeyPem: string;
}

type TrustedStoredHead = {
  stored: StoredTreeHead;
  check: Extract<TreeHeadCheck, { trusted: true }>;
};

const HEAD_COLUMNS =
  'id, tree_size, root_hash, key_fingerprint, payload, signature, note_signature';
/** Rows examined per read while skipping heads that do not verify. */
const SCAN_BATCH = 100;

/**
 * Signed tree heads: periodic (the scheduler's job) and on demand. Only heads whose signatures
 * verify with a configured key, in rows that say what was signed, are ever served; a row someone
 * inserted with another key, or edited, is skipped here and reported by the verifier. Before signing, the records since the
 * newest trusted head are verified: a head over a damaged log would certify the damage.
 */
@Injectable()
export class TreeHeadService {
  private readonly logger = new Logger(TreeHeadService.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly trust: AuditTrust,
    private readonly verifier: AuditVerifier,
  ) {}

  async latest(): Promise<TreeHeadView> {
    const newest = await this.newestTrusted();
    if (newest === null) throw new NoTreeHeadError();
    return viewOfTreeHead(newest.check, newest.stored);
  }

  async latestCheckpoint(): Promise<CheckpointView> {
    const newest = await this.newestTrusted();
    if (newest === null) throw new NoTreeHeadError();
    const key: AuditPublicKey = newest.check.key;
    return {
      ...viewOfTreeHead(newest.check, newest.stored),
      publicKeyBase64: key.publicKeyBase64,
      publicKeyPem: key.publicKeyPem,
    };
  }

  async page(query: { cursor?: string; limit?: number }): Promise<TreeHeadPage> {
    const limit = query.limit ?? 50;
    const rows = await this.rowsAfter(query.cursor ?? null, limit + 1);
    const items = rows.slice(0, limit).flatMap((stored) => {
      const check = checkTreeHead(this.trust, stored);
      return servable(check) ? [viewOfTreeHead(check, stored)] : [];
    });
    return { items, nextCursor: rows.length > limit ? cursorOf(rows[limit - 1]) : null };
  }

  /** Signs the log as it stands. `onlyIfTreeGrew`: skip when the newest trusted head already covers it. */
  async sign(options: {
    onlyIfTreeGrew: boolean;
  }): Promise<{ head: TreeHeadView | null; created: boolean }> {
    const size = await this.logSize();
    const last = await this.newestTrusted();
    if (options.onlyIfTreeGrew && (last ? last.check.head.treeSize === size : size === 0)) {
      return { head: last ? viewOfTreeHead(last.check, last.stored) : null, created: false };
    }
    const problem = await checkTreeExtension(
      this.dataSource,
      this.verifier,
      last?.check.head ?? null,
      size,
    );
    if (problem) {
      this.logger.error(`refusing to sign a tree head: ${problem.detail}`);
      throw new AuditChainBrokenError(problem.detail, problem.seq, problem.code);
    }
    const rootHash = (await rootAt(treeNodeReader(this.dataSource), size)).toString('hex');
    const signed = signTreeHead(this.trust, {
      origin: this.trust.origin,
      treeSize: size,
      rootHash,
      timestamp: new Date().toISOString(),
    });
    const rows: StoredTreeHead[] = await this.dataSource.query(
      `INSERT INTO audit_tree_heads
         (chain_id, tree_size, root_hash, signed_at, key_fingerprint, payload, signature, note_signature)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING ${HEAD_COLUMNS}`,
      [
        AUDIT_CHAIN_ID,
        size,
        rootHash,
        signed.head.timestamp,
        signed.keyFingerprint,
        signed.payload,
        signed.signature,
        signed.noteSignature,
      ],
    );
    this.logger.log(`signed audit tree head at size ${size}`);
    const check = checkTreeHead(this.trust, rows[0]);
    if (!check.trusted) throw new Error(`a head just signed does not verify: ${check.reason}`);
    return { head: viewOfTreeHead(check, rows[0]), created: true };
  }

  /** The head of the largest tree (the newest among equals) that verifies with a configured key. */
  private async newestTrusted(): Promise<TrustedStoredHead | null> {
    let cursor: string | null = null;
    for (;;) {
      const rows = await this.rowsAfter(cursor, SCAN_BATCH);
      for (const stored of rows) {
        const check = checkTreeHead(this.trust, stored);
        if (servable(check)) return { stored, check };
      }
      if (rows.length < SCAN_BATCH) return null;
      cursor = cursorOf(rows[rows.length - 1]);
    }
  }

  /** Heads in serving order (largest tree first, then newest), after `cursor` (`<tree_size>-<id>`). */
  private rowsAfter(cursor: string | null, limit: number): Promise<StoredTreeHead[]> {
    const [size, id] = cursor === null ? [null, null] : cursor.split('-');
    return this.dataSource.query(
      `SELECT ${HEAD_COLUMNS} FROM audit_tree_heads
        WHERE chain_id = $1 AND ($2::bigint IS NULL OR (tree_size, id) < ($2::bigint, $3::bigint))
        ORDER BY tree_size DESC, id DESC LIMIT $4`,
      [AUDIT_CHAIN_ID, size, id, limit],
    );
  }

  private async logSize(): Promise<number> {
    const rows: { size: string }[] = await this.dataSource.query(
      'SELECT coalesce(max(seq), 0)::text AS size FROM audit_events WHERE chain_id = $1',
      [AUDIT_CHAIN_ID],
    );
    return Number(rows[0].size);
  }
}

/** Signed by a configured key, and its row says what it signed (an edited row is not served). */
function servable(check: TreeHeadCheck): check is Extract<TreeHeadCheck, { trusted: true }> {
  return check.trusted && check.columnsAgree;
}

function cursorOf(row: StoredTreeHead): string {
  return `${row.tree_size}-${row.id}`;
}
