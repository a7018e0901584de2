import { createHash } from 'node:crypto';

/** SHA-256 digests: every hash of the tree is 32 bytes. */
export const HASH_SIZE = 32;

const LEAF_PREFIX = Buffer.from([0x00]);
const NODE_PREFIX = Buffer.from([0x01]);

/**
 * RFC 9162 §2.1.1 leaf hash: SHA-256(0x00 ‖ leaf bytes). The prefix keeps a leaf from ever
 * hashing like an interior node (second-preimage attacks on the tree).
 */
export function leafHash(leaf: Uint8Array): Buffer {
  return createHash('sha256').update(LEAF_PREFIX).update(leaf).digest();
}

/** RFC 9162 §2.1.1 interior node hash: SHA-256(0x01 ‖ left ‖ right). */
export function nodeHash(left: Uint8Array, right: Uint8Array): Buffer {
  return createHash('sha256').update(NODE_PREFIX).update(left).update(right).digest();
}

/** The root of the empty tree: SHA-256 of no bytes. */
export const EMPTY_ROOT_HASH: Buffer = createHash('sha256').digest();
