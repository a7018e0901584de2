import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { canonicalJson } from '@app/core';
import { AUDIT_CHAIN_ID } from '../audit.constants';
import { auditColumnsOf } from '../append/audit-event';
import { ChainPosition, ChainVerification, ChainVerifier } from '../chain';
import { MerkleFrontier } from '../merkle';
import { AuditTrust } from '../signing/audit-trust';
import { treeNodeReader } from '../tree/tree-store';
import { readChain, SqlRunner, StoredAuditRow } from './chain-reader';
import {
  duplicatedRecords,
  LedgerCoverage,
  ledgerCoverage,
  recordsWithoutEntry,
} from './ledger-coverage';
import {
  checkTreeAndHeads,
  readTreeHeadClaims,
  sizesToWatch,
  TreeHeadsSummary,
  TrustedHeadCheck,
} from './tree-head-checks';
import { TreeRecomputation } from './tree-recomputation';

export interface AuditProblem {
  /**
   * ChainVerifier's codes, or COLUMN_MISMATCH, RECORD_WITHOUT_ENTRY, DUPLICATE_RECORD,
   * MISSING_AUDIT_RECORD; the tree's TREE_NODE_MISMATCH, TREE_NODE_MISSING, TREE_NODE_BEYOND_LOG;
   * the heads' TREE_HEAD_UNKNOWN_KEY, TREE_HEAD_SIGNATURE_INVALID, TREE_HEAD_MALFORMED,
   * TREE_HEAD_COLUMN_MISMATCH, TREE_HEAD_ROOT_MISMATCH, TREE_HEAD_BEYOND_LOG; TRUSTED_HEAD_MISMATCH.
   */
  code: string;
  /** The first bad sequence number, when the problem has a position in the chain. */
  seq?: number;
  detail: string;
}

/** The Merkle tree recomputed from the records (up to the first break). */
export interface TreeCheck {
  size: number;
  /** Lowercase hex. */
  rootHash: string;
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
  tree: TreeCheck;
  treeHeads: TreeHeadsSummary;
  /** The pinned AUDIT_TRUSTED_HEAD, when one is configured. */
  trustedHead: TrustedHeadCheck | null;
  ledger: LedgerCoverage;
  verifiedAt: string;
  durationMs: number;
}

export interface ChainCheck {
  result: ChainVerification;
  /** First row whose query columns disagree with its hashed event. */
  columnMismatch?: AuditProblem;
}

/**
 * Full verification: recomputes the chain and the Merkle tree from the records (streamed),
 * checks every stored tree head against the configured keys and the recomputed roots (and the
 * pinned AUDIT_TRUSTED_HEAD), and checks that every ledger entry has exactly one audit record
 * and every record names an existing entry. Usable without Nest (the CLI builds it by hand).
 */
@Injectable()
export class AuditVerifier {
  constructor(
    private readonly dataSource: DataSource,
    private readonly trust: AuditTrust,
  ) {}

  async verify(): Promise<AuditVerificationReport> {
    const started = performance.now();
    const sql: SqlRunner = this.dataSource;
    const heads = await readTreeHeadClaims(sql, this.trust);
    const tree = new TreeRecomputation(
      treeNodeReader(sql),
      MerkleFrontier.empty(),
      sizesToWatch(heads.claims, this.trust.trustedHead),
    );
    const chain = await this.checkChain(undefined, undefined, tree);
    const result = chain.result;
    const problems: AuditProblem[] = [];
    if (!result.valid)
      problems.push({
        code: result.problemCode ?? 'INVALID',
        seq: result.firstInvalidSeq,
        detail: result.problem ?? '',
      });
    if (chain.columnMismatch) problems.push(chain.columnMismatch);
    const treeCheck = await checkTreeAndHeads(sql, heads, tree, this.trust.trustedHead);
    problems.push(...treeCheck.problems);
    const [ledger, withoutEntry, duplicated] = await Promise.all([
      ledgerCoverage(sql),
      recordsWithoutEntry(sql),
      duplicatedRecords(sql),
    ]);
    if (withoutEntry) {
      problems.push({
        code: 'RECORD_WITHOUT_ENTRY',
        seq: withoutEntry.seq,
        detail: `${withoutEntry.count} audit record(s) name a ledger entry that does not exist, the first at seq ${withoutEntry.seq}`,
      });
    }
    if (duplicated) {
      problems.push({
        code: 'DUPLICATE_RECORD',
        seq: duplicated.seq,
        detail: `${duplicated.count} ledger entr(y/ies) recorded more than once, the first extra record at seq ${duplicated.seq}`,
      });
    }
    if (ledger.missing > 0) {
      problems.push({
        code: 'MISSING_AUDIT_RECORD',
        detail: `${ledger.missing} ledger entr(y/ies) have no audit record and none on its way: ${ledger.missingEntryIds.join(', ')}`,
      });
    }
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
      tree: { size: tree.size, rootHash: tree.root().toString('hex') },
      treeHeads: treeCheck.summary,
      trustedHead: treeCheck.trustedHead,
      ledger,
      verifiedAt: new Date().toISOString(),
      durationMs: Math.round(performance.now() - started),
    };
  }

  /**
   * Recomputes the chain from `start` (genesis when undefined) up to `upToSeq` (the end when
   * undefined), stopping at the first break; the records it accepts are folded into `tree`.
   */
  async checkChain(
    start?: ChainPosition,
    upToSeq?: bigint,
    tree?: TreeRecomputation,
  ): Promise<ChainCheck> {
    const verifier = new ChainVerifier(start);
    let columnMismatch: AuditProblem | undefined;
    const afterSeq = start ? BigInt(start.seq) : 0n;
    for await (const rows of readChain(this.dataSource, { afterSeq, upToSeq })) {
      for (const row of rows) {
        // One canonical serialisation per record: the chain hashes it, the tree's leaf is it.
        const eventJson = canonicalOrUndefined(row.event);
        verifier.push({
          seq: row.seq,
          event: row.event,
          eventJson,
          prevHash: row.prev_hash,
          hash: row.hash,
        });
        if (verifier.broken) break;
        if (eventJson !== undefined) tree?.push(eventJson);
        columnMismatch ??= this.columnsDisagree(row);
      }
      await tree?.compare();
      if (verifier.broken) break;
    }
    return { result: verifier.result(), columnMismatch };
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

/** Undefined for an event that cannot be serialised: the chain verifier then reports it (MALFORMED_ROW). */
function canonicalOrUndefined(event: unknown): string | undefined {
  try {
    return canonicalJson(event);
  } catch {
    return undefined;
  }
}
