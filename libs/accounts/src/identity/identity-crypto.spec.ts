import { createHmac, randomBytes } from 'node:crypto';
import { inspect } from 'node:util';
import { generateIdentityKey, IdentityCipher, IdentityDecryptionError } from './identity-crypto';

const encryptionKey = generateIdentityKey();
const lookupKey = generateIdentityKey();

describe('IdentityCipher', () => {
  const cipher = new IdentityCipher(encryptionKey, lookupKey);

  it.each(['11010519491231002X', '', '护照 E12345678 ✓'])('round-trips %j', (plain) => {
    expect(cipher.decrypt(cipher.encrypt(plain))).toBe(plain);
  });

  it('writes v1.<iv>.<tag>.<ciphertext> with a 12-byte IV and 16-byte tag, fresh each time', () => {
    const first = cipher.encrypt('11010519491231002X');
    const [version, iv, tag, body] = first.split('.');
    expect(version).toBe('v1');
    expect(Buffer.from(iv, 'base64')).toHaveLength(12);
    expect(Buffer.from(tag, 'base64')).toHaveLength(16);
    expect(Buffer.from(body, 'base64')).toHaveLength(18);
    expect(first).not.toContain('1101');
    expect(cipher.encrypt('11010519491231002X')).not.toBe(first);
  });

  it.each([1, 2, 3])('throws when part %i of the value is tampered with', (part) => {
    const parts = cipher.encrypt('11010519491231002X').split('.');
    const bytes = Buffer.from(parts[part], 'base64');
    bytes[0] ^= 0x01;
    parts[part] = bytes.toString('base64');
    expect(() => cipher.decrypt(parts.join('.'))).toThrow(IdentityDecryptionError);
    expect(() => cipher.decrypt(parts.join('.'))).toThrow(/failed authentication/);
  });

  it('throws under another encryption key', () => {
    const other = new IdentityCipher(generateIdentityKey(), lookupKey);
    expect(() => other.decrypt(cipher.encrypt('E12345678'))).toThrow(IdentityDecryptionError);
  });

  it.each([
    ['another version', (value: string) => value.replace(/^v1/, 'v2')],
    ['a missing part', (value: string) => value.split('.').slice(0, 3).join('.')],
    ['an extra part', (value: string) => `${value}.AAAA`],
    ['junk base64', (value: string) => value.replace(/\.[^.]+$/, '.!!!!')],
    ['a short IV', (value: string) => value.replace(/^v1\.[^.]+/, 'v1.AAAA')],
  ])('throws a format error for %s, without echoing the input', (_label, corrupt) => {
    const corrupted = corrupt(cipher.encrypt('11010519491231002X'));
    expect(() => cipher.decrypt(corrupted)).toThrow(/not in the v1 format/);
    try {
      cipher.decrypt(corrupted);
    } catch (error) {
      expect((error as IdentityDecryptionError).code).toBe('ACCOUNTS.IDENTITY_UNREADABLE');
      expect((error as Error).message).not.toContain(corrupted.split('.')[1]);
    }
  });

  it('gives the same look-up hash for the same document, however it was typed', () => {
    const hash = cipher.lookupHash('RESIDENT_ID', '11010519491231002X');
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(cipher.lookupHash('RESIDENT_ID', ' 11010519491231002x ')).toBe(hash);
    expect(
      new IdentityCipher(generateIdentityKey(), lookupKey).lookupHash(
        'RESIDENT_ID',
        '11010519491231002X',
      ),
    ).toBe(hash);
  });

  it('computes HMAC-SHA256 over "type:number" so other tools can reproduce it', () => {
    const expected = createHmac('sha256', Buffer.from(lookupKey, 'base64'))
      .update('PASSPORT:E12345678')
      .digest('hex');
    expect(cipher.lookupHash('PASSPORT', 'e12345678')).toBe(expected);
  });

  it('gives different hashes for a different type or a different key', () => {
    const hash = cipher.lookupHash('TW_PERMIT', '12345678');
    expect(cipher.lookupHash('HKMO_PERMIT', '12345678')).not.toBe(hash);
    expect(
      new IdentityCipher(encryptionKey, generateIdentityKey()).lookupHash('TW_PERMIT', '12345678'),
    ).not.toBe(hash);
    expect(() => cipher.lookupHash('OTHER' as never, '1')).toThrow(/unknown document type/);
  });

  it('refuses keys that are not 32 bytes of base64, or one key for both jobs', () => {
    expect(() => new IdentityCipher(randomBytes(16).toString('base64'), lookupKey)).toThrow(
      /32 bytes/,
    );
    expect(() => new IdentityCipher('not base64 at all!', lookupKey)).toThrow(/32 bytes/);
    expect(() => new IdentityCipher(encryptionKey, encryptionKey)).toThrow(/must differ/);
  });

  it('derives two distinct, stable keys from one master key with HKDF', () => {
    const master = generateIdentityKey();
    const first = IdentityCipher.fromMasterKey(master);
    const again = IdentityCipher.fromMasterKey(master);
    expect(again.decrypt(first.encrypt('M1234567890'))).toBe('M1234567890');
    expect(again.lookupHash('HKMO_PERMIT', 'M1234567890')).toBe(
      first.lookupHash('HKMO_PERMIT', 'M1234567890'),
    );
    expect(first.lookupHash('HKMO_PERMIT', 'M1234567890')).not.toBe(
      createHmac('sha256', Buffer.from(master, 'base64'))
        .update('HKMO_PERMIT:M1234567890')
        .digest('hex'),
    );
    expect(() => IdentityCipher.fromMasterKey(master).decrypt(cipher.encrypt('x'))).toThrow(
      IdentityDecryptionError,
    );
  });

  it('does not reveal key material when logged or serialised', () => {
    const shown = inspect(cipher, { showHidden: true, depth: 5 }) + JSON.stringify(cipher);
    expect(shown).not.toContain(encryptionKey);
    expect(shown).not.toContain(Buffer.from(lookupKey, 'base64').toString('hex'));
  });
});
