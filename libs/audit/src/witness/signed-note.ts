import { createHash, createPublicKey, KeyObject, verify } from 'node:crypto';
import { HASH_SIZE } from '../merkle';

/**
 * C2SP signed notes (https://c2sp.org/signed-note) carrying a tlog checkpoint
 * (https://c2sp.org/tlog-checkpoint), read the way an outsider reads them: with nothing but a
 * verifier key they pinned themselves.
 *
 * - The note is text ending in "\n", a blank line, then signature lines
 *   `— <key name> <base64(key id[4] ‖ Ed25519 signature[64])>\n`; the signature covers the text
 *   including its final newline.
 * - Key id = SHA-256(key name ‖ 0x0A ‖ 0x01 ‖ public key)[:4] (0x01: Ed25519).
 * - A verifier key is `<key name>+<hex key id>+<base64(0x01 ‖ public key)>`.
 * - The checkpoint text is `<origin>\n<tree size>\n<base64 root hash>\n`, then optional
 *   extension lines.
 */

const SIGNATURE_PREFIX = '\u2014 ';
const ED25519 = 0x01;
const SPKI_ED25519_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');

export interface NoteVerifierKey {
  name: string;
  keyId: Buffer;
  publicKey: KeyObject;
  /** The raw 32-byte public key. */
  raw: Buffer;
}

export interface TreeCheckpoint {
  origin: string;
  treeSize: number;
  rootHash: Buffer;
  /** The signed text, byte for byte. */
  text: string;
}

export class SignedNoteError extends Error {}

export function noteKeyId(name: string, rawPublicKey: Buffer): Buffer {
  return createHash('sha256')
    .update(name, 'utf8')
    .update(Buffer.from([0x0a, ED25519]))
    .update(rawPublicKey)
    .digest()
    .subarray(0, 4);
}

/** Parses `<name>+<hex key id>+<base64(0x01 ‖ key)>`, checking that the id matches the key. */
export function parseVerifierKey(text: string): NoteVerifierKey {
  const parts = text.trim().split('+');
  if (parts.length !== 3 || !parts[0] || !/^[0-9a-f]{8}$/.test(parts[1])) {
    throw new SignedNoteError(
      'a verifier key reads <key name>+<8 hex digits>+<base64 key>, as GET /v1/audit/keys lists it',
    );
  }
  const [name, hexId, encoded] = parts;
  const bytes = Buffer.from(encoded, 'base64');
  if (bytes.length !== 33 || bytes[0] !== ED25519 || bytes.toString('base64') !== encoded) {
    throw new SignedNoteError('the verifier key is not an Ed25519 key (0x01 ‖ 32 bytes, base64)');
  }
  const raw = bytes.subarray(1);
  const keyId = noteKeyId(name, raw);
  if (keyId.toString('hex') !== hexId) {
    throw new SignedNoteError(`the verifier key's id ${hexId} does not match its name and key`);
  }
  const publicKey = createPublicKey({
    key: Buffer.concat([SPKI_ED25519_PREFIX, raw]),
    format: 'der',
    type: 'spki',
  });
  return { name, keyId, publicKey, raw };
}

/** The checkpoint in `note`, if the pinned key signed it (see openNote). */
export function openCheckpointNote(note: string, key: NoteVerifierKey): TreeCheckpoint {
  return parseCheckpointText(openNote(note, key));
}

/**
 * The signed text of `note`, if the pinned key signed it. Signatures by other keys are ignored
 * (a note may carry witnesses' cosignatures); a bad signature by the pinned key refuses the note.
 */
export function openNote(note: string, key: NoteVerifierKey): string {
  const split = note.lastIndexOf('\n\n');
  if (split < 0 || !note.endsWith('\n')) {
    throw new SignedNoteError('not a signed note: no blank line before the signature lines');
  }
  const text = note.slice(0, split + 1);
  const signatures = note.slice(split + 2, -1).split('\n');
  let verified = false;
  for (const line of signatures) {
    if (!line.startsWith(SIGNATURE_PREFIX)) throw new SignedNoteError('malformed signature line');
    const [name, encoded, extra] = line.slice(SIGNATURE_PREFIX.length).split(' ');
    if (extra !== undefined || !encoded) throw new SignedNoteError('malformed signature line');
    const bytes = Buffer.from(encoded, 'base64');
    if (name !== key.name || bytes.length < 4 || !bytes.subarray(0, 4).equals(key.keyId)) continue;
    if (!verify(null, Buffer.from(text, 'utf8'), key.publicKey, bytes.subarray(4))) {
      throw new SignedNoteError(`the signature by ${key.name} does not verify`);
    }
    verified = true;
    break;
  }
  if (!verified) throw new SignedNoteError(`the note carries no signature by ${key.name}`);
  return text;
}

function parseCheckpointText(text: string): TreeCheckpoint {
  const [origin, size, root] = text.split('\n');
  const rootHash = Buffer.from(root ?? '', 'base64');
  if (!origin || !/^(0|[1-9]\d{0,15})$/.test(size ?? '') || rootHash.length !== HASH_SIZE) {
    throw new SignedNoteError(
      'the signed text is not a checkpoint (origin, tree size, base64 root)',
    );
  }
  const treeSize = Number(size);
  if (!Number.isSafeInteger(treeSize)) throw new SignedNoteError('the tree size is too large');
  return { origin, treeSize, rootHash, text };
}
