import { createHash } from 'node:crypto';
import { chainHash, GENESIS_HASH, isChainHash } from './chain-hash';

describe('chainHash', () => {
  it('starts from 64 zero hex digits', () => {
    expect(GENESIS_HASH).toBe('0'.repeat(64));
    expect(isChainHash(GENESIS_HASH)).toBe(true);
  });

  it('hashes the hex text of the previous hash followed by the canonical JSON (sha256sum vector)', () => {
    // printf '%s%s' "$(printf '0%.0s' {1..64})" '{"a":1,"b":[true,null],"c":"€"}' | sha256sum
    expect(chainHash(GENESIS_HASH, { c: '€', b: [true, null], a: 1 })).toBe(
      '9d810c6c92664ac02090997d2cd625a1213aac828c9403851c0f0294287bcafb',
    );
  });

  it('equals SHA-256 over the concatenated UTF-8 bytes, with no separator', () => {
    const previous = chainHash(GENESIS_HASH, { n: 1 });
    const expected = createHash('sha256')
      .update(Buffer.from(`${previous}{"kind":"学分","n":2}`, 'utf8'))
      .digest('hex');
    expect(chainHash(previous, { n: 2, kind: '学分' })).toBe(expected);
  });

  it('does not depend on key order but does on every value and on the previous hash', () => {
    const base = chainHash(GENESIS_HASH, { a: 1, b: 2 });
    expect(chainHash(GENESIS_HASH, { b: 2, a: 1 })).toBe(base);
    expect(chainHash(GENESIS_HASH, { a: 1, b: 3 })).not.toBe(base);
    expect(chainHash('1'.repeat(64), { a: 1, b: 2 })).not.toBe(base);
    expect(isChainHash(base)).toBe(true);
  });

  it.each(['', 'abc', 'A'.repeat(64), '0'.repeat(63), `${'0'.repeat(63)}g`])(
    'refuses the previous hash %j',
    (previous) => {
      expect(() => chainHash(previous, {})).toThrow(/64 lowercase hex/);
    },
  );

  it('refuses events that are not JSON', () => {
    expect(() => chainHash(GENESIS_HASH, { at: new Date() })).toThrow(/not a plain object/);
  });
});
