import { AUDIT_CHAIN_ID } from '../audit.constants';
import { frontierOf, MerkleFrontier, NodeAddress, NodeReader, StoredNode } from '../merkle';
import { SqlRunner } from '../verification/chain-reader';

interface NodeRow {
  level: number;
  idx: string;
  hash: Buffer;
}

const READ_NODES_SQL = `
  SELECT n.level, n.idx, n.hash
    FROM unnest($2::smallint[], $3::bigint[]) AS a(level, idx)
    JOIN audit_tree_nodes n ON n.chain_id = $1 AND n.level = a.level AND n.idx = a.idx`;

const INSERT_NODES_SQL = `
  INSERT INTO audit_tree_nodes (chain_id, level, idx, hash)
  SELECT $1, a.level, a.idx, decode(a.hash, 'hex')
    FROM unnest($2::smallint[], $3::bigint[], $4::text[]) AS a(level, idx, hash)`;

/** The stored tree is not the tree of the chain's records: appending to it would spread the damage. */
export class TreeOutOfStepError extends Error {
  constructor(size: number, reason: string) {
    super(`the Merkle tree does not match the ${size} audit records: ${reason}; run audit:verify`);
    this.name = 'TreeOutOfStepError';
  }
}

/** Reads stored nodes by address, in one statement, through any SQL runner (a manager inside a transaction). */
export function treeNodeReader(sql: SqlRunner, chainId = AUDIT_CHAIN_ID): NodeReader {
  return async (addresses: readonly NodeAddress[]) => {
    if (addresses.length === 0) return [];
    const rows = (await sql.query(READ_NODES_SQL, [
      chainId,
      addresses.map((address) => address.level),
      addresses.map((address) => address.index),
    ])) as NodeRow[];
    return rows.map((row) => ({ level: row.level, index: Number(row.idx), hash: row.hash }));
  };
}

/**
 * Appends leaf hashes to the stored tree of `size` leaves: reads its frontier (at most log2(n)
 * nodes, one statement), folds the new leaves in, and inserts every node they complete in one
 * statement. Call it in the transaction that inserts the records, under the chain lock.
 */
export async function appendTreeLeaves(
  sql: SqlRunner,
  size: number,
  leafHashes: readonly Uint8Array[],
  chainId = AUDIT_CHAIN_ID,
): Promise<StoredNode[]> {
  const addresses = frontierOf(size);
  const stored = await treeNodeReader(sql, chainId)(addresses);
  let frontier: MerkleFrontier;
  try {
    frontier = MerkleFrontier.of(size, stored);
  } catch (error) {
    throw new TreeOutOfStepError(size, (error as Error).message);
  }
  const nodes = leafHashes.flatMap((hash) => frontier.append(hash));
  await sql.query(INSERT_NODES_SQL, [
    chainId,
    nodes.map((node) => node.level),
    nodes.map((node) => node.index),
    nodes.map((node) => Buffer.from(node.hash).toString('hex')),
  ]);
  return nodes;
}
