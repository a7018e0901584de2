import { createHash } from 'node:crypto';
import { canonicalJson } from '@app/core';

/** The `previousHash` of the first event (seq 1): 64 zero hex digits, i.e. 32 zero bytes. */
export const GENESIS_HASH = '0'.repeat(64);

const HASH_PATTERN = /^[0-9a-f]{64}$/;

/** True for a lowercase 64-digit hex SHA-256 digest, the only form the chain stores. */
export function isChainHash(value: unknown): value is string {
  return typeof value === 'string' && HASH_PATTERN.test(value);
}

/**
 * hash_n = SHA-256(hash_{n-1} ‖ canonical_json(event_n)), as lowercase hex.
 *
 * Exact bytes hashed, so that anyone can recompute a hash with any SHA-256 tool:
 *   1. the 64 ASCII characters of the previous hash in lowercase hex (not its 32 raw bytes),
 *      GENESIS_HASH for seq 1; then
 *   2. the UTF-8 bytes of the RFC 8785 canonical JSON of the event.
 * No separator and no length prefix: the first part always has exactly 64 bytes.
 * e.g. `printf '%s%s' "$prev" "$json" | sha256sum`.
 */
export function chainHash(previousHash: string, event: unknown): string {
  return chainHashOfJson(previousHash, canonicalJson(event));
}

/** chainHash over an event already in canonical JSON (the same text is the Merkle leaf's bytes). */
export function chainHashOfJson(previousHash: string, eventJson: string): string {
  // Uppercase or short hashes would hash differently from what is stored, so refuse them.
  if (!isChainHash(previousHash)) {
    throw new TypeError('previousHash must be 64 lowercase hex characters');
  }
  return createHash('sha256').update(previousHash, 'utf8').update(eventJson, 'utf8').digest('hex');
}
