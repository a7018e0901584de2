import {
  createHash,
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  KeyObject,
  sign,
  verify,
} from 'node:crypto';

/**
 * Plain Ed25519 (RFC 8032) over exact bytes, so that a third party needs only the signed text,
 * the 64-byte signature and the raw 32-byte public key, with any Ed25519 library: no PEM, no
 * JWS, no re-serialisation.
 */

export interface SigningKeyPair {
  /** PKCS#8 PEM; keep it secret (configuration, not the database). */
  privateKeyPem: string;
  /** SPKI PEM, what node:crypto and OpenSSL read. */
  publicKeyPem: string;
  /** The raw 32-byte public key, base64: what other Ed25519 libraries take. */
  publicKeyBase64: string;
}

const SIGNATURE_BASE64 = /^[A-Za-z0-9+/]{86}==$/;
const RAW_KEY_BASE64 = /^[A-Za-z0-9+/]{43}=$/;

export function generateSigningKey(): SigningKeyPair {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  const publicKeyPem = publicKey.export({ type: 'spki', format: 'pem' }).toString();
  return {
    privateKeyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    publicKeyPem,
    publicKeyBase64: publicKeyToBase64(publicKeyPem),
  };
}

/** The public key PEM of a private key, so configuration needs to hold only the private key. */
export function publicKeyFromPrivate(privateKeyPem: string): string {
  const publicKey = createPublicKey(ed25519Key(createPrivateKey(privateKeyPem)));
  return publicKey.export({ type: 'spki', format: 'pem' }).toString();
}

/** Ed25519 signature of the UTF-8 bytes of `text`, base64 (64 bytes). */
export function signText(privateKeyPem: string, text: string): string {
  const privateKey = ed25519Key(createPrivateKey(privateKeyPem));
  // Ed25519 hashes internally, hence no digest algorithm (null).
  return sign(null, Buffer.from(text, 'utf8'), privateKey).toString('base64');
}

/**
 * True when `signature` (base64) is a valid Ed25519 signature of exactly the UTF-8 bytes of
 * `text`. `publicKey` is an SPKI PEM or the raw key in base64. A malformed signature is simply
 * invalid (false); a malformed key is a configuration error and throws.
 */
export function verifyText(publicKey: string, text: string, signature: string): boolean {
  const key = toPublicKeyObject(publicKey);
  if (typeof text !== 'string' || typeof signature !== 'string') return false;
  if (!SIGNATURE_BASE64.test(signature)) return false;
  return verify(null, Buffer.from(text, 'utf8'), key, Buffer.from(signature, 'base64'));
}

/** The raw 32-byte Ed25519 public key (RFC 8032 encoding) from an SPKI PEM or raw base64. */
export function publicKeyToRaw(publicKey: string): Buffer {
  const jwk = toPublicKeyObject(publicKey).export({ format: 'jwk' });
  return Buffer.from(jwk.x as string, 'base64url');
}

export function publicKeyToBase64(publicKey: string): string {
  return publicKeyToRaw(publicKey).toString('base64');
}

/** SPKI PEM from a raw base64 public key, for tools that want PEM. */
export function publicKeyFromBase64(rawBase64: string): string {
  return toPublicKeyObject(rawBase64).export({ type: 'spki', format: 'pem' }).toString();
}

/** How heads name their key: SHA-256 of the 32 raw public key bytes, lowercase hex. */
export function keyFingerprint(publicKey: string): string {
  return createHash('sha256').update(publicKeyToRaw(publicKey)).digest('hex');
}

/** An Ed25519 public key from an SPKI PEM or the raw 32 bytes in base64, parsed once for many verifications. */
export function toPublicKeyObject(publicKey: string): KeyObject {
  if (typeof publicKey !== 'string') throw new TypeError('public key must be a string');
  if (RAW_KEY_BASE64.test(publicKey.trim())) {
    const x = Buffer.from(publicKey.trim(), 'base64').toString('base64url');
    return ed25519Key(createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x }, format: 'jwk' }));
  }
  return ed25519Key(createPublicKey(publicKey));
}

function ed25519Key(key: KeyObject): KeyObject {
  // Refuse RSA/EC keys early: node would sign with them and produce a different scheme.
  if (key.asymmetricKeyType !== 'ed25519') throw new TypeError('an Ed25519 key is required');
  return key;
}
