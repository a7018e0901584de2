import {
  createCipheriv,
  createDecipheriv,
  createHmac,
  createSecretKey,
  hkdfSync,
  KeyObject,
  randomBytes,
} from 'node:crypto';
import { IdType, isIdType, normaliseIdNumber } from './id-document';

/**
 * Identity numbers at rest: AES-256-GCM for the stored value, HMAC-SHA256 for look-ups.
 *
 * Two independent 32-byte keys, because the two jobs age differently: the encryption key can be
 * rotated by re-encrypting (the `v1` prefix names the format and key generation), while the
 * look-up key is baked into a unique index and rotating it means re-hashing every row. Reusing
 * one key for both would also let anyone holding the HMAC key decrypt. Deployments that prefer
 * a single secret use `fromMasterKey`, which derives both with HKDF-SHA256 (distinct `info`).
 */

export class IdentityDecryptionError extends Error {
  readonly code = 'ACCOUNTS.IDENTITY_UNREADABLE';
  constructor(reason: string) {
    // Never include the input: a tampered value may still carry most of a number.
    super(`identity ciphertext ${reason}`);
    this.name = 'IdentityDecryptionError';
  }
}

const FORMAT_VERSION = 'v1';
// GCM's native nonce size, random per value: NIST allows 2^32 such encryptions per key,
// far above the number of learners.
const IV_BYTES = 12;
const TAG_BYTES = 16;
// The version is bound as associated data, so a v1 body cannot be relabelled as another format.
const ASSOCIATED_DATA = Buffer.from(`credit-bank/identity/${FORMAT_VERSION}`, 'utf8');
const HKDF_SALT = Buffer.from('credit-bank-ledger/identity', 'utf8');
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/** A fresh random key in the form the constructor takes (for configuration and tests). */
export function generateIdentityKey(): string {
  return randomBytes(32).toString('base64');
}

export class IdentityCipher {
  // Key material as private KeyObjects: util.inspect, logging and JSON.stringify cannot show it.
  readonly #encryptionKey: KeyObject;
  readonly #lookupKey: KeyObject;

  /** Both keys are base64 of exactly 32 random bytes, and must differ. */
  constructor(encryptionKeyBase64: string, lookupKeyBase64: string) {
    const encryptionKey = decodeKey(encryptionKeyBase64, 'encryption key');
    const lookupKey = decodeKey(lookupKeyBase64, 'look-up key');
    if (encryptionKey.equals(lookupKey)) {
      throw new TypeError('the encryption and look-up keys must differ');
    }
    this.#encryptionKey = createSecretKey(encryptionKey);
    this.#lookupKey = createSecretKey(lookupKey);
  }

  /** Derives both keys from one 32-byte master key with HKDF-SHA256 (RFC 5869). */
  static fromMasterKey(masterKeyBase64: string): IdentityCipher {
    const master = decodeKey(masterKeyBase64, 'master key');
    const derive = (info: string): string =>
      Buffer.from(hkdfSync('sha256', master, HKDF_SALT, info, 32)).toString('base64');
    return new IdentityCipher(
      derive('aes-256-gcm encryption v1'),
      derive('hmac-sha256 look-up v1'),
    );
  }

  /** `v1.<iv>.<tag>.<ciphertext>`, each part standard base64; a new random IV every call. */
  encrypt(plain: string): string {
    if (typeof plain !== 'string') throw new TypeError('plain text must be a string');
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.#encryptionKey, iv, {
      authTagLength: TAG_BYTES,
    });
    cipher.setAAD(ASSOCIATED_DATA);
    const ciphertext = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    const tag = cipher.getAuthTag();
    return [FORMAT_VERSION, iv, tag, ciphertext]
      .map((part) => (typeof part === 'string' ? part : part.toString('base64')))
      .join('.');
  }

  /** Throws IdentityDecryptionError when the value is malformed, tampered or under another key. */
  decrypt(token: string): string {
    const parts = typeof token === 'string' ? token.split('.') : [];
    if (parts.length !== 4 || parts[0] !== FORMAT_VERSION) {
      throw new IdentityDecryptionError(`is not in the ${FORMAT_VERSION} format`);
    }
    const [iv, tag, ciphertext] = parts.slice(1).map(strictBase64);
    if (!iv || !tag || !ciphertext || iv.length !== IV_BYTES || tag.length !== TAG_BYTES) {
      throw new IdentityDecryptionError(`is not in the ${FORMAT_VERSION} format`);
    }
    try {
      const decipher = createDecipheriv('aes-256-gcm', this.#encryptionKey, iv, {
        authTagLength: TAG_BYTES,
      });
      decipher.setAAD(ASSOCIATED_DATA);
      decipher.setAuthTag(tag);
      return Buffer.concat([decipher.update(ciphertext), decipher.final()]).toString('utf8');
    } catch {
      throw new IdentityDecryptionError('failed authentication (tampered, or another key)');
    }
  }

  /**
   * Keyed hash for the unique index and for look-ups: HMAC-SHA256, lowercase hex, over the
   * UTF-8 of `${type}:${normalised number}`. Keyed so the index cannot be reversed by hashing
   * the (small) space of valid ID numbers; the type is included so equal numbers of different
   * documents stay distinct.
   */
  lookupHash(type: IdType, number: string): string {
    if (!isIdType(type)) throw new TypeError(`unknown document type ${String(type)}`);
    if (typeof number !== 'string') throw new TypeError('number must be a string');
    return createHmac('sha256', this.#lookupKey)
      .update(`${type}:${normaliseIdNumber(type, number)}`, 'utf8')
      .digest('hex');
  }
}

function decodeKey(base64: string, what: string): Buffer {
  const key = typeof base64 === 'string' ? strictBase64(base64.trim()) : undefined;
  if (!key || key.length !== 32)
    throw new TypeError(`the ${what} must be base64 of exactly 32 bytes`);
  return key;
}

/** Node's base64 decoder skips junk silently; only canonical padded base64 is accepted here. */
function strictBase64(value: string): Buffer | undefined {
  return BASE64.test(value) ? Buffer.from(value, 'base64') : undefined;
}
