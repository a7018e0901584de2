import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ValidationFailedError } from '@app/core';
import { AUDIT_CHAIN_ID } from '../audit.constants';
import { AuditChainBrokenError, TreeSizeBeyondLogError } from '../audit.errors';
import {
  assemble,
  consistencyPlan,
  inclusionPlan,
  MissingTreeNodeError,
  NodeAddress,
  nodeKey,
  ProofPlan,
  StoredNode,
} from '../merkle';
import { treeNodeReader } from './tree-store';

/** RFC 9162 inclusion proof of one record; hashes in lowercase hex. */
export interface InclusionProofView {
  /** seq − 1. */
  leafIndex: number;
  treeSize: number;
  /** SHA-256(0x00 ‖ canonical JSON of the record's event). */
  leafHash: string;
  /** The audit path, the leaf's sibling first. */
  path: string[];
}

/** RFC 9162 consistency proof between two tree sizes; hashes in lowercase hex. */
export interface ConsistencyProofView {
  first: number;
  second: number;
  path: string[];
}

/**
 * Proofs served from the stored perfect-subtree nodes: one indexed read of at most
 * 2·log2(n) + 2 rows, whatever the size of the log. Whether the requested tree exists is part
 * of the same read: the last leaf of a tree of `treeSize` is node (0, treeSize − 1).
 */
@Injectable()
export class AuditProofs {
  constructor(private readonly dataSource: DataSource) {}

  async inclusion(seq: number, treeSize: number): Promise<InclusionProofView> {
    if (seq > treeSize) {
      throw new ValidationFailedError(
        [
          {
            field: 'seq',
            message: `seq ${seq} is not in a tree of ${treeSize} records: seq must be ≤ treeSize`,
          },
        ],
        'The record is not in a tree of that size.',
      );
    }
    const leaf = { level: 0, index: seq - 1 };
    const { proof, nodes } = await this.read(inclusionPlan(seq - 1, treeSize), treeSize, [leaf]);
    return {
      leafIndex: seq - 1,
      treeSize,
      leafHash: hashAt(nodes, leaf),
      path: proof,
    };
  }

  async consistency(first: number, second: number): Promise<ConsistencyProofView> {
    if (first > second) {
      throw new ValidationFailedError(
        [{ field: 'first', message: `first (${first}) must be ≤ second (${second})` }],
        'A consistency proof goes from a smaller tree to a larger one.',
      );
    }
    const { proof } = await this.read(consistencyPlan(first, second), second, []);
    return { first, second, path: proof };
  }

  private async read(
    plan: ProofPlan,
    treeSize: number,
    extra: NodeAddress[],
  ): Promise<{ proof: string[]; nodes: Map<string, StoredNode> }> {
    const lastLeaf = { level: 0, index: treeSize - 1 };
    const stored = await treeNodeReader(this.dataSource)([...plan.addresses, ...extra, lastLeaf]);
    const nodes = new Map(stored.map((node) => [nodeKey(node), node]));
    if (!nodes.has(nodeKey(lastLeaf)))
      throw new TreeSizeBeyondLogError(treeSize, await this.logSize());
    try {
      return { proof: assemble(plan, stored).map((hash) => hash.toString('hex')), nodes };
    } catch (error) {
      if (!(error instanceof MissingTreeNodeError)) throw error;
      throw new AuditChainBrokenError(error.message, undefined, 'TREE_NODE_MISSING');
    }
  }

  private async logSize(): Promise<number> {
    const rows: { size: string }[] = await this.dataSource.query(
      'SELECT coalesce(max(seq), 0)::text AS size FROM audit_events WHERE chain_id = $1',
      [AUDIT_CHAIN_ID],
    );
    return Number(rows[0].size);
  }
}

function hashAt(nodes: Map<string, StoredNode>, address: NodeAddress): string {
  const node = nodes.get(nodeKey(address));
  if (node === undefined)
    throw new AuditChainBrokenError(
      new MissingTreeNodeError(address).message,
      address.index + 1,
      'TREE_NODE_MISSING',
    );
  return Buffer.from(node.hash).toString('hex');
}
