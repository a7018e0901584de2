import {
  createHash,
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  verify,
} from 'node:crypto';
import {
  generateSigningKey,
  keyFingerprint,
  publicKeyFromBase64,
  publicKeyFromPrivate,
  publicKeyToBase64,
  publicKeyToRaw,
  signText,
  verifyText,
} from './ed25519';

const text =
  '{"origin":"example.org/log","rootHash":"ab","timestamp":"2025-01-02T03:04:05.678Z","treeSize":42}';

describe('Ed25519 over exact text', () => {
  const keys = generateSigningKey();

  it('signs the UTF-8 bytes and verifies with the PEM or the raw key', () => {
    const signature = signText(keys.privateKeyPem, text);
    expect(Buffer.from(signature, 'base64')).toHaveLength(64);
    expect(verifyText(keys.publicKeyPem, text, signature)).toBe(true);
    expect(verifyText(keys.publicKeyBase64, text, signature)).toBe(true);
  });

  it('rejects a changed text, a changed or malformed signature and another key, without throwing', () => {
    const signature = signText(keys.privateKeyPem, text);
    expect(verifyText(keys.publicKeyPem, text.replace('42', '41'), signature)).toBe(false);
    const bytes = Buffer.from(signature, 'base64');
    bytes[0] ^= 1;
    expect(verifyText(keys.publicKeyPem, text, bytes.toString('base64'))).toBe(false);
    expect(verifyText(keys.publicKeyPem, text, 'not base64!')).toBe(false);
    expect(verifyText(keys.publicKeyPem, text, '')).toBe(false);
    expect(verifyText(generateSigningKey().publicKeyPem, text, signature)).toBe(false);
  });

  it('lets a third party verify with only the raw 32-byte key', () => {
    const signature = signText(keys.privateKeyPem, text);
    const raw = Buffer.from(keys.publicKeyBase64, 'base64');
    expect(raw).toHaveLength(32);
    expect(publicKeyToRaw(keys.publicKeyPem).equals(raw)).toBe(true);
    // What another library does with the raw key: wrap it in the fixed SPKI header for Ed25519.
    const spki = Buffer.concat([Buffer.from('302a300506032b6570032100', 'hex'), raw]);
    const foreignKey = createPublicKey({ key: spki, format: 'der', type: 'spki' });
    const message = Buffer.from(text, 'utf8');
    expect(verify(null, message, foreignKey, Buffer.from(signature, 'base64'))).toBe(true);
    expect(publicKeyFromBase64(keys.publicKeyBase64)).toBe(keys.publicKeyPem);
  });

  it('names a key by the SHA-256 of its raw bytes (openssl pkey -pubin -outform DER | tail -c 32 | sha256sum)', () => {
    const raw = Buffer.from(keys.publicKeyBase64, 'base64');
    expect(keyFingerprint(keys.publicKeyPem)).toBe(createHash('sha256').update(raw).digest('hex'));
    expect(keyFingerprint(keys.publicKeyBase64)).toBe(keyFingerprint(keys.publicKeyPem));
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
    expect(signText(privateKeyPem, '')).toBe(signature);
    expect(verifyText(publicKeyToBase64(publicKeyPem), '', signature)).toBe(true);
  });

  it('refuses keys that are not Ed25519', () => {
    const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const rsaPrivate = rsa.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    const rsaPublic = rsa.publicKey.export({ type: 'spki', format: 'pem' }).toString();
    expect(() => signText(rsaPrivate, text)).toThrow(/Ed25519/);
    expect(() => verifyText(rsaPublic, text, 'x')).toThrow(/Ed25519/);
  });
});
