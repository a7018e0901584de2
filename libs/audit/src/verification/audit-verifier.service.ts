import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AUDITED_TABLES, AuditedTable } from '@app/outbox';
import { AUDIT_CHAIN_ID } from '../audit.constants';
import { auditColumnsOf } from '../append/audit-event';
import {
  ChainPosition,
  ChainVerification,
  ChainVerifier,
  checkAgainstCheckpoint,
  parseCheckpointPayload,
  verifyCheckpoint,
} from '../chain';
import { AuditSigningKey } from '../signing/audit-signing-key.service';
import { readChain, StoredAuditRow } from './chain-reader';
import { rejectedOutboxRows } from './outbox-rejections';
import { checkTableContents, TableCoverage } from './table-contents';

export interface AuditProblem {
  /**
   * ChainVerifier's codes, CHECKPOINT_SIGNATURE_INVALID, COLUMN_MISMATCH, OUTBOX_ROW_REJECTED
   * (rows refused for a failed HMAC), or an audited table's
   * `<code>_ROW_MODIFIED`, `<code>_ROW_NOT_AUDITED`, `<code>_RECORD_WITHOUT_ROW`, `<code>_RECORDED_TWICE`.
   */
  code: string;
  /** The first bad sequence number, when the problem has a position in the chain. */
  seq?: number;
  detail: string;
}

export interface CheckpointCheck {
  seq: number;
  headHash: string;
  createdAt: string;
  /** Signed by the configured key (not merely the key stored beside it, which anyone could write). */
  signatureValid: boolean;
  /** The chain reaches the checkpoint's seq and has its hash there. */
  matches: boolean;
}

export interface AuditVerificationReport {
  valid: boolean;
  chainId: number;
  /** Rows recomputed and linked. */
  checked: number;
  headSeq: number;
  headHash: string;
  firstInvalidSeq?: number;
  problemCode?: string;
  problem?: string;
  /** Every problem found, positioned ones first by seq. */
  problems: AuditProblem[];
  checkpoint: CheckpointCheck | null;
  /** Each audited table's rows compared with the newest state the log records for them. */
  tables: TableCoverage[];
  verifiedAt: string;
  durationMs: number;
}

export interface ChainCheck {
  result: ChainVerification;
  /** First row whose query columns disagree with its hashed event. */
  columnMismatch?: AuditProblem;
}

interface TrustedCheckpoint {
  seq: number;
  headHash: string;
  createdAt: string;
  signatureValid: boolean;
}

/**
 * Full verification: recomputes the chain (streamed), compares it with the latest signed
 * checkpoint, and compares every audited table's rows with the states the log records for
 * them (the tables come from the platform, which composes every area's). Usable without Nest
 * (the CLI builds it by hand).
 */
@Injectable()
export class AuditVerifier {
  constructor(
    private readonly dataSource: DataSource,
    private readonly key: AuditSigningKey,
    @Inject(AUDITED_TABLES) private readonly tables: readonly AuditedTable[],
  ) {}

  async verify(): Promise<AuditVerificationReport> {
    const started = performance.now();
    const checkpoint = await this.latestCheckpoint();
    const watch = checkpoint?.signatureValid ? [checkpoint.seq] : [];
    const chain = await this.checkChain(undefined, undefined, watch);
    let result = chain.result;
    const problems: AuditProblem[] = [];
    let checkpointCheck: CheckpointCheck | null = null;
    if (checkpoint) {
      if (checkpoint.signatureValid) result = checkAgainstCheckpoint(result, checkpoint);
      else {
        problems.push({
          code: 'CHECKPOINT_SIGNATURE_INVALID',
          detail: `the latest checkpoint (seq ${checkpoint.seq}) is not signed by the configured audit key`,
        });
      }
      const matches =
        checkpoint.signatureValid &&
        result.headSeq >= checkpoint.seq &&
        !(result.firstInvalidSeq !== undefined && result.firstInvalidSeq <= checkpoint.seq);
      checkpointCheck = { ...checkpoint, matches };
    }
    if (!result.valid)
      problems.push({
        code: result.problemCode ?? 'INVALID',
        seq: result.firstInvalidSeq,
        detail: result.problem ?? '',
      });
    if (chain.columnMismatch) problems.push(chain.columnMismatch);
    const rejected = await rejectedOutboxRows(this.dataSource);
    if (rejected) problems.push(rejected);
    const contents = await checkTableContents(this.dataSource, this.tables);
    problems.push(...contents.problems);
    problems.sort(
      (a, b) => (a.seq ?? Number.MAX_SAFE_INTEGER) - (b.seq ?? Number.MAX_SAFE_INTEGER),
    );
    const first = problems[0];
    return {
      valid: problems.length === 0,
      chainId: AUDIT_CHAIN_ID,
      checked: result.checked,
      headSeq: result.headSeq,
      headHash: result.headHash,
      ...(first
        ? { firstInvalidSeq: first.seq, problemCode: first.code, problem: first.detail }
        : {}),
      problems,
      checkpoint: checkpointCheck,
      tables: contents.coverage,
      verifiedAt: new Date().toISOString(),
      durationMs: Math.round(performance.now() - started),
    };
  }

  /**
   * Recomputes the chain from `start` (genesis when undefined) up to `upToSeq` (the end when
   * undefined), stopping at the first break.
   */
  async checkChain(
    start?: ChainPosition,
    upToSeq?: bigint,
    watch: number[] = [],
  ): Promise<ChainCheck> {
    const verifier = new ChainVerifier(start, { watch });
    let columnMismatch: AuditProblem | undefined;
    const afterSeq = start ? BigInt(start.seq) : 0n;
    for await (const rows of readChain(this.dataSource, { afterSeq, upToSeq })) {
      for (const row of rows) {
        verifier.push({ seq: row.seq, event: row.event, prevHash: row.prev_hash, hash: row.hash });
        if (verifier.broken) break;
        columnMismatch ??= this.columnsDisagree(row);
      }
      if (verifier.broken) break;
    }
    return { result: verifier.result(), columnMismatch };
  }

  /** The newest checkpoint, its signature checked against the configured key. */
  async latestCheckpoint(): Promise<TrustedCheckpoint | null> {
    const rows: { payload: string; signature: string }[] = await this.dataSource.query(
      'SELECT payload, signature FROM audit_checkpoints WHERE chain_id = $1 ORDER BY seq DESC, id DESC LIMIT 1',
      [AUDIT_CHAIN_ID],
    );
    if (rows.length === 0) return null;
    const { payload, signature } = rows[0];
    let signatureValid = false;
    let fields = { seq: 0, headHash: '', createdAt: '' };
    try {
      fields = parseCheckpointPayload(payload);
      signatureValid = verifyCheckpoint(this.key.publicKeyPem, payload, signature);
    } catch {
      signatureValid = false;
    }
    return {
      seq: fields.seq,
      headHash: fields.headHash,
      createdAt: fields.createdAt,
      signatureValid,
    };
  }

  private columnsDisagree(row: StoredAuditRow): AuditProblem | undefined {
    const expected = auditColumnsOf(row.event);
    if (
      expected.outboxId === row.outbox_id &&
      expected.learnerId === row.learner_id &&
      expected.eventType === row.event_type
    ) {
      return undefined;
    }
    return {
      code: 'COLUMN_MISMATCH',
      seq: Number(row.seq),
      detail: `seq ${row.seq}: outbox_id, learner_id or event_type differ from the hashed event`,
    };
  }
}
