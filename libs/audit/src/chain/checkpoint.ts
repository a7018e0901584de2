import {
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  KeyObject,
  sign,
  verify,
} from 'node:crypto';
import { canonicalJson } from '@app/core';
import { isChainHash } from './chain-hash';

/**
 * Signed audit checkpoints. The payload is the RFC 8785 canonical JSON of
 * {chainId, createdAt, headHash, seq} and the signature is plain Ed25519 (RFC 8032) over its
 * UTF-8 bytes, so a third party needs only the payload string, the signature and the raw
 * 32-byte public key, with any Ed25519 library: no PEM, no JWS, no re-serialisation.
 */

export interface SigningKeyPair {
  /** PKCS#8 PEM; keep it secret (configuration, not the database). */
  privateKeyPem: string;
  /** SPKI PEM, what node:crypto and OpenSSL read. */
  publicKeyPem: string;
  /** The raw 32-byte public key, base64: what other Ed25519 libraries take. */
  publicKeyBase64: string;
}

export interface CheckpointInput {
  chainId: string;
  seq: number | string | bigint;
  headHash: string;
  createdAt: string | Date;
}

export interface CheckpointPayload {
  chainId: string;
  seq: number;
  headHash: string;
  createdAt: string;
}

export interface SignedCheckpoint {
  /** The exact canonical JSON text that was signed; publish it verbatim. */
  payload: string;
  /** Ed25519 signature over the UTF-8 bytes of `payload`, standard base64 (64 bytes). */
  signature: string;
}

const ISO_TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})$/;
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

export function signCheckpoint(privateKeyPem: string, input: CheckpointInput): SignedCheckpoint {
  const payload = canonicalJson(checkpointPayload(input));
  const privateKey = ed25519Key(createPrivateKey(privateKeyPem));
  // Ed25519 hashes internally, hence no digest algorithm (null).
  const signature = sign(null, Buffer.from(payload, 'utf8'), privateKey).toString('base64');
  return { payload, signature };
}

/**
 * True when `signature` is a valid Ed25519 signature of exactly these payload bytes.
 * `publicKey` is an SPKI PEM or the raw key in base64. A malformed signature is simply
 * invalid (false); a malformed key is a configuration error and throws.
 * Read the fields with parseCheckpointPayload afterwards.
 */
export function verifyCheckpoint(publicKey: string, payload: string, signature: string): boolean {
  const key = toPublicKeyObject(publicKey);
  if (typeof payload !== 'string' || typeof signature !== 'string') return false;
  if (!SIGNATURE_BASE64.test(signature)) return false;
  return verify(null, Buffer.from(payload, 'utf8'), key, Buffer.from(signature, 'base64'));
}

/** Parses and checks a signed payload; refuses text that is not in canonical form. */
export function parseCheckpointPayload(payload: string): CheckpointPayload {
  let parsed: unknown;
  try {
    parsed = JSON.parse(payload);
  } catch {
    throw new TypeError('checkpoint payload is not JSON');
  }
  const fields = parsed as Partial<Record<keyof CheckpointPayload, unknown>>;
  if (typeof parsed !== 'object' || parsed === null || Object.keys(parsed).length !== 4) {
    throw new TypeError(
      'checkpoint payload must be an object of chainId, seq, headHash, createdAt',
    );
  }
  const checked = checkpointPayload(fields as CheckpointInput);
  // Byte-identical re-serialisation proves the signed text is exactly these fields.
  if (canonicalJson(checked) !== payload)
    throw new TypeError('checkpoint payload is not canonical');
  return checked;
}

/** The raw 32-byte Ed25519 public key (RFC 8032 encoding) from an SPKI PEM. */
export function publicKeyToRaw(publicKeyPem: string): Buffer {
  const jwk = toPublicKeyObject(publicKeyPem).export({ format: 'jwk' });
  return Buffer.from(jwk.x as string, 'base64url');
}

export function publicKeyToBase64(publicKeyPem: string): string {
  return publicKeyToRaw(publicKeyPem).toString('base64');
}

/** SPKI PEM from a raw base64 public key, for tools that want PEM. */
export function publicKeyFromBase64(rawBase64: string): string {
  return toPublicKeyObject(rawBase64).export({ type: 'spki', format: 'pem' }).toString();
}

function checkpointPayload(input: CheckpointInput): CheckpointPayload {
  const { chainId, headHash } = input;
  if (typeof chainId !== 'string' || chainId.length === 0) {
    throw new TypeError('checkpoint chainId must be a non-empty string');
  }
  const seq = checkpointSeq(input.seq);
  if (!isChainHash(headHash)) throw new TypeError('checkpoint headHash must be 64 lowercase hex');
  const createdAt =
    input.createdAt instanceof Date ? input.createdAt.toISOString() : input.createdAt;
  if (
    typeof createdAt !== 'string' ||
    !ISO_TIMESTAMP.test(createdAt) ||
    Number.isNaN(Date.parse(createdAt))
  ) {
    throw new TypeError('checkpoint createdAt must be an ISO 8601 timestamp with offset');
  }
  return { chainId, seq, headHash, createdAt };
}

function checkpointSeq(value: unknown): number {
  let seq: unknown = value;
  if (typeof value === 'bigint') seq = Number(value);
  if (typeof value === 'string') seq = /^(0|[1-9]\d*)$/.test(value) ? Number(value) : NaN;
  if (typeof seq !== 'number' || !Number.isSafeInteger(seq) || seq < 0) {
    throw new TypeError('checkpoint seq must be a non-negative safe integer');
  }
  return seq;
}

function toPublicKeyObject(publicKey: string): KeyObject {
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
