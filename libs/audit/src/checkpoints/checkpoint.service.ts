import { Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AUDIT_CHAIN_ID, AUDIT_CHAIN_NAME } from '../audit.constants';
import { AuditChainBrokenError, NoCheckpointError } from '../audit.errors';
import {
  ChainPosition,
  CheckpointPayload,
  GENESIS_HASH,
  parseCheckpointPayload,
  publicKeyToBase64,
  signCheckpoint,
} from '../chain';
import { AuditSigningKey } from '../signing/audit-signing-key.service';
import { AuditVerifier } from '../verification/audit-verifier.service';

/** A signed checkpoint as published: everything a third party needs to check it. */
export interface CheckpointView {
  chainId: string;
  seq: number;
  headHash: string;
  createdAt: string;
  /** The exact RFC 8785 canonical JSON that was signed: verify these bytes, do not re-serialise. */
  payload: string;
  /** Ed25519 signature over the UTF-8 bytes of `payload`, base64 (64 bytes). */
  signature: string;
  algorithm: 'Ed25519';
  /** SPKI PEM of the signing key. */
  publicKeyPem: string;
  /** The raw 32-byte Ed25519 public key, base64. */
  publicKeyBase64: string;
}

interface CheckpointRow {
  seq: string;
  head_hash: string;
  created_at: Date;
  payload: string;
  signature: string;
  public_key: string;
}

/**
 * Signed checkpoints of the chain head, periodic (job scheduler) and on demand. Before signing,
 * the rows since the last trusted checkpoint are verified: a checkpoint over a damaged chain
 * would certify the damage, so the service refuses instead.
 */
@Injectable()
export class CheckpointService {
  private readonly logger = new Logger(CheckpointService.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly key: AuditSigningKey,
    private readonly verifier: AuditVerifier,
  ) {}

  async latest(): Promise<CheckpointView> {
    const rows: CheckpointRow[] = await this.dataSource.query(
      `SELECT seq, head_hash, created_at, payload, signature, public_key FROM audit_checkpoints
        WHERE chain_id = $1 ORDER BY seq DESC, id DESC LIMIT 1`,
      [AUDIT_CHAIN_ID],
    );
    if (rows.length === 0) throw new NoCheckpointError();
    return this.view(rows[0]);
  }

  /** Signs the current head. `onlyIfHeadMoved`: skip when the latest checkpoint already covers it. */
  async create(options: {
    onlyIfHeadMoved: boolean;
  }): Promise<{ checkpoint: CheckpointView | null; created: boolean }> {
    const heads: { seq: string; hash: string }[] = await this.dataSource.query(
      'SELECT seq, hash FROM audit_events WHERE chain_id = $1 ORDER BY seq DESC LIMIT 1',
      [AUDIT_CHAIN_ID],
    );
    const headSeq = heads.length ? BigInt(heads[0].seq) : 0n;
    const last = await this.verifier.latestCheckpoint();
    if (
      options.onlyIfHeadMoved &&
      (last ? last.signatureValid && BigInt(last.seq) === headSeq : headSeq === 0n)
    ) {
      return { checkpoint: last ? await this.latest() : null, created: false };
    }
    const start: ChainPosition | undefined = last?.signatureValid
      ? { seq: last.seq, hash: last.headHash }
      : undefined;
    if (start && BigInt(start.seq) > headSeq) {
      throw this.broken(
        `the chain ends at seq ${headSeq} but a signed checkpoint covers seq ${start.seq}`,
        Number(headSeq) + 1,
        'CHECKPOINT_NOT_REACHED',
      );
    }
    const { result } = await this.verifier.checkChain(start, headSeq);
    if (!result.valid || BigInt(result.headSeq) !== headSeq) {
      throw this.broken(
        result.problem ?? 'rows are missing',
        result.firstInvalidSeq,
        result.problemCode,
      );
    }
    const createdAt = new Date();
    const headHash = headSeq === 0n ? GENESIS_HASH : result.headHash;
    const signed = signCheckpoint(this.key.privateKeyPem, {
      chainId: AUDIT_CHAIN_NAME,
      seq: headSeq,
      headHash,
      createdAt,
    });
    const rows: CheckpointRow[] = await this.dataSource.query(
      `INSERT INTO audit_checkpoints (chain_id, seq, head_hash, created_at, payload, signature, public_key)
       VALUES ($1, $2, $3, $4, $5, $6, $7)
       RETURNING seq, head_hash, created_at, payload, signature, public_key`,
      [
        AUDIT_CHAIN_ID,
        headSeq.toString(),
        headHash,
        createdAt,
        signed.payload,
        signed.signature,
        this.key.publicKeyPem,
      ],
    );
    this.logger.log(`signed audit checkpoint at seq ${headSeq}`);
    return { checkpoint: this.view(rows[0]), created: true };
  }

  private broken(
    problem: string,
    seq: number | undefined,
    code: string | undefined,
  ): AuditChainBrokenError {
    this.logger.error(`refusing to sign a checkpoint: ${problem}`);
    return new AuditChainBrokenError(problem, seq, code);
  }

  /** The signed fields come from the payload (the columns are only an index and could be edited). */
  private view(row: CheckpointRow): CheckpointView {
    let fields: CheckpointPayload = {
      chainId: AUDIT_CHAIN_NAME,
      seq: Number(row.seq),
      headHash: row.head_hash,
      createdAt: row.created_at.toISOString(),
    };
    try {
      fields = parseCheckpointPayload(row.payload);
    } catch {
      // Unreadable payload: shown as stored; its signature will not verify.
    }
    return {
      ...fields,
      payload: row.payload,
      signature: row.signature,
      algorithm: 'Ed25519',
      publicKeyPem: row.public_key,
      publicKeyBase64: publicKeyBase64Of(row.public_key),
    };
  }
}

function publicKeyBase64Of(pem: string): string {
  try {
    return publicKeyToBase64(pem);
  } catch {
    return ''; // a stored key that does not parse: the checkpoint simply will not verify
  }
}
