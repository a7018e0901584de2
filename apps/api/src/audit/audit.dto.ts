import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsUUID, Matches, Max, Min } from 'class-validator';

export class AuditEventsQueryDto {
  /** ADMIN: one learner's records (all when omitted). LEARNER: only their own id (the default). */
  @IsOptional()
  @IsUUID()
  learnerId?: string;

  /** Records after this seq (the previous page's `nextCursor`). */
  @IsOptional()
  @Matches(/^(0|[1-9]\d{0,17})$/, { message: 'afterSeq must be a sequence number' })
  afterSeq?: string;

  /** 1–200, default 50. */
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(200)
  limit?: number;
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
  /** What changed (for ledger events: `{entry}`, the entry as recorded). */
  data: Record<string, unknown>;
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

export class LedgerCoverageDto {
  entries: number;
  audited: number;
  pending: number;
  missing: number;
  missingEntryIds: string[];
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
  ledger: LedgerCoverageDto;
  verifiedAt: string;
  durationMs: number;
}
