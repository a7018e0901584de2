import { IsOptional, IsUUID, Matches } from 'class-validator';
import { PageLimitQueryDto } from '@app/core';

export class AuditEventsQueryDto extends PageLimitQueryDto {
  /** ADMIN: one learner's records (all when omitted). LEARNER: only their own id (the default). */
  @IsOptional()
  @IsUUID()
  learnerId?: string;

  /** Records after this seq (the previous page's `nextCursor`). */
  @IsOptional()
  @Matches(/^(0|[1-9]\d{0,17})$/, { message: 'afterSeq must be a sequence number' })
  afterSeq?: string;
}

export class AuditActorDto {
  userId: string | null;
  username: string | null;
  /** ADMIN, REGISTRAR, EXAMINER or LEARNER at the time of the change. */
  role: string | null;
  /** The scope the actor acted in. */
  institutionId: string | null;
  certificationBodyId: string | null;
}

export class AuditRowChangeDto {
  /** The audited table: `ledger_entry`, `learner`, `user`, … */
  kind: string;
  id: string;
  /** The row's stored columns (dates as ISO text, decimals as text; secrets only as digests). */
  state: Record<string, unknown>;
}

export class AuditEventDto {
  /** Position in the chain (gapless, from 1). */
  seq: string;
  chainId: number;
  outboxId: string;
  /** e.g. `ledger.entry.recorded`. */
  type: string;
  learnerId: string | null;
  actor: AuditActorDto | null;
  occurredAt: string | null;
  appendedAt: string;
  /** The rows the event wrote, each with its stored columns after the write. */
  changes: AuditRowChangeDto[];
  /** What the event says beyond its rows (e.g. the fields a change touched); `{}` when nothing. */
  details: Record<string, unknown>;
  prevHash: string;
  /** SHA-256(prevHash ‖ RFC 8785 canonical JSON of the stored event), hex. */
  hash: string;
  /**
   * The record's Merkle leaf, SHA-256(0x00 ‖ the same canonical JSON), lowercase hex: prove it
   * is in a signed head with `GET /v1/audit/proofs/inclusion?seq=&treeSize=`.
   */
  leafHash: string | null;
}

export class AuditEventPageDto {
  items: AuditEventDto[];
  nextCursor: string | null;
}

export class AuditProblemDto {
  /**
   * A chain problem (HASH_MISMATCH, BROKEN_LINK, MISSING_ROWS, …, COLUMN_MISMATCH,
   * CHECKPOINT_SIGNATURE_INVALID), OUTBOX_ROW_REJECTED (outbox rows the appender refused because
   * their HMAC failed: count and first ids) or a table's: `<code>_ROW_MODIFIED` (the detail names the row
   * and each differing field with the log's and the row's value), `<code>_ROW_NOT_AUDITED`,
   * `<code>_RECORD_WITHOUT_ROW`, `<code>_RECORDED_TWICE`.
   */
  code: string;
  seq?: number;
  detail: string;
}

export class TreeCheckDto {
  /** Records folded into the recomputed tree (up to the first break). */
  size: number;
  /** Its root, lowercase hex. */
  rootHash: string;
}

export class TreeHeadClaimDto {
  id: string;
  treeSize: number;
  rootHash: string;
  timestamp: string;
  keyFingerprint: string;
}

export class TreeHeadsSummaryDto {
  /** Head rows in the database. */
  stored: number;
  /** Signed by a configured key, and their root is the records' root at their size. */
  verified: number;
  /** Signed heads beyond a break in the records, not compared. */
  unchecked: number;
  latest: TreeHeadClaimDto | null;
}

export class TrustedHeadCheckDto {
  treeSize: number;
  rootHash: string;
  /** null: the pinned size lies beyond a break in the records. */
  matches: boolean | null;
}

export class TableCoverageDto {
  /** The kind of row the log names: `ledger_entry`, `learner`, `user`, … */
  kind: string;
  /** The prefix of the table's problem codes: `LEDGER`, `LEARNER`, `USER`, … */
  code: string;
  /** Rows in the table. */
  rows: number;
  /** Rows equal to the newest state the log records for them. */
  audited: number;
  /** Rows whose newest change is still in the outbox, on its way to the log (not a break). */
  pending: number;
  /** Rows modified since their record, rows without a record, records without a row, records made twice. */
  problems: number;
}

export class AuditVerificationDto {
  valid: boolean;
  chainId: number;
  checked: number;
  headSeq: number;
  headHash: string;
  /** The first bad sequence number, when the chain is broken there. */
  firstInvalidSeq?: number;
  problemCode?: string;
  problem?: string;
  problems: AuditProblemDto[];
  tree: TreeCheckDto;
  treeHeads: TreeHeadsSummaryDto;
  /** The pinned AUDIT_TRUSTED_HEAD, when one is configured. */
  trustedHead: TrustedHeadCheckDto | null;
  /** Each audited table's rows compared with the log, one summary per table. */
  tables: TableCoverageDto[];
  verifiedAt: string;
  durationMs: number;
}
