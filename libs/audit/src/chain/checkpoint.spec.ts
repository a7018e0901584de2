import { createPrivateKey, createPublicKey, generateKeyPairSync, verify } from 'node:crypto';
import { GENESIS_HASH } from './chain-hash';
import {
  generateSigningKey,
  parseCheckpointPayload,
  publicKeyFromBase64,
  publicKeyFromPrivate,
  publicKeyToBase64,
  publicKeyToRaw,
  signCheckpoint,
  verifyCheckpoint,
} from './checkpoint';

const headHash = 'ab'.repeat(32);
const input = { chainId: 'main', seq: 42, headHash, createdAt: '2025-01-02T03:04:05.678Z' };

describe('signed checkpoints', () => {
  const keys = generateSigningKey();

  it('signs the canonical JSON of the checkpoint and verifies it', () => {
    const signed = signCheckpoint(keys.privateKeyPem, input);
    expect(signed.payload).toBe(
      `{"chainId":"main","createdAt":"2025-01-02T03:04:05.678Z","headHash":"${headHash}","seq":42}`,
    );
    expect(Buffer.from(signed.signature, 'base64')).toHaveLength(64);
    expect(verifyCheckpoint(keys.publicKeyPem, signed.payload, signed.signature)).toBe(true);
    expect(verifyCheckpoint(keys.publicKeyBase64, signed.payload, signed.signature)).toBe(true);
    expect(parseCheckpointPayload(signed.payload)).toEqual(input);
  });

  it('accepts a Date and a bigint-as-string seq, and signs the genesis position', () => {
    const signed = signCheckpoint(keys.privateKeyPem, {
      chainId: 'main',
      seq: '0',
      headHash: GENESIS_HASH,
      createdAt: new Date('2025-06-01T00:00:00Z'),
    });
    expect(parseCheckpointPayload(signed.payload)).toMatchObject({
      seq: 0,
      createdAt: '2025-06-01T00:00:00.000Z',
    });
  });

  it('rejects a tampered payload', () => {
    const signed = signCheckpoint(keys.privateKeyPem, input);
    const tampered = signed.payload.replace('"seq":42', '"seq":41');
    expect(verifyCheckpoint(keys.publicKeyPem, tampered, signed.signature)).toBe(false);
  });

  it('rejects a tampered or malformed signature without throwing', () => {
    const signed = signCheckpoint(keys.privateKeyPem, input);
    const bytes = Buffer.from(signed.signature, 'base64');
    bytes[0] ^= 1;
    expect(verifyCheckpoint(keys.publicKeyPem, signed.payload, bytes.toString('base64'))).toBe(
      false,
    );
    expect(verifyCheckpoint(keys.publicKeyPem, signed.payload, 'not base64!')).toBe(false);
    expect(verifyCheckpoint(keys.publicKeyPem, signed.payload, '')).toBe(false);
  });

  it('rejects a signature made with another key', () => {
    const other = generateSigningKey();
    const signed = signCheckpoint(other.privateKeyPem, input);
    expect(verifyCheckpoint(keys.publicKeyPem, signed.payload, signed.signature)).toBe(false);
  });

  it('lets a third party verify with only the raw 32-byte key', () => {
    const signed = signCheckpoint(keys.privateKeyPem, input);
    const raw = Buffer.from(keys.publicKeyBase64, 'base64');
    expect(raw).toHaveLength(32);
    expect(publicKeyToRaw(keys.publicKeyPem).equals(raw)).toBe(true);
    // What another library does with the raw key: wrap it in the fixed SPKI header for Ed25519.
    const spki = Buffer.concat([Buffer.from('302a300506032b6570032100', 'hex'), raw]);
    const foreignKey = createPublicKey({ key: spki, format: 'der', type: 'spki' });
    const message = Buffer.from(signed.payload, 'utf8');
    expect(verify(null, message, foreignKey, Buffer.from(signed.signature, 'base64'))).toBe(true);
    expect(publicKeyFromBase64(keys.publicKeyBase64)).toBe(keys.publicKeyPem);
  });

  it('matches RFC 8032 test vector 1 (key encoding and signature)', () => {
    const seed = '9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60';
    const pkcs8 = Buffer.concat([
      Buffer.from('302e020100300506032b657004220420', 'hex'),
      Buffer.from(seed, 'hex'),
    ]);
    const privateKeyPem = createPrivateKey({ key: pkcs8, format: 'der', type: 'pkcs8' })
      .export({ type: 'pkcs8', format: 'pem' })
      .toString();
    const publicKeyPem = publicKeyFromPrivate(privateKeyPem);
    expect(publicKeyToRaw(publicKeyPem).toString('hex')).toBe(
      'd75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a',
    );
    const signature = Buffer.from(
      'e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b',
      'hex',
    ).toString('base64');
    expect(verifyCheckpoint(publicKeyToBase64(publicKeyPem), '', signature)).toBe(true);
  });

  it('derives the public key from the private key alone', () => {
    expect(publicKeyFromPrivate(keys.privateKeyPem)).toBe(keys.publicKeyPem);
  });

  it('refuses keys that are not Ed25519', () => {
    const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const rsaPrivate = rsa.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    const rsaPublic = rsa.publicKey.export({ type: 'spki', format: 'pem' }).toString();
    expect(() => signCheckpoint(rsaPrivate, input)).toThrow(/Ed25519/);
    expect(() => verifyCheckpoint(rsaPublic, '{}', 'x')).toThrow(/Ed25519/);
  });

  it.each([
    ['an empty chainId', { chainId: '' }, /chainId/],
    ['a negative seq', { seq: -1 }, /seq/],
    ['a fractional seq', { seq: 1.5 }, /seq/],
    ['a zero-padded seq string', { seq: '042' }, /seq/],
    ['an uppercase head hash', { headHash: headHash.toUpperCase() }, /headHash/],
    ['a date without offset', { createdAt: '2025-01-02T03:04:05' }, /createdAt/],
    ['an invalid Date', { createdAt: new Date(NaN) }, /Invalid time value/],
  ])('refuses to sign %s', (_label, change, message) => {
    expect(() => signCheckpoint(keys.privateKeyPem, { ...input, ...change })).toThrow(message);
  });

  it('refuses payloads that are not canonical or carry other fields', () => {
    const signed = signCheckpoint(keys.privateKeyPem, input);
    expect(() => parseCheckpointPayload(` ${signed.payload}`)).toThrow(/not canonical/);
    expect(() => parseCheckpointPayload(signed.payload.replace('{', '{"extra":1,'))).toThrow(
      /object of/,
    );
    expect(() => parseCheckpointPayload('nope')).toThrow(/not JSON/);
  });
});
