import { AUDIT_CHAIN_ID } from '../audit.constants';
import { GENESIS_HASH } from '../chain';
import { frontierOf, MerkleFrontier } from '../merkle';
import { treeNodeReader } from '../tree/tree-store';
import type { AuditProblem, AuditVerifier } from '../verification/audit-verifier.service';
import { SqlRunner } from '../verification/chain-reader';
import { TreeRecomputation } from '../verification/tree-recomputation';
import { TreeHead } from './tree-head-format';

/**
 * What must hold before a new head of `toSize` is signed on top of the newest trusted head
 * `from` (the empty tree when null): the stored tree still has `from`'s root at its size, and
 * the records after it chain correctly and are the stored tree's leaves. Costs the records
 * since `from`, not the whole log.
 */
export async function checkTreeExtension(
  sql: SqlRunner,
  verifier: AuditVerifier,
  from: Pick<TreeHead, 'treeSize' | 'rootHash'> | null,
  toSize: number,
): Promise<AuditProblem | undefined> {
  const fromSize = from?.treeSize ?? 0;
  if (fromSize > toSize) {
    return {
      code: 'TREE_HEAD_BEYOND_LOG',
      seq: toSize + 1,
      detail: `the log holds ${toSize} records but a signed tree head covers ${fromSize}`,
    };
  }
  const reader = treeNodeReader(sql);
  let frontier: MerkleFrontier;
  try {
    frontier = MerkleFrontier.of(fromSize, await reader(frontierOf(fromSize)));
  } catch (error) {
    return { code: 'TREE_NODE_MISSING', seq: fromSize, detail: (error as Error).message };
  }
  if (from && frontier.root().toString('hex') !== from.rootHash) {
    return {
      code: 'TREE_HEAD_ROOT_MISMATCH',
      seq: fromSize,
      detail: `the stored tree's root at size ${fromSize} is not the signed one: a record at or before seq ${fromSize} was rewritten`,
    };
  }
  const tree = new TreeRecomputation(reader, frontier);
  const start = { seq: fromSize, hash: await chainHashAt(sql, fromSize) };
  const { result, columnMismatch } = await verifier.checkChain(start, BigInt(toSize), tree);
  if (!result.valid) {
    return {
      code: result.problemCode ?? 'INVALID',
      seq: result.firstInvalidSeq,
      detail: result.problem ?? '',
    };
  }
  if (result.headSeq !== toSize) {
    return {
      code: 'MISSING_ROWS',
      seq: result.headSeq + 1,
      detail: `records after seq ${result.headSeq} are missing`,
    };
  }
  return tree.problem ?? columnMismatch;
}

async function chainHashAt(sql: SqlRunner, seq: number): Promise<string> {
  if (seq === 0) return GENESIS_HASH;
  const rows = (await sql.query('SELECT hash FROM audit_events WHERE chain_id = $1 AND seq = $2', [
    AUDIT_CHAIN_ID,
    seq,
  ])) as { hash: string }[];
  return rows[0]?.hash ?? GENESIS_HASH;
}
