/**
 * Where nodes sit in a log's Merkle tree. A node (level, index) is the root of a perfect subtree
 * of 2^level leaves, index·2^level to (index+1)·2^level − 1 (level 0: the leaf hashes). Only
 * such perfect nodes are stored; every other hash the tree needs (a root, a proof element) is a
 * right fold of a few of them. Sizes and indexes are plain numbers (safe integers): arithmetic,
 * never 32-bit bitwise operators.
 */
export interface NodeAddress {
  readonly level: number;
  readonly index: number;
}

/** A map key for an address. */
export function nodeKey(address: NodeAddress): string {
  return `${address.level}:${address.index}`;
}

/** The first leaf a node covers. */
export function firstLeafOf(address: NodeAddress): number {
  return address.index * 2 ** address.level;
}

/** True for a whole number 0 ≤ value < 2^53: more than any log will hold, and exact in a JavaScript number. */
export function isTreeSize(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
}

/** The largest power of two ≤ n (n ≥ 1). */
export function largestPowerOfTwoAtMost(n: number): number {
  let power = 1;
  while (power * 2 <= n) power *= 2;
  return power;
}

/** The largest power of two < n (n ≥ 2): the split point `k` of RFC 9162's MTH. */
export function largestPowerOfTwoBelow(n: number): number {
  return largestPowerOfTwoAtMost(n - 1);
}

/** log2 of a power of two, counted rather than computed in floating point. */
function levelOf(power: number): number {
  let level = 0;
  for (let width = 1; width < power; width *= 2) level += 1;
  return level;
}

export function isPowerOfTwo(n: number): boolean {
  return n >= 1 && largestPowerOfTwoAtMost(n) === n;
}

/**
 * The perfect subtrees whose right fold is MTH(D[start:end]), left to right: one per binary
 * digit of end − start, largest first. Holds for every range RFC 9162's recursion visits, which
 * all start at a multiple of their largest subtree; any other range is refused.
 */
export function subtreesOf(start: number, end: number): NodeAddress[] {
  if (!isTreeSize(start) || !isTreeSize(end) || end <= start) {
    throw new RangeError(`no subtrees in the leaf range [${start}, ${end})`);
  }
  const nodes: NodeAddress[] = [];
  let at = start;
  let size = largestPowerOfTwoAtMost(end - start);
  if (start % size !== 0) {
    throw new RangeError(`the leaf range [${start}, ${end}) is not one the tree hashes`);
  }
  let level = levelOf(size);
  while (at < end) {
    if (at + size <= end) {
      nodes.push({ level, index: at / size });
      at += size;
    }
    size /= 2;
    level -= 1;
  }
  return nodes;
}

/** The perfect subtrees that make up a tree of `size` leaves: its root is their right fold. */
export function frontierOf(size: number): NodeAddress[] {
  return size === 0 ? [] : subtreesOf(0, size);
}
