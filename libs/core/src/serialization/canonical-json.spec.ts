import { canonicalJson, CanonicalJsonError } from './canonical-json';

/** A double from its IEEE 754 bit pattern, as RFC 8785 Appendix B lists them. */
function fromBits(hex: string): number {
  return Buffer.from(hex, 'hex').readDoubleBE(0);
}

describe('canonicalJson', () => {
  it('matches the RFC 8785 §3.2.2 example (whitespace, numbers, string escapes, key order)', () => {
    const input = JSON.parse(
      '{"numbers": [333333333.33333329, 1E30, 4.50, 2e-3, 0.000000000000000000000000001],' +
        ' "string": "\\u20ac$\\u000F\\u000aA\'\\u0042\\u0022\\u005c\\\\\\"\\/",' +
        ' "literals": [null, true, false]}',
    ) as unknown;
    expect(canonicalJson(input)).toBe(
      '{"literals":[null,true,false],"numbers":[333333333.3333333,1e+30,4.5,0.002,1e-27],' +
        '"string":"€$\\u000f\\nA\'B\\"\\\\\\\\\\"/"}',
    );
  });

  it('sorts keys by UTF-16 code units (RFC 8785 §3.2.3), not by code point or locale', () => {
    const input = {
      '\u20ac': 'Euro Sign',
      '\r': 'Carriage Return',
      '\ufb33': 'Hebrew Letter Dalet With Dagesh',
      '1': 'One',
      '\ud83d\ude00': 'Emoji: Grinning Face',
      '\u0080': 'Control',
      '\u00f6': 'Latin Small Letter O With Diaeresis',
    };
    // U+1F600 is the surrogate pair D83D DE00, so it sorts before U+FB33 although its code point is larger.
    expect(canonicalJson(input)).toBe(
      '{"\\r":"Carriage Return","1":"One","\u0080":"Control",' +
        '"\u00f6":"Latin Small Letter O With Diaeresis","\u20ac":"Euro Sign",' +
        '"\ud83d\ude00":"Emoji: Grinning Face","\ufb33":"Hebrew Letter Dalet With Dagesh"}',
    );
  });

  it.each([
    ['0000000000000000', '0'],
    ['8000000000000000', '0'], // minus zero
    ['0000000000000001', '5e-324'],
    ['8000000000000001', '-5e-324'],
    ['7fefffffffffffff', '1.7976931348623157e+308'],
    ['ffefffffffffffff', '-1.7976931348623157e+308'],
    ['4340000000000000', '9007199254740992'],
    ['c340000000000000', '-9007199254740992'],
    ['4430000000000000', '295147905179352830000'],
    ['44b52d02c7e14af5', '9.999999999999997e+22'],
    ['44b52d02c7e14af6', '1e+23'],
    ['44b52d02c7e14af7', '1.0000000000000001e+23'],
    ['444b1ae4d6e2ef4e', '999999999999999700000'],
    ['444b1ae4d6e2ef50', '1e+21'],
    ['3eb0c6f7a0b5ed8c', '9.999999999999997e-7'],
    ['3eb0c6f7a0b5ed8d', '0.000001'],
    ['41b3de4355555553', '333333333.3333332'],
    ['41b3de4355555557', '333333333.33333343'],
    ['becbf647612f3696', '-0.0000033333333333333333'],
    ['43143ff3c1cb0959', '1424953923781206.2'],
  ])('formats the double 0x%s as %s (RFC 8785 Appendix B)', (bits, expected) => {
    expect(canonicalJson(fromBits(bits))).toBe(expected);
  });

  it('escapes only control characters, quote and backslash; other characters stay literal', () => {
    expect(canonicalJson('\u0000\u001f\b\t\n\f\r"\\')).toBe(
      '"\\u0000\\u001f\\b\\t\\n\\f\\r\\"\\\\"',
    );
    expect(canonicalJson('/\u007f\u2028\u2029é学分😀')).toBe('"/\u007f\u2028\u2029é学分😀"');
  });

  it('sorts nested objects and keeps array order', () => {
    expect(canonicalJson({ b: [{ z: 1, y: 2 }, 3], a: { d: null, c: 'x' } })).toBe(
      '{"a":{"c":"x","d":null},"b":[{"y":2,"z":1},3]}',
    );
  });

  it('accepts objects without a prototype and serialises them like plain ones', () => {
    const bare = Object.assign(Object.create(null) as object, { b: 1, a: 2 });
    expect(canonicalJson(bare)).toBe('{"a":2,"b":1}');
  });

  it.each<[string, unknown, RegExp]>([
    ['undefined at the top', undefined, /\$: undefined/],
    ['an undefined property', { a: { b: undefined } }, /\$\["a"\]\["b"\]: undefined/],
    ['an undefined array item', [1, undefined], /\$\[1\]: undefined/],
    ['a sparse array', [1, , 3], /\$\[1\]: array hole/], // eslint-disable-line no-sparse-arrays
    ['NaN', { n: NaN }, /NaN is not finite/],
    ['Infinity', [Infinity], /Infinity is not finite/],
    ['-Infinity', -Infinity, /-Infinity is not finite/],
    ['a bigint', { seq: 1n }, /bigint is not a JSON value/],
    ['a function', { f: () => 1 }, /function is not a JSON value/],
    ['a symbol', Symbol('x'), /symbol is not a JSON value/],
    ['a Date', { at: new Date(0) }, /Date is not a plain object/],
    ['a Map', new Map(), /Map is not a plain object/],
    ['a class instance', new (class Money {})(), /Money is not a plain object/],
    ['a Buffer', Buffer.from('x'), /Buffer is not a plain object/],
    ['a symbol key', { [Symbol('k')]: 1 }, /symbol-keyed property/],
    ['a lone surrogate in a string', '\ud800', /lone UTF-16 surrogate/],
    ['a lone surrogate in a key', { '\udc00': 1 }, /lone surrogate in key/],
  ])('refuses %s with a clear error', (_label, value, message) => {
    expect(() => canonicalJson(value)).toThrow(CanonicalJsonError);
    expect(() => canonicalJson(value)).toThrow(message);
  });

  it('refuses circular structures instead of overflowing the stack', () => {
    const loop: Record<string, unknown> = { a: 1 };
    loop.self = { back: loop };
    expect(() => canonicalJson(loop)).toThrow(/\$\["self"\]\["back"\]: circular reference/);
  });

  it('allows the same object twice when it is not its own ancestor', () => {
    const shared = { x: 1 };
    expect(canonicalJson({ a: shared, b: [shared] })).toBe('{"a":{"x":1},"b":[{"x":1}]}');
  });
});
