import { EMPTY_ROOT_HASH, HASH_SIZE, nodeHash } from './merkle-hash';
import { foldRight, StoredNode } from './merkle-proofs';
import { frontierOf, isTreeSize, nodeKey } from './tree-shape';

/**
 * The right edge of a growing tree: the roots of the perfect subtrees that make up its leaves
 * so far (one per binary digit of the size, largest first). Appending a leaf completes the leaf
 * node and every perfect subtree it closes; those are exactly the nodes to store. The appender
 * starts from the stored frontier; the verifier starts from the empty tree and compares.
 */
export class MerkleFrontier {
  private constructor(
    private leaves: number,
    private readonly stack: StoredNode[],
  ) {}

  static empty(): MerkleFrontier {
    return new MerkleFrontier(0, []);
  }

  /** The frontier of a tree of `size` leaves from its stored nodes (any order); refuses a wrong set. */
  static of(size: number, nodes: readonly StoredNode[]): MerkleFrontier {
    if (!isTreeSize(size)) throw new RangeError('size must be a whole number ≥ 0');
    const byKey = new Map(nodes.map((node) => [nodeKey(node), node]));
    const stack = frontierOf(size).map((address) => {
      const node = byKey.get(nodeKey(address));
      if (node === undefined || node.hash.length !== HASH_SIZE) {
        throw new RangeError(
          `the frontier of a tree of ${size} leaves needs node (level ${address.level}, index ${address.index})`,
        );
      }
      return { level: node.level, index: node.index, hash: Buffer.from(node.hash) };
    });
    if (byKey.size !== stack.length) {
      throw new RangeError(`nodes outside the frontier of a tree of ${size} leaves were given`);
    }
    return new MerkleFrontier(size, stack);
  }

  get size(): number {
    return this.leaves;
  }

  /** Appends one leaf hash; returns the nodes it completes, the leaf first, then upwards. */
  append(leafHash: Uint8Array): StoredNode[] {
    if (leafHash.length !== HASH_SIZE) throw new RangeError(`a leaf hash is ${HASH_SIZE} bytes`);
    let node: StoredNode = { level: 0, index: this.leaves, hash: Buffer.from(leafHash) };
    const completed = [node];
    for (;;) {
      const left = this.stack[this.stack.length - 1];
      if (left === undefined || left.level !== node.level) break;
      this.stack.pop();
      node = { level: node.level + 1, index: left.index / 2, hash: nodeHash(left.hash, node.hash) };
      completed.push(node);
    }
    this.stack.push(node);
    this.leaves += 1;
    return completed;
  }

  /** The stored nodes the next append starts from. */
  nodes(): readonly StoredNode[] {
    return [...this.stack];
  }

  /** MTH of the leaves so far. */
  root(): Buffer {
    return this.stack.length === 0
      ? Buffer.from(EMPTY_ROOT_HASH)
      : foldRight(this.stack.map((node) => node.hash));
  }
}
