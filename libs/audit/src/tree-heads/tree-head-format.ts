import { createHash } from 'node:crypto';
import { canonicalJson } from '@app/core';
import { HASH_SIZE, isTreeSize } from '../merkle';

/**
 * The signed tree head, in its two public forms. Both are signed with the same Ed25519 key:
 *
 * JSON: the RFC 8785 canonical JSON of {origin, rootHash, timestamp, treeSize} (rootHash in
 * lowercase hex, timestamp as ISO 8601 UTC with milliseconds), signed as its UTF-8 bytes.
 *
 * Note: the C2SP tlog-checkpoint body `<origin>\n<treeSize>\n<base64 rootHash>\n`, signed as
 * its UTF-8 bytes, and served as a C2SP signed note: the body, an empty line, then
 * `— <origin> <base64(key id ‖ signature)>\n`, where the key id is the first 4 bytes of
 * SHA-256(<origin> ‖ 0x0A ‖ 0x01 ‖ the 32-byte public key) (signed-note, Ed25519).
 */

export interface TreeHead {
  origin: string;
  treeSize: number;
  /** MTH of the first treeSize records, lowercase hex. */
  rootHash: string;
  /** When the head was signed, ISO 8601 UTC (`Date.prototype.toISOString`). */
  timestamp: string;
}

/** What a checkpoint note states (it has no timestamp). */
export type CheckpointFields = Omit<TreeHead, 'timestamp'>;

export interface NoteSignature {
  keyName: string;
  /** 4 bytes, hex. */
  keyId: string;
  /** The Ed25519 signature, base64 (64 bytes). */
  signature: string;
}

export interface SignedNote {
  /** The signed text, ending in a newline. */
  body: string;
  signatures: NoteSignature[];
}

/** Ed25519's signature type byte in signed-note key ids and verifier keys. */
const ED25519_NOTE_TYPE = 0x01;
const ROOT_HEX = /^[0-9a-f]{64}$/;
const ISO_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
const DECIMAL = /^(0|[1-9]\d*)$/;
// C2SP: an origin (and a key name) has no Unicode spaces and no "+"; we keep it to printable ASCII.
const ORIGIN = /^[\x21-\x2a\x2c-\x7e]+$/;
const NOTE_SIGNATURE_LINE = /^\u2014 (\S+) ([A-Za-z0-9+/]+={0,2})$/;

export function isLogOrigin(value: unknown): value is string {
  return typeof value === 'string' && ORIGIN.test(value);
}

export function treeHeadPayload(head: TreeHead): string {
  return canonicalJson(checkedHead(head));
}

/** The fields of a signed payload; refuses text that is not exactly their canonical JSON. */
export function parseTreeHeadPayload(payload: string): TreeHead {
  let parsed: unknown;
  try {
    parsed = JSON.parse(payload);
  } catch {
    throw new TypeError('the tree head payload is not JSON');
  }
  if (typeof parsed !== 'object' || parsed === null || Object.keys(parsed).length !== 4) {
    throw new TypeError(
      'a tree head payload is an object of origin, treeSize, rootHash, timestamp',
    );
  }
  const head = checkedHead(parsed as TreeHead);
  // Byte-identical re-serialisation proves the signed text is exactly these fields.
  if (canonicalJson(head) !== payload)
    throw new TypeError('the tree head payload is not canonical');
  return head;
}

export function checkpointBody(fields: CheckpointFields): string {
  const { origin, treeSize, rootHash } = checkedHead({ ...fields, timestamp: EPOCH });
  return `${origin}\n${treeSize}\n${Buffer.from(rootHash, 'hex').toString('base64')}\n`;
}

export function parseCheckpointBody(body: string): CheckpointFields {
  const lines = body.split('\n');
  // Three lines and the final newline; C2SP extension lines are not used by this log.
  if (lines.length !== 4 || lines[3] !== '') {
    throw new TypeError('a checkpoint body is three lines: origin, tree size, base64 root hash');
  }
  const [origin, size, root] = lines;
  const rootBytes = Buffer.from(root, 'base64');
  if (
    !DECIMAL.test(size) ||
    rootBytes.length !== HASH_SIZE ||
    rootBytes.toString('base64') !== root
  ) {
    throw new TypeError('a checkpoint body has a decimal tree size and a base64 32-byte root hash');
  }
  const fields = { origin, treeSize: Number(size), rootHash: rootBytes.toString('hex') };
  checkedHead({ ...fields, timestamp: EPOCH });
  return fields;
}

/** The signed-note key id: the first 4 bytes of SHA-256(name ‖ 0x0A ‖ 0x01 ‖ raw public key). */
export function noteKeyId(keyName: string, rawPublicKey: Uint8Array): Buffer {
  return createHash('sha256')
    .update(keyName, 'utf8')
    .update(Buffer.from([0x0a, ED25519_NOTE_TYPE]))
    .update(rawPublicKey)
    .digest()
    .subarray(0, 4);
}

/** The signed-note verifier key `<name>+<hex key id>+<base64(0x01 ‖ key)>`, what note tools take. */
export function noteVerifierKey(keyName: string, rawPublicKey: Uint8Array): string {
  const keyId = noteKeyId(keyName, rawPublicKey).toString('hex');
  const key = Buffer.concat([Buffer.from([ED25519_NOTE_TYPE]), rawPublicKey]).toString('base64');
  return `${keyName}+${keyId}+${key}`;
}

export function formatSignedNote(body: string, signatures: readonly NoteSignature[]): string {
  const lines = signatures.map((entry) => {
    const bytes = Buffer.concat([
      Buffer.from(entry.keyId, 'hex'),
      Buffer.from(entry.signature, 'base64'),
    ]);
    return `\u2014 ${entry.keyName} ${bytes.toString('base64')}\n`;
  });
  return `${body}\n${lines.join('')}`;
}

export function parseSignedNote(text: string): SignedNote {
  const split = text.lastIndexOf('\n\n');
  if (split < 0 || !text.endsWith('\n')) {
    throw new TypeError('a signed note is its text, an empty line, then signature lines');
  }
  const body = text.slice(0, split + 1);
  const signatures = text
    .slice(split + 2, -1)
    .split('\n')
    .map((line) => {
      const match = NOTE_SIGNATURE_LINE.exec(line);
      const bytes = match ? Buffer.from(match[2], 'base64') : Buffer.alloc(0);
      if (!match || bytes.length !== 4 + 64) {
        throw new TypeError(`not an Ed25519 signed-note signature line: ${JSON.stringify(line)}`);
      }
      return {
        keyName: match[1],
        keyId: bytes.subarray(0, 4).toString('hex'),
        signature: bytes.subarray(4).toString('base64'),
      };
    });
  return { body, signatures };
}

const EPOCH = '1970-01-01T00:00:00.000Z';

function checkedHead(head: TreeHead): TreeHead {
  const { origin, treeSize, rootHash, timestamp } = head;
  if (!isLogOrigin(origin)) {
    throw new TypeError('a tree head origin is printable ASCII without spaces or "+"');
  }
  if (!isTreeSize(treeSize)) throw new TypeError('a tree head treeSize is a whole number ≥ 0');
  if (typeof rootHash !== 'string' || !ROOT_HEX.test(rootHash)) {
    throw new TypeError('a tree head rootHash is 64 lowercase hex digits');
  }
  // Date.prototype.toISOString's own form, so an impossible date (02-31) does not pass.
  if (typeof timestamp !== 'string' || !ISO_UTC.test(timestamp) || !isSameInstant(timestamp)) {
    throw new TypeError('a tree head timestamp is ISO 8601 UTC with milliseconds');
  }
  return { origin, treeSize, rootHash, timestamp };
}

function isSameInstant(timestamp: string): boolean {
  const date = new Date(timestamp);
  return !Number.isNaN(date.getTime()) && date.toISOString() === timestamp;
}
