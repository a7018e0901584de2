import { AuditPublicKey, AuditTrust } from '../signing/audit-trust';
import { signText, verifyText } from '../signing/ed25519';
import {
  checkpointBody,
  formatSignedNote,
  noteKeyId,
  parseTreeHeadPayload,
  TreeHead,
  treeHeadPayload,
} from './tree-head-format';

/** A head as stored in audit_tree_heads (the signed texts, and the key they name). */
export interface StoredTreeHead {
  id: string;
  tree_size: string;
  root_hash: string;
  key_fingerprint: string;
  payload: string;
  signature: string;
  note_signature: string;
}

export interface SignedTreeHead {
  head: TreeHead;
  keyFingerprint: string;
  payload: string;
  signature: string;
  noteSignature: string;
}

export type TreeHeadProblemCode =
  'TREE_HEAD_MALFORMED' | 'TREE_HEAD_UNKNOWN_KEY' | 'TREE_HEAD_SIGNATURE_INVALID';

export type TreeHeadCheck =
  | { trusted: true; head: TreeHead; key: AuditPublicKey; columnsAgree: boolean }
  | { trusted: false; code: TreeHeadProblemCode; reason: string };

/** A head as served: the signed JSON and its fields, and the same head as a C2SP signed note. */
export interface TreeHeadView extends TreeHead {
  /** SHA-256 of the signing key's raw 32 bytes, hex: find the key under GET /v1/audit/keys. */
  keyFingerprint: string;
  algorithm: 'Ed25519';
  /** The exact canonical JSON that was signed: verify these bytes, do not re-serialise. */
  payload: string;
  /** Ed25519 signature of the UTF-8 bytes of `payload`, base64. */
  signature: string;
  /** The C2SP checkpoint of this head as a signed note (text/plain with `?format=note`). */
  note: string;
}

/** Signs a head with the current key, both as JSON and as a checkpoint note. */
export function signTreeHead(trust: AuditTrust, head: TreeHead): SignedTreeHead {
  if (trust.signingKeyPem === null) throw new Error('no AUDIT_SIGNING_KEY configured: cannot sign');
  const payload = treeHeadPayload(head);
  return {
    head: parseTreeHeadPayload(payload),
    keyFingerprint: trust.currentKey.fingerprint,
    payload,
    signature: signText(trust.signingKeyPem, payload),
    noteSignature: signText(trust.signingKeyPem, checkpointBody(head)),
  };
}

/**
 * Trusts a stored head only when the key it names is configured and both its signatures verify
 * with that key. Its fields are read from the signed payload, never from the other columns.
 */
export function checkTreeHead(trust: AuditTrust, stored: StoredTreeHead): TreeHeadCheck {
  let head: TreeHead;
  try {
    head = parseTreeHeadPayload(stored.payload);
  } catch (error) {
    return { trusted: false, code: 'TREE_HEAD_MALFORMED', reason: (error as Error).message };
  }
  const key = trust.key(stored.key_fingerprint.trim());
  if (key === undefined) {
    return {
      trusted: false,
      code: 'TREE_HEAD_UNKNOWN_KEY',
      reason: `it names key ${stored.key_fingerprint.trim()}, which is not configured`,
    };
  }
  if (
    !verifyText(key.publicKeyBase64, stored.payload, stored.signature) ||
    !verifyText(key.publicKeyBase64, checkpointBody(head), stored.note_signature)
  ) {
    return {
      trusted: false,
      code: 'TREE_HEAD_SIGNATURE_INVALID',
      reason: `its signatures do not verify with key ${key.fingerprint}`,
    };
  }
  const columnsAgree =
    stored.tree_size === String(head.treeSize) && stored.root_hash === head.rootHash;
  return { trusted: true, head, key, columnsAgree };
}

export function viewOfTreeHead(
  check: Extract<TreeHeadCheck, { trusted: true }>,
  stored: Pick<StoredTreeHead, 'payload' | 'signature' | 'note_signature'>,
): TreeHeadView {
  const { head, key } = check;
  const raw = Buffer.from(key.publicKeyBase64, 'base64');
  const note = formatSignedNote(checkpointBody(head), [
    {
      keyName: head.origin,
      keyId: noteKeyId(head.origin, raw).toString('hex'),
      signature: stored.note_signature,
    },
  ]);
  return {
    ...head,
    keyFingerprint: key.fingerprint,
    algorithm: 'Ed25519',
    payload: stored.payload,
    signature: stored.signature,
    note,
  };
}
