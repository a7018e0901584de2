import { HASH_SIZE, nodeHash } from './merkle-hash';
import { isPowerOfTwo, isTreeSize } from './tree-shape';

/**
 * Proof verification exactly as RFC 9162 §2.1.3.2 (inclusion) and §2.1.4.2 (consistency) write
 * it, for a third party as much as for the log itself: it needs the proof, the sizes and the
 * roots of signed tree heads, nothing from the log's database. A refusal says why in words.
 */

export type ProofCheck = { valid: true } | { valid: false; reason: string };

export interface InclusionClaim {
  leafIndex: number;
  treeSize: number;
  leafHash: Uint8Array;
  path: readonly Uint8Array[];
  rootHash: Uint8Array;
}

export interface ConsistencyClaim {
  first: number;
  second: number;
  firstRoot: Uint8Array;
  secondRoot: Uint8Array;
  path: readonly Uint8Array[];
}

const VALID: ProofCheck = { valid: true };
const refuse = (reason: string): ProofCheck => ({ valid: false, reason });

const isOdd = (n: number): boolean => n % 2 === 1;
const half = (n: number): number => Math.floor(n / 2);

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return Buffer.from(a).equals(Buffer.from(b));
}

function malformedHash(name: string, hash: Uint8Array): string | undefined {
  return hash.length === HASH_SIZE
    ? undefined
    : `${name} is ${hash.length} bytes, not ${HASH_SIZE}`;
}

function malformedPath(path: readonly Uint8Array[]): string | undefined {
  const bad = path.findIndex((element) => element.length !== HASH_SIZE);
  return bad < 0 ? undefined : malformedHash(`path[${bad}]`, path[bad]);
}

/** The root an inclusion path leads to, or why it leads nowhere (steps 1–4 of §2.1.3.2). */
function rootFromPath(claim: Omit<InclusionClaim, 'rootHash'>): Buffer | string {
  const { leafIndex, treeSize, leafHash, path } = claim;
  if (!isTreeSize(leafIndex) || !isTreeSize(treeSize)) {
    return 'leafIndex and treeSize must be whole numbers ≥ 0';
  }
  if (leafIndex >= treeSize) return `leaf ${leafIndex} is not in a tree of ${treeSize} leaves`;
  const malformed = malformedHash('leafHash', leafHash) ?? malformedPath(path);
  if (malformed) return malformed;
  let fn = leafIndex;
  let sn = treeSize - 1;
  let r: Buffer = Buffer.from(leafHash);
  for (const p of path) {
    if (sn === 0) return `the path is longer than a tree of ${treeSize} leaves needs`;
    if (isOdd(fn) || fn === sn) {
      r = nodeHash(p, r);
      if (!isOdd(fn)) {
        while (!isOdd(fn) && fn !== 0) {
          fn = half(fn);
          sn = half(sn);
        }
      }
    } else {
      r = nodeHash(r, p);
    }
    fn = half(fn);
    sn = half(sn);
  }
  if (sn !== 0) return `the path is shorter than a tree of ${treeSize} leaves needs`;
  return r;
}

/** RFC 9162 §2.1.3.2: leaf `leafIndex` with `leafHash` is in the tree of `treeSize` whose root is `rootHash`. */
export function verifyInclusion(claim: InclusionClaim): ProofCheck {
  const root = rootFromPath(claim);
  if (typeof root === 'string') return refuse(root);
  const malformed = malformedHash('rootHash', claim.rootHash);
  if (malformed) return refuse(malformed);
  return sameBytes(root, claim.rootHash)
    ? VALID
    : refuse('the path does not lead from the leaf hash to the root hash');
}

/**
 * RFC 9162 §2.1.4.2: the tree of `second` leaves with root `secondRoot` extends the tree of
 * `first` leaves with root `firstRoot`. Equal sizes need an empty path and equal roots (compared
 * byte for byte, as the transparency-dev vectors expect). A proof from the empty tree proves
 * nothing (every tree extends it) and is refused.
 */
export function verifyConsistency(claim: ConsistencyClaim): ProofCheck {
  const { first, second, firstRoot, secondRoot, path } = claim;
  if (!isTreeSize(first) || !isTreeSize(second)) {
    return refuse('first and second must be whole numbers ≥ 0');
  }
  if (first > second) return refuse(`first (${first}) is larger than second (${second})`);
  if (first === second) {
    if (path.length > 0) return refuse('equal sizes need an empty path');
    if (first === 0) return refuse('a proof from the empty tree proves nothing');
    return sameBytes(firstRoot, secondRoot) ? VALID : refuse('equal sizes but different roots');
  }
  if (first === 0) return refuse('a proof from the empty tree proves nothing');
  if (path.length === 0) return refuse('the path is empty');
  const malformed =
    malformedHash('firstRoot', firstRoot) ??
    malformedHash('secondRoot', secondRoot) ??
    malformedPath(path);
  if (malformed) return refuse(malformed);
  const elements = isPowerOfTwo(first) ? [firstRoot, ...path] : path;
  let fn = first - 1;
  let sn = second - 1;
  while (isOdd(fn)) {
    fn = half(fn);
    sn = half(sn);
  }
  let fr: Buffer = Buffer.from(elements[0]);
  let sr: Buffer = Buffer.from(elements[0]);
  for (const c of elements.slice(1)) {
    if (sn === 0) return refuse(`the path is longer than sizes ${first} and ${second} need`);
    if (isOdd(fn) || fn === sn) {
      fr = nodeHash(c, fr);
      sr = nodeHash(c, sr);
      if (!isOdd(fn)) {
        while (!isOdd(fn) && fn !== 0) {
          fn = half(fn);
          sn = half(sn);
        }
      }
    } else {
      sr = nodeHash(sr, c);
    }
    fn = half(fn);
    sn = half(sn);
  }
  if (sn !== 0) return refuse(`the path is shorter than sizes ${first} and ${second} need`);
  if (!sameBytes(fr, firstRoot)) return refuse('the path does not lead to the first root');
  if (!sameBytes(sr, secondRoot)) return refuse('the path does not lead to the second root');
  return VALID;
}
