import { createPrivateKey } from 'node:crypto';
import { ConfigError } from '@app/core';
import {
  CheckpointFields,
  isLogOrigin,
  noteKeyId,
  noteVerifierKey,
  parseCheckpointBody,
  parseSignedNote,
} from '../tree-heads/tree-head-format';
import {
  keyFingerprint,
  publicKeyFromBase64,
  publicKeyFromPrivate,
  publicKeyToRaw,
  verifyText,
} from './ed25519';

/** A public key the log's heads may be signed with. */
export interface AuditPublicKey {
  /** SHA-256 of the 32 raw key bytes, lowercase hex: how heads name their key. */
  fingerprint: string;
  /** `current` signs new heads; `retired` keys only verify older ones. */
  status: 'current' | 'retired';
  /** The raw 32-byte Ed25519 key, base64. */
  publicKeyBase64: string;
  publicKeyPem: string;
  /** The signed-note verifier key for the log's origin (`<origin>+<key id>+<key>`). */
  noteVerifierKey: string;
  /** The signed-note key id for the log's origin, 4 bytes hex. */
  noteKeyId: string;
}

/** A pinned head (AUDIT_TRUSTED_HEAD): the log's root at `treeSize` must be `rootHash`. */
export type TrustedHead = Pick<CheckpointFields, 'treeSize' | 'rootHash'>;

/** The settings trust is built from; AppConfig has them, and the verify CLI reads them from the environment. */
export interface AuditTrustSettings {
  auditLogOrigin: string;
  /** The private key (API and worker); the verify CLI may give only a public key instead. */
  auditSigningKey?: string | null;
  auditPublicKey?: string | null;
  auditRetiredPublicKeys?: string | null;
  auditTrustedHead?: string | null;
}

/**
 * Everything the log trusts, from configuration and never from the database: the key that
 * signs heads, the retired public keys whose heads still verify, and a pinned head. A bad
 * value stops the boot (ConfigError naming the setting).
 */
export class AuditTrust {
  readonly origin: string;
  /** PKCS#8 PEM of the current key; null where only verification runs (the verify CLI). */
  readonly signingKeyPem: string | null;
  /** The current key first, then the retired ones. */
  readonly keys: readonly AuditPublicKey[];
  readonly trustedHead: TrustedHead | null;

  constructor(settings: AuditTrustSettings) {
    if (!isLogOrigin(settings.auditLogOrigin)) {
      throw new ConfigError('AUDIT_LOG_ORIGIN', 'must be printable ASCII without spaces or "+"');
    }
    this.origin = settings.auditLogOrigin;
    this.signingKeyPem = settings.auditSigningKey ? readSigningKey(settings.auditSigningKey) : null;
    const currentPem = this.signingKeyPem
      ? publicKeyFromPrivate(this.signingKeyPem)
      : settings.auditPublicKey
        ? readPublicKey('AUDIT_PUBLIC_KEY', settings.auditPublicKey)
        : null;
    if (currentPem === null) {
      throw new ConfigError('AUDIT_SIGNING_KEY', 'is needed (or AUDIT_PUBLIC_KEY, to verify only)');
    }
    const retired = (settings.auditRetiredPublicKeys ?? '')
      .split(',')
      .map((entry) => entry.trim())
      .filter((entry) => entry.length > 0)
      .map((entry) => readPublicKey('AUDIT_RETIRED_PUBLIC_KEYS', entry));
    this.keys = [
      this.describe(currentPem, 'current'),
      ...retired.map((pem) => this.describe(pem, 'retired')),
    ].filter(
      (key, index, all) =>
        all.findIndex((other) => other.fingerprint === key.fingerprint) === index,
    );
    this.trustedHead = settings.auditTrustedHead
      ? this.readTrustedHead(settings.auditTrustedHead)
      : null;
  }

  get currentKey(): AuditPublicKey {
    return this.keys[0];
  }

  key(fingerprint: string): AuditPublicKey | undefined {
    return this.keys.find((key) => key.fingerprint === fingerprint);
  }

  /** The configured key that made this signed-note signature line, if any. */
  noteKey(keyName: string, keyId: string): AuditPublicKey | undefined {
    return keyName === this.origin ? this.keys.find((key) => key.noteKeyId === keyId) : undefined;
  }

  private describe(publicKeyPem: string, status: AuditPublicKey['status']): AuditPublicKey {
    const raw = publicKeyToRaw(publicKeyPem);
    return {
      fingerprint: keyFingerprint(publicKeyPem),
      status,
      publicKeyBase64: raw.toString('base64'),
      publicKeyPem,
      noteVerifierKey: noteVerifierKey(this.origin, raw),
      noteKeyId: noteKeyId(this.origin, raw).toString('hex'),
    };
  }

  /** `<treeSize>:<hex root>`, or a signed checkpoint note of this log signed by a configured key. */
  private readTrustedHead(value: string): TrustedHead {
    const text = value.trim().replace(/\\n/g, '\n');
    const pinned = /^(0|[1-9]\d*):([0-9a-f]{64})$/.exec(text);
    if (pinned) return { treeSize: Number(pinned[1]), rootHash: pinned[2] };
    try {
      const note = parseSignedNote(text.endsWith('\n') ? text : `${text}\n`);
      const fields = parseCheckpointBody(note.body);
      if (fields.origin !== this.origin) throw new TypeError(`its origin is not ${this.origin}`);
      const signed = note.signatures.some((line) => {
        const key = this.noteKey(line.keyName, line.keyId);
        return key !== undefined && verifyText(key.publicKeyBase64, note.body, line.signature);
      });
      if (!signed) throw new TypeError('no signature of it verifies with a configured key');
      return { treeSize: fields.treeSize, rootHash: fields.rootHash };
    } catch (error) {
      throw new ConfigError(
        'AUDIT_TRUSTED_HEAD',
        `must be <treeSize>:<64 hex root> or a signed tree head note of this log (${(error as Error).message})`,
      );
    }
  }
}

/**
 * The Ed25519 key that signs heads: PKCS#8 PEM (with real or escaped `\n` line breaks, as
 * environment files often carry them), or base64 of the PEM or of its DER bytes.
 */
export function parseSigningKey(value: string): string {
  const text = value.trim().replace(/\\n/g, '\n');
  if (text.startsWith('-----BEGIN')) return text;
  if (!/^[A-Za-z0-9+/\s]+=*$/.test(text)) throw new TypeError('not a PEM key and not base64');
  const bytes = Buffer.from(text, 'base64');
  const decoded = bytes.toString('utf8').trim();
  if (decoded.startsWith('-----BEGIN')) return decoded;
  return createPrivateKey({ key: bytes, format: 'der', type: 'pkcs8' })
    .export({ type: 'pkcs8', format: 'pem' })
    .toString();
}

function readSigningKey(value: string): string {
  try {
    const pem = parseSigningKey(value);
    publicKeyFromPrivate(pem);
    return pem;
  } catch (error) {
    throw new ConfigError(
      'AUDIT_SIGNING_KEY',
      `must be an Ed25519 private key, PKCS#8 PEM (${(error as Error).message})`,
    );
  }
}

/** An SPKI PEM (line breaks real or escaped) or the raw 32-byte key in base64, as SPKI PEM. */
function readPublicKey(setting: string, value: string): string {
  try {
    const text = value.trim().replace(/\\n/g, '\n');
    return publicKeyFromBase64(
      text.startsWith('-----BEGIN') ? publicKeyToRaw(text).toString('base64') : text,
    );
  } catch (error) {
    throw new ConfigError(
      setting,
      `must be Ed25519 public keys, raw 32 bytes in base64 or SPKI PEM (${(error as Error).message})`,
    );
  }
}
