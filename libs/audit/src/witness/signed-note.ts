import { KeyObject, verify } from 'node:crypto';
import { toPublicKeyObject } from '../signing/ed25519';
import {
  CheckpointFields,
  noteKeyId,
  parseCheckpointBody,
  parseSignedNote,
} from '../tree-heads/tree-head-format';

/**
 * Reading the log's C2SP signed note (https://c2sp.org/signed-note) the way an outsider does:
 * with nothing but the verifier key they pinned themselves,
 * `<key name>+<hex key id>+<base64(0x01 ‖ 32-byte Ed25519 key)>` (GET /v1/audit/keys lists it).
 */

export interface NoteVerifierKey {
  name: string;
  /** 4 bytes, hex. */
  keyId: string;
  /** The raw 32-byte public key, base64. */
  publicKeyBase64: string;
  /** Parsed once: a witness may check many heads with it. */
  publicKey: KeyObject;
}

export interface TreeCheckpoint extends CheckpointFields {
  /** The signed text, byte for byte. */
  body: string;
}

export class SignedNoteError extends Error {}

/** Parses a verifier key, checking that its id is the one its name and key give. */
export function parseVerifierKey(text: string): NoteVerifierKey {
  // The name has no "+" and the id is hex; the base64 key may contain "+".
  const match = /^([^+\s]+)\+([0-9a-f]{8})\+(\S+)$/.exec(text.trim());
  if (!match) {
    throw new SignedNoteError(
      'a verifier key reads <key name>+<8 hex digits>+<base64 key>, as GET /v1/audit/keys lists it',
    );
  }
  const [, name, keyId, encoded] = match;
  const bytes = Buffer.from(encoded, 'base64');
  if (bytes.length !== 33 || bytes[0] !== 0x01 || bytes.toString('base64') !== encoded) {
    throw new SignedNoteError('the verifier key is not an Ed25519 key (0x01 ‖ 32 bytes, base64)');
  }
  const raw = bytes.subarray(1);
  if (noteKeyId(name, raw).toString('hex') !== keyId) {
    throw new SignedNoteError(`the verifier key's id ${keyId} does not match its name and key`);
  }
  const publicKeyBase64 = raw.toString('base64');
  return { name, keyId, publicKeyBase64, publicKey: toPublicKeyObject(publicKeyBase64) };
}

/**
 * The signed text of `note`, if the pinned key signed it. Signatures by other keys are ignored
 * (a note may carry witnesses' cosignatures); a bad signature by the pinned key refuses the note.
 */
export function openNote(note: string, key: NoteVerifierKey): string {
  let parsed;
  try {
    parsed = parseSignedNote(note);
  } catch (error) {
    throw new SignedNoteError((error as Error).message);
  }
  const signature = parsed.signatures.find(
    (entry) => entry.keyName === key.name && entry.keyId === key.keyId,
  );
  if (!signature) throw new SignedNoteError(`the note carries no signature by ${key.name}`);
  const signed = Buffer.from(parsed.body, 'utf8');
  if (!verify(null, signed, key.publicKey, Buffer.from(signature.signature, 'base64'))) {
    throw new SignedNoteError(`the signature by ${key.name} does not verify`);
  }
  return parsed.body;
}

/** The tree head a note states (origin, tree size, root), if the pinned key signed it. */
export function openCheckpointNote(note: string, key: NoteVerifierKey): TreeCheckpoint {
  const body = openNote(note, key);
  try {
    return { ...parseCheckpointBody(body), body };
  } catch (error) {
    throw new SignedNoteError(`the signed text is not a checkpoint: ${(error as Error).message}`);
  }
}
