import { firstLeafOf, leafHash, MerkleFrontier, NodeReader, nodeKey, StoredNode } from '../merkle';
import type { AuditProblem } from './audit-verifier.service';

/**
 * Rebuilds the Merkle tree from the records as they are stored (leaf = SHA-256(0x00 ‖
 * canonical JSON of the event)) and compares every node it completes with the stored node,
 * a batch of records at a time (one read per batch). Remembers its root at the sizes asked
 * for (signed heads, the pinned head), so heads are judged against the records themselves and
 * not against stored nodes an attacker could have rewritten together.
 */
export class TreeRecomputation {
  private pending: StoredNode[] = [];
  private readonly roots = new Map<number, Buffer>();
  private mismatch?: AuditProblem;

  constructor(
    private readonly reader: NodeReader,
    private readonly frontier: MerkleFrontier,
    private readonly watch: ReadonlySet<number> = new Set(),
  ) {
    this.remember();
  }

  /** Records folded in so far (the tree's size). */
  get size(): number {
    return this.frontier.size;
  }

  /** The first stored node that is missing or differs from its recomputation. */
  get problem(): AuditProblem | undefined {
    return this.mismatch;
  }

  /** Folds in the next record, given as the canonical JSON of its event. */
  push(eventJson: string): void {
    this.pending.push(...this.frontier.append(leafHash(Buffer.from(eventJson, 'utf8'))));
    this.remember();
  }

  /** Compares the nodes completed since the last call with the stored ones (one read). */
  async compare(): Promise<void> {
    const computed = this.pending;
    this.pending = [];
    if (this.mismatch || computed.length === 0) return;
    const stored = new Map(
      (await this.reader(computed)).map((node) => [nodeKey(node), Buffer.from(node.hash)]),
    );
    for (const node of computed) {
      const hash = stored.get(nodeKey(node));
      if (hash !== undefined && hash.equals(node.hash)) continue;
      const first = firstLeafOf(node) + 1;
      const last = first + 2 ** node.level - 1;
      const records = first === last ? `record ${first}` : `records ${first}..${last}`;
      this.mismatch = {
        code: hash === undefined ? 'TREE_NODE_MISSING' : 'TREE_NODE_MISMATCH',
        seq: first,
        detail: `tree node (level ${node.level}, index ${node.index}) over ${records} ${
          hash === undefined ? 'is not stored' : 'differs from the hash of the stored records'
        }`,
      };
      return;
    }
  }

  /** MTH of the first `size` records, if this recomputation passed that size and was asked to keep it. */
  rootAt(size: number): Buffer | undefined {
    return this.roots.get(size);
  }

  root(): Buffer {
    return this.frontier.root();
  }

  private remember(): void {
    if (this.watch.has(this.frontier.size))
      this.roots.set(this.frontier.size, this.frontier.root());
  }
}
