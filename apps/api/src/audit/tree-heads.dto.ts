import { IsIn, IsOptional, Matches } from 'class-validator';
import { PageLimitQueryDto } from '@app/core';

/*
 * Signed tree heads, proofs and keys. Hashes in JSON are lowercase hex (the C2SP note carries
 * the root in base64, as its format requires). Examples are the README's worked example: a
 * log of two records signed with the RFC 8032 test key 1.
 */

const POSITIVE = /^[1-9]\d{0,15}$/;

export class TreeHeadFormatQueryDto {
  /** `json` (default) or `note`: the C2SP checkpoint as a signed note, `text/plain`. */
  @IsOptional()
  @IsIn(['json', 'note'])
  format?: 'json' | 'note';
}

export class TreeHeadsQueryDto extends PageLimitQueryDto {
  /** From the previous page's `nextCursor`. */
  @IsOptional()
  @Matches(/^\d{1,18}-\d{1,18}$/, { message: 'cursor is not one this API issued' })
  cursor?: string;
}

export class InclusionProofQueryDto {
  /**
   * The record's sequence number (leaf seq − 1).
   * @example "1"
   */
  @Matches(POSITIVE, { message: 'seq must be a sequence number (1, 2, …)' })
  seq: string;

  /**
   * The size of the tree to prove inclusion in: a signed head's `treeSize`, ≥ seq.
   * @example "2"
   */
  @Matches(POSITIVE, { message: 'treeSize must be a tree size (1, 2, …)' })
  treeSize: string;
}

export class ConsistencyProofQueryDto {
  /**
   * The earlier tree size (a head you hold), ≥ 1.
   * @example "1"
   */
  @Matches(POSITIVE, { message: 'first must be a tree size (1, 2, …)' })
  first: string;

  /**
   * The later tree size, ≥ first.
   * @example "2"
   */
  @Matches(POSITIVE, { message: 'second must be a tree size (1, 2, …)' })
  second: string;
}

export class TreeHeadDto {
  /**
   * The log's name (AUDIT_LOG_ORIGIN), the first line of the note and its key name.
   * @example "credit-bank-ledger/audit"
   */
  origin: string;
  /**
   * Records covered: seq 1 … treeSize.
   * @example 2
   */
  treeSize: number;
  /**
   * RFC 9162 MTH of the records, lowercase hex.
   * @example "9da0e8ea8ced6d810823674e1e68f3a77150aaf1f3b74b535f9815273749b050"
   */
  rootHash: string;
  /**
   * When it was signed, ISO 8601 UTC.
   * @example "2026-01-01T00:01:00.000Z"
   */
  timestamp: string;
  /**
   * SHA-256 of the signing key's 32 raw bytes, hex: the key is listed under `GET /v1/audit/keys`.
   * @example "21fe31dfa154a261626bf854046fd2271b7bed4b6abe45aa58877ef47f9721b9"
   */
  keyFingerprint: string;
  algorithm: 'Ed25519';
  /**
   * The exact RFC 8785 canonical JSON that was signed: verify these bytes, do not re-serialise.
   * @example "{\"origin\":\"credit-bank-ledger/audit\",\"rootHash\":\"9da0e8ea8ced6d810823674e1e68f3a77150aaf1f3b74b535f9815273749b050\",\"timestamp\":\"2026-01-01T00:01:00.000Z\",\"treeSize\":2}"
   */
  payload: string;
  /**
   * Ed25519 signature of the UTF-8 bytes of `payload`, base64 (64 bytes).
   * @example "6P7d4IGFJCB9tTJupJn6+UB30Mz+d3bLiTuiTqapYRPpJvsgJ4V6wXEfZbXNCabeNm2RbopISN6NdYgAOkMcCw=="
   */
  signature: string;
  /**
   * The same head as a C2SP tlog-checkpoint signed note (root in base64, as the format requires).
   * @example "credit-bank-ledger/audit\n2\nnaDo6oztbYEII2dOHmjzp3FQqvHzt0tTX5gVJzdJsFA=\n\n— credit-bank-ledger/audit E70uXKKQd2ZossJZRPbrnguXpT11VwB4GHn76u3i1DcBvVkRYfawRmiNBlkcjfanSWOGGubm21Mvc6v+LdsYSLokgQE=\n"
   */
  note: string;
}

export class TreeHeadPageDto {
  /** Largest tree first; heads that do not verify with a configured key are never listed. */
  items: TreeHeadDto[];
  nextCursor: string | null;
}

/** The latest tree head, as the checkpoint route has always served it: with the public key. */
export class CheckpointDto extends TreeHeadDto {
  /**
   * The raw 32-byte Ed25519 public key that signed it, base64.
   * @example "11qYAYKxCrfVS/7TyWQHOg7hcvPapiMlrwIaaPcHURo="
   */
  publicKeyBase64: string;
  /** The same key as SPKI PEM. */
  publicKeyPem: string;
}

export class InclusionProofDto {
  /**
   * seq − 1.
   * @example 0
   */
  leafIndex: number;
  /** @example 2 */
  treeSize: number;
  /**
   * SHA-256(0x00 ‖ UTF-8 canonical JSON of the record's event), lowercase hex.
   * @example "8bfedff16116730dd606d47e3884e9b74ef0086e993dc6e91f054221ecad4498"
   */
  leafHash: string;
  /**
   * RFC 9162 §2.1.3 audit path, the leaf's sibling first, lowercase hex.
   * @example ["cdc0d1dca795d65d17f1502d290a6ed5455b69878cc0891b4c04b94c71792f90"]
   */
  path: string[];
}

export class ConsistencyProofDto {
  /** @example 1 */
  first: number;
  /** @example 2 */
  second: number;
  /**
   * RFC 9162 §2.1.4 consistency path, lowercase hex (empty when first = second).
   * @example ["cdc0d1dca795d65d17f1502d290a6ed5455b69878cc0891b4c04b94c71792f90"]
   */
  path: string[];
}

export class AuditKeyDto {
  /**
   * SHA-256 of the 32 raw key bytes, lowercase hex: heads name their key by it.
   * @example "21fe31dfa154a261626bf854046fd2271b7bed4b6abe45aa58877ef47f9721b9"
   */
  fingerprint: string;
  /** `current` signs new heads; `retired` keys (AUDIT_RETIRED_PUBLIC_KEYS) only verify older ones. */
  status: 'current' | 'retired';
  algorithm: 'Ed25519';
  /**
   * The raw 32-byte public key, base64.
   * @example "11qYAYKxCrfVS/7TyWQHOg7hcvPapiMlrwIaaPcHURo="
   */
  publicKeyBase64: string;
  publicKeyPem: string;
  /**
   * The C2SP signed-note verifier key for this log's origin.
   * @example "credit-bank-ledger/audit+13bd2e5c+AddamAGCsQq31Uv+08lkBzoO4XLz2qYjJa8CGmj3B1Ea"
   */
  noteVerifierKey: string;
}

export class AuditKeysDto {
  /** @example "credit-bank-ledger/audit" */
  origin: string;
  /** The current key first. Keys come from configuration only, never from the database. */
  items: AuditKeyDto[];
  total: number;
}
