import fc from 'fast-check';
import { EMPTY_ROOT_HASH, leafHash, nodeHash } from './merkle-hash';
import { MerkleFrontier } from './merkle-frontier';
import {
  consistencyPlan,
  consistencyProof,
  inclusionPlan,
  inclusionProof,
  MissingTreeNodeError,
  NodeReader,
  rootAt,
  StoredNode,
} from './merkle-proofs';
import { largestPowerOfTwoBelow, nodeKey } from './tree-shape';
import { verifyConsistency, verifyInclusion } from './verify-proofs';

/**
 * Proofs generated from stored perfect nodes equal RFC 9162's recursive definitions computed
 * over the leaves, verify for random sizes, and every kind of forgery fails.
 */

/** RFC 9162 §2.1.1 MTH, written as the RFC writes it (the reference, not the code under test). */
function mth(hashes: Buffer[]): Buffer {
  if (hashes.length === 0) return EMPTY_ROOT_HASH;
  if (hashes.length === 1) return hashes[0];
  const k = largestPowerOfTwoBelow(hashes.length);
  return nodeHash(mth(hashes.slice(0, k)), mth(hashes.slice(k)));
}

/** RFC 9162 §2.1.3.1 PATH(m, D[n]). */
function referencePath(m: number, hashes: Buffer[]): Buffer[] {
  if (hashes.length <= 1) return [];
  const k = largestPowerOfTwoBelow(hashes.length);
  return m < k
    ? [...referencePath(m, hashes.slice(0, k)), mth(hashes.slice(k))]
    : [...referencePath(m - k, hashes.slice(k)), mth(hashes.slice(0, k))];
}

/** RFC 9162 §2.1.4.1 SUBPROOF(m, D[n], b). */
function referenceSubproof(m: number, hashes: Buffer[], complete: boolean): Buffer[] {
  if (m === hashes.length) return complete ? [] : [mth(hashes)];
  const k = largestPowerOfTwoBelow(hashes.length);
  return m <= k
    ? [...referenceSubproof(m, hashes.slice(0, k), complete), mth(hashes.slice(k))]
    : [...referenceSubproof(m - k, hashes.slice(k), false), mth(hashes.slice(0, k))];
}

/** How many perfect nodes a tree of `size` leaves has: Σ floor(size / 2^level). */
function perfectNodeCount(size: number): number {
  let count = 0;
  for (let width = 1; width <= size; width *= 2) count += Math.floor(size / width);
  return count;
}

interface Tree {
  leaves: Buffer[];
  nodes: Map<string, StoredNode>;
  reader: NodeReader;
  reads: number;
}

function aTree(size: number): Tree {
  const frontier = MerkleFrontier.empty();
  const leaves: Buffer[] = [];
  const nodes = new Map<string, StoredNode>();
  for (let i = 0; i < size; i++) {
    const hash = leafHash(Buffer.from(`{"seq":${i + 1}}`, 'utf8'));
    leaves.push(hash);
    for (const node of frontier.append(hash)) nodes.set(nodeKey(node), node);
  }
  const tree: Tree = {
    leaves,
    nodes,
    reads: 0,
    reader: (addresses) => {
      tree.reads += 1;
      return Promise.resolve(addresses.flatMap((address) => nodes.get(nodeKey(address)) ?? []));
    },
  };
  return tree;
}

const hex = (hashes: Buffer[]): string[] => hashes.map((hash) => hash.toString('hex'));
const flipped = (hash: Buffer, bit = 0): Buffer => {
  const copy = Buffer.from(hash);
  copy[bit >> 3] ^= 1 << (bit & 7);
  return copy;
};

const sizes = fc.integer({ min: 1, max: 300 });
const inclusionCase = sizes.chain((size) =>
  fc.record({ size: fc.constant(size), leaf: fc.integer({ min: 0, max: size - 1 }) }),
);
const consistencyCase = fc
  .integer({ min: 2, max: 300 })
  .chain((second) =>
    fc.record({ second: fc.constant(second), first: fc.integer({ min: 1, max: second - 1 }) }),
  );

describe('the stored tree', () => {
  it('holds exactly the perfect nodes, and its root is MTH of the leaves at every size', () => {
    const frontier = MerkleFrontier.empty();
    const leaves: Buffer[] = [];
    let stored = 0;
    expect(frontier.root()).toEqual(EMPTY_ROOT_HASH);
    for (let size = 1; size <= 130; size++) {
      const hash = leafHash(Buffer.from([size]));
      leaves.push(hash);
      stored += frontier.append(hash).length;
      expect(stored).toBe(perfectNodeCount(size));
      expect(frontier.root()).toEqual(mth(leaves));
    }
  });

  it('continues from a stored frontier exactly as from the start', () => {
    const whole = aTree(45);
    const first = aTree(29);
    const resumed = MerkleFrontier.of(29, frontierNodes(first, 29));
    const more = whole.leaves.slice(29).flatMap((hash) => resumed.append(hash));
    for (const node of more) expect(node.hash).toEqual(whole.nodes.get(nodeKey(node))?.hash);
    expect(resumed.root()).toEqual(mth(whole.leaves));
    expect(() => MerkleFrontier.of(29, frontierNodes(first, 28))).toThrow(/needs node/);
  });

  it('reads a proof in one batch of at most 2·log2(n) nodes', async () => {
    const tree = aTree(1000);
    await inclusionProof(tree.reader, 517, 1000);
    await consistencyProof(tree.reader, 333, 1000);
    await rootAt(tree.reader, 999);
    expect(tree.reads).toBe(3);
    expect(inclusionPlan(517, 1000).addresses.length).toBeLessThanOrEqual(20);
    expect(consistencyPlan(333, 1000).addresses.length).toBeLessThanOrEqual(20);
  });

  it('says which node is missing instead of proving from a damaged store', async () => {
    const tree = aTree(10);
    tree.nodes.delete('0:8');
    await expect(inclusionProof(tree.reader, 9, 10)).rejects.toThrow(MissingTreeNodeError);
    await expect(inclusionProof(tree.reader, 9, 10)).rejects.toThrow(/level 0, index 8/);
  });
});

function frontierNodes(tree: Tree, size: number): StoredNode[] {
  const copy = MerkleFrontier.empty();
  for (const hash of tree.leaves.slice(0, size)) copy.append(hash);
  return [...copy.nodes()];
}

describe('inclusion proofs', () => {
  it('equal RFC 9162 PATH and verify, for random sizes and leaves', async () => {
    await fc.assert(
      fc.asyncProperty(inclusionCase, async ({ size, leaf }) => {
        const tree = aTree(size);
        const proof = await inclusionProof(tree.reader, leaf, size);
        expect(hex(proof)).toEqual(hex(referencePath(leaf, tree.leaves)));
        const root = await rootAt(tree.reader, size);
        expect(root).toEqual(mth(tree.leaves));
        const claim = {
          leafIndex: leaf,
          treeSize: size,
          leafHash: tree.leaves[leaf],
          path: proof,
          rootHash: root,
        };
        expect(verifyInclusion(claim)).toEqual({ valid: true });
      }),
      { numRuns: 150 },
    );
  });

  it('fail when forged in any way', async () => {
    await fc.assert(
      fc.asyncProperty(
        inclusionCase.filter(({ size }) => size >= 2),
        fc.nat(),
        async ({ size, leaf }, pick) => {
          const tree = aTree(size + 1);
          const leaves = tree.leaves.slice(0, size);
          const path = referencePath(leaf, leaves);
          const rootHash = mth(leaves);
          const honest = {
            leafIndex: leaf,
            treeSize: size,
            leafHash: leaves[leaf],
            path,
            rootHash,
          };
          expect(verifyInclusion(honest).valid).toBe(true);
          const at = pick % path.length;
          const forgeries = {
            'an altered path element': {
              path: path.map((h, i) => (i === at ? flipped(h, pick % 256) : h)),
            },
            'a wrong leaf': { leafHash: leaves[(leaf + 1) % size] },
            'a wrong index': { leafIndex: (leaf + 1 + (pick % (size - 1))) % size },
            'an index outside the tree': { leafIndex: size },
            // A size is only ever claimed with the root signed for it.
            'the head of a smaller tree': {
              treeSize: size - 1,
              rootHash: mth(leaves.slice(0, -1)),
            },
            'the head of a larger tree': { treeSize: size + 1, rootHash: mth(tree.leaves) },
            'a larger tree size with this root': { treeSize: size * 2 },
            'a truncated path': { path: path.slice(0, -1) },
            'a path without its first element': { path: path.slice(1) },
            'an extended path': { path: [...path, rootHash] },
            'a path element inserted': {
              path: [...path.slice(0, at), leaves[0], ...path.slice(at)],
            },
            'an altered root': { rootHash: flipped(rootHash, pick % 256) },
            'the root of the next tree': { rootHash: mth(tree.leaves) },
            'a short path element': { path: path.map((h, i) => (i === at ? h.subarray(1) : h)) },
          };
          for (const [kind, change] of Object.entries(forgeries)) {
            const check = verifyInclusion({ ...honest, ...change });
            expect({ kind, valid: check.valid }).toEqual({ kind, valid: false });
          }
        },
      ),
      { numRuns: 150 },
    );
  });
});

describe('consistency proofs', () => {
  it('equal RFC 9162 PROOF and verify, for random pairs of sizes', async () => {
    await fc.assert(
      fc.asyncProperty(consistencyCase, async ({ first, second }) => {
        const tree = aTree(second);
        const proof = await consistencyProof(tree.reader, first, second);
        expect(hex(proof)).toEqual(hex(referenceSubproof(first, tree.leaves, true)));
        const firstRoot = await rootAt(tree.reader, first);
        expect(firstRoot).toEqual(mth(tree.leaves.slice(0, first)));
        const claim = { first, second, firstRoot, secondRoot: mth(tree.leaves), path: proof };
        expect(verifyConsistency(claim)).toEqual({ valid: true });
      }),
      { numRuns: 150 },
    );
  });

  it('prove nothing between equal sizes but equal roots', async () => {
    const tree = aTree(7);
    await expect(consistencyProof(tree.reader, 7, 7)).resolves.toEqual([]);
    const root = mth(tree.leaves);
    expect(
      verifyConsistency({ first: 7, second: 7, firstRoot: root, secondRoot: root, path: [] }),
    ).toEqual({ valid: true });
    await expect(consistencyProof(tree.reader, 0, 7)).rejects.toThrow(RangeError);
    await expect(consistencyProof(tree.reader, 8, 7)).rejects.toThrow(RangeError);
  });

  it('fail when forged in any way', () => {
    fc.assert(
      fc.property(consistencyCase, fc.nat(), ({ first, second }, pick) => {
        const tree = aTree(second + 1);
        const leaves = tree.leaves.slice(0, second);
        const path = referenceSubproof(first, leaves, true);
        const firstRoot = mth(leaves.slice(0, first));
        const secondRoot = mth(leaves);
        const honest = { first, second, firstRoot, secondRoot, path };
        expect(verifyConsistency(honest).valid).toBe(true);
        const at = pick % path.length;
        const rewritten = [...leaves];
        rewritten[pick % first] = leafHash(Buffer.from('rewritten'));
        const forgeries = {
          'an altered path element': {
            path: path.map((h, i) => (i === at ? flipped(h, pick % 256) : h)),
          },
          'swapped sizes': { first: second, second: first },
          'swapped roots': { firstRoot: secondRoot, secondRoot: firstRoot },
          // A size is only ever claimed with the root signed for it.
          'the head of a smaller first tree':
            first > 1
              ? { first: first - 1, firstRoot: mth(leaves.slice(0, first - 1)) }
              : { first: 0, firstRoot: EMPTY_ROOT_HASH },
          'the head of a larger second tree': { second: second + 1, secondRoot: mth(tree.leaves) },
          'a doubled second size with this root': { second: second * 2 },
          'a truncated path': { path: path.slice(0, -1) },
          'a path without its first element': { path: path.slice(1) },
          'an extended path': { path: [...path, secondRoot] },
          'an empty path': { path: [] },
          'an altered first root': { firstRoot: flipped(firstRoot, pick % 256) },
          'an altered second root': { secondRoot: flipped(secondRoot, pick % 256) },
          'the second root of the next tree': { secondRoot: mth(tree.leaves) },
          'a history rewritten before the first size': {
            secondRoot: mth(rewritten),
            path: referenceSubproof(first, rewritten, true),
          },
        };
        for (const [kind, change] of Object.entries(forgeries)) {
          const check = verifyConsistency({ ...honest, ...change });
          expect({ kind, valid: check.valid }).toEqual({ kind, valid: false });
        }
      }),
      { numRuns: 150 },
    );
  });
});
