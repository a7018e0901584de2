import { EMPTY_ROOT_HASH, nodeHash } from './merkle-hash';
import {
  frontierOf,
  isTreeSize,
  largestPowerOfTwoBelow,
  NodeAddress,
  nodeKey,
  subtreesOf,
} from './tree-shape';

/**
 * Proof generation over stored perfect-subtree nodes (RFC 9162 §2.1.3.1 PATH and §2.1.4.1
 * SUBPROOF). A proof element is MTH of a leaf range, and every range the recursion visits is a
 * right fold of at most log2(n) perfect nodes, so a plan names the nodes a proof needs; they are
 * read in one batch and folded. Nothing is recomputed from the leaves.
 */

export interface StoredNode extends NodeAddress {
  readonly hash: Uint8Array;
}

/** Reads the named nodes (in any order; a missing one is simply absent from the answer). */
export type NodeReader = (addresses: readonly NodeAddress[]) => Promise<readonly StoredNode[]>;

export interface ProofPlan {
  /** Per proof element (or the root), the perfect nodes whose right fold it is. */
  readonly elements: readonly (readonly NodeAddress[])[];
  /** Every node the plan needs, once each. */
  readonly addresses: readonly NodeAddress[];
}

/** The store lacks a node a complete tree of that size must have: its node table is damaged. */
export class MissingTreeNodeError extends Error {
  constructor(readonly address: NodeAddress) {
    super(`tree node (level ${address.level}, index ${address.index}) is not stored`);
    this.name = 'MissingTreeNodeError';
  }
}

type LeafRange = readonly [start: number, end: number];

function planOf(ranges: readonly LeafRange[]): ProofPlan {
  const elements = ranges.map(([start, end]) => subtreesOf(start, end));
  const unique = new Map<string, NodeAddress>();
  for (const address of elements.flat()) unique.set(nodeKey(address), address);
  return { elements, addresses: [...unique.values()] };
}

function requireSize(name: string, value: number): void {
  if (!isTreeSize(value)) throw new RangeError(`${name} must be a whole number ≥ 0`);
}

/** The nodes of the root of a tree of `size` leaves (no elements for the empty tree). */
export function rootPlan(size: number): ProofPlan {
  requireSize('size', size);
  return { elements: size === 0 ? [] : [frontierOf(size)], addresses: frontierOf(size) };
}

/** RFC 9162 PATH(m, D[n]): the audit path of leaf `leafIndex` in a tree of `treeSize`, leaf's sibling first. */
export function inclusionPlan(leafIndex: number, treeSize: number): ProofPlan {
  requireSize('leafIndex', leafIndex);
  requireSize('treeSize', treeSize);
  if (leafIndex >= treeSize) {
    throw new RangeError(`leaf ${leafIndex} is not in a tree of ${treeSize} leaves`);
  }
  const ranges: LeafRange[] = [];
  let start = 0;
  let end = treeSize;
  while (end - start > 1) {
    const k = largestPowerOfTwoBelow(end - start);
    if (leafIndex < start + k) {
      ranges.push([start + k, end]);
      end = start + k;
    } else {
      ranges.push([start, start + k]);
      start += k;
    }
  }
  return planOf(ranges.reverse());
}

/** RFC 9162 PROOF(m, D[n]) = SUBPROOF(m, D[n], true): from `first` leaves to `second` (0 < first ≤ second). */
export function consistencyPlan(first: number, second: number): ProofPlan {
  requireSize('first', first);
  requireSize('second', second);
  if (first === 0 || first > second) {
    throw new RangeError(
      `no consistency proof from ${first} to ${second} leaves (0 < first ≤ second)`,
    );
  }
  const ranges: LeafRange[] = [];
  let start = 0;
  let end = second;
  let remaining = first;
  let startsAtRoot = true;
  for (;;) {
    if (remaining === end - start) {
      // The old tree's own subtree: needed unless the verifier already holds it as the old root.
      if (!startsAtRoot) ranges.push([start, end]);
      break;
    }
    const k = largestPowerOfTwoBelow(end - start);
    if (remaining <= k) {
      ranges.push([start + k, end]);
      end = start + k;
    } else {
      ranges.push([start, start + k]);
      start += k;
      remaining -= k;
      startsAtRoot = false;
    }
  }
  return planOf(ranges.reverse());
}

/** Folds each element of a plan from the nodes read for it. */
export function assemble(plan: ProofPlan, nodes: readonly StoredNode[]): Buffer[] {
  const byKey = new Map<string, Uint8Array>();
  for (const node of nodes) byKey.set(nodeKey(node), node.hash);
  return plan.elements.map((element) => {
    const hashes = element.map((address) => {
      const hash = byKey.get(nodeKey(address));
      if (hash === undefined) throw new MissingTreeNodeError(address);
      return hash;
    });
    return foldRight(hashes);
  });
}

/** MTH of consecutive perfect subtrees, left to right: HASH(0x01 ‖ h0 ‖ HASH(0x01 ‖ h1 ‖ …)). */
export function foldRight(hashes: readonly Uint8Array[]): Buffer {
  if (hashes.length === 0) throw new RangeError('nothing to fold');
  let root: Buffer = Buffer.from(hashes[hashes.length - 1]);
  for (let i = hashes.length - 2; i >= 0; i--) root = nodeHash(hashes[i], root);
  return root;
}

/** One read, then the fold. */
async function run(reader: NodeReader, plan: ProofPlan): Promise<Buffer[]> {
  return assemble(plan, plan.addresses.length === 0 ? [] : await reader(plan.addresses));
}

export async function rootAt(reader: NodeReader, size: number): Promise<Buffer> {
  const [root] = await run(reader, rootPlan(size));
  return root ?? Buffer.from(EMPTY_ROOT_HASH);
}

export async function inclusionProof(
  reader: NodeReader,
  leafIndex: number,
  treeSize: number,
): Promise<Buffer[]> {
  return run(reader, inclusionPlan(leafIndex, treeSize));
}

export async function consistencyProof(
  reader: NodeReader,
  first: number,
  second: number,
): Promise<Buffer[]> {
  return run(reader, consistencyPlan(first, second));
}
