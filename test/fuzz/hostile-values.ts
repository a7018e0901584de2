/**
 * What a hostile or careless client sends. Values are JSON values (placed into a body or a
 * query), path segments are already percent-encoded, raw bodies are sent byte for byte.
 * Each pool names its values so a failing case reads as what it is.
 */
export interface Named<T> {
  name: string;
  value: T;
}

const named = <T>(entries: [string, T][]): Named<T>[] =>
  entries.map(([name, value]) => ({ name, value }));

/** Wrong JSON types for any field. */
export const WRONG_TYPES = named<unknown>([
  ['zero', 0],
  ['minus one', -1],
  ['a fraction', 1.5],
  ['true', true],
  ['false', false],
  ['null', null],
  ['empty array', []],
  ['array of numbers', [1, 2]],
  ['array of strings', ['a', 'b']],
  ['empty object', {}],
  ['object', { a: 1 }],
  ['operator object', { $gt: '' }],
]);

export const STRINGS = named<string>([
  ['empty string', ''],
  ['a space', ' '],
  ['a tab', '\t'],
  ['201 characters', 'x'.repeat(201)],
  ['5,000 characters', 'y'.repeat(5_000)],
  ['40,000 CJK characters', '学'.repeat(40_000)],
  ['NUL', 'a\u0000b'],
  ['bell', '\u0007'],
  ['newline', 'a\nb'],
  ['NEL (C1 control)', 'a\u0085b'],
  ['right-to-left override', '\u202Egnp.exe'],
  ['zero-width space', '\u200B'],
  ['byte-order mark', '\uFEFF'],
  ['lone surrogate', 'a\uD800b'],
  ['lone low surrogate', '\uDC00学分'],
  ['zero-width joiner inside a name', '张\u200D伟'],
  ['first strong isolate', '课程\u2068evil\u2069'],
  ['word joiner', 'Web\u2060前端'],
  ['soft hyphen', 'soft\u00ADhyphen'],
  ['emoji', '🙂🎓'.repeat(50)],
  ['combining marks', 'e\u0301\u0301\u0301'],
  ['full-width', 'ＡＢＣ１２３'],
  ['Arabic', 'مرحبا'],
  ['SQL injection', "' OR 1=1 --"],
  ['SQL statement', "'; DROP TABLE ledger_entries; --"],
  ['SQL sleep', "1'; SELECT pg_sleep(10); --"],
  ['script tag', '<script>alert(1)</script>'],
  ['image onerror', '<img src=x onerror=alert(1)>'],
  ['template injection', '{{7*7}}${7*7}'],
  ['path traversal', '../../etc/passwd'],
  ['percent NUL', '%00'],
  ['JSON in a string', '{"role":"ADMIN"}'],
]);

export const NAN_LIKE = named<string>([
  ['NaN', 'NaN'],
  ['Infinity', 'Infinity'],
  ['-Infinity', '-Infinity'],
  ['1e309', '1e309'],
  ['-0', '-0'],
  ['hex', '0x10'],
  ['underscore digits', '1_000'],
  ['Arabic-Indic digits', '١٢٣'],
  ['padded', ' 1 '],
  ['plus sign', '+1'],
  ['exponent', '1e2'],
  ['leading dot', '.5'],
  ['trailing dot', '5.'],
  ['decimal comma', '1,5'],
  ['the word null', 'null'],
  ['the word undefined', 'undefined'],
  ['three decimals', '4.125'],
  ['negative', '-4'],
  ['seven digits', '1234567'],
]);

/** Decimal strings at and past the bounds the DTOs and numeric(5,2)/(6,2) columns allow. */
export const DECIMAL_EDGES = named<string>([
  ['999.99', '999.99'],
  ['9999.99', '9999.99'],
  ['99999.99', '99999.99'],
  ['999999.99', '999999.99'],
  ['0', '0'],
  ['0.00', '0.00'],
  ['leading zeros', '000004.50'],
  ['0.001', '0.001'],
]);

export const NUMBERS = named<number>([
  ['-1', -1],
  ['101', 101],
  ['100.01', 100.01],
  ['59.95', 59.95],
  ['0.1 + 0.2', 0.1 + 0.2],
  ['1e-7', 1e-7],
  ['2^31', 2_147_483_648],
  ['-2^31 - 1', -2_147_483_649],
  ['2^53 + 2', 9_007_199_254_740_994],
  ['1e308', 1e308],
  ['-1e308', -1e308],
  ['10000', 10_000],
]);

export const DATES = named<string>([
  ['30 February', '2023-02-30'],
  ['month 13', '2024-13-01'],
  ['month 0', '2024-00-10'],
  ['year 0', '0000-01-01'],
  ['year 9999', '9999-12-31'],
  ['the future', '2100-01-01'],
  ['1899', '1899-12-31'],
  ['with a time', '2024-02-29T00:00:00Z'],
  ['unpadded', '2024-2-3'],
  ['no dashes', '20240203'],
  ['trailing space', '2024-02-03 '],
  ['full-width digits', '２０２４-０１-０１'],
  ['ISO week', '2024-W01'],
  ['a word', 'yesterday'],
  ['29 February of a common year', '2023-02-29'],
  ['29 February 2025', '2025-02-29'],
]);

export const UUIDS = named<string>([
  ['not a UUID', 'not-a-uuid'],
  ['nil UUID', '00000000-0000-0000-0000-000000000000'],
  ['max UUID', 'ffffffff-ffff-ffff-ffff-ffffffffffff'],
  ['UUID in braces', '{7b0c3a52-1d1e-4c4f-9a55-3f1f6c1e2d4a}'],
  ['UUID without dashes', '7b0c3a521d1e4c4f9a553f1f6c1e2d4a'],
  ['UUID with a g', '7b0c3a52-1d1e-4c4f-9a55-3f1f6c1e2d4g'],
  ['UUID plus one digit', '7b0c3a52-1d1e-4c4f-9a55-3f1f6c1e2d4a0'],
  ['a random UUID that names nothing', '5d2f8a1e-9c3b-4e7d-8f6a-2b1c0d9e8f7a'],
  ['SQL in place of a UUID', "7b0c3a52-1d1e-4c4f-9a55-3f1f6c1e2d4a' OR '1'='1"],
]);

const base64url = (text: string) => Buffer.from(text).toString('base64url');

/**
 * Paging cursors that pass a `[A-Za-z0-9_-]` pattern but were never issued: the server must
 * decode and range-check them, not hand them to SQL as they are.
 */
export const FORGED_CURSORS = named<string>([
  ['base64url of "s:" and 19 nines (past bigint)', base64url('s:9999999999999999999')],
  ['base64url of "s:-1"', base64url('s:-1')],
  ['base64url of "s:0"', base64url('s:0')],
  [
    'base64url of an impossible time and a dashes-only id',
    base64url(`2024-13-45T99:99:99Z|${'-'.repeat(36)}`),
  ],
  [
    'base64url of year 9999 and a non-hex id',
    base64url('9999-12-31T23:59:59.999Z|zzzzzzzz-zzzz-zzzz-zzzz-zzzzzzzzzzzz'),
  ],
  [
    'base64url of 29 February 2025 (a common year) and a real id',
    base64url('2025-02-29T08:00:00.000Z|5d2f8a1e-9c3b-4e7d-8f6a-2b1c0d9e8f7a'),
  ],
  ['base64url of JSON', base64url('{"seq":"1 OR 1=1"}')],
  ['64 underscores', '_'.repeat(64)],
  ['a single dash', '-'],
]);

/**
 * Allowed by free-text rules (a reason; names refuse the joiner and the separator too), and
 * still hostile: what must be stored and shown inertly.
 */
export const BENIGN_HOSTILE = named<string>([
  ['SQL text', "Robert'); DROP TABLE learners;--"],
  ['script text', '<script>alert(document.cookie)</script>'],
  ['line separator', 'a\u2028b'],
  ['200 CJK characters', '学'.repeat(200)],
  ['emoji and ZWJ', '👩‍🎓👨‍🏫'],
  ['full-width and combining', 'ＷＥＢ e\u0301'],
]);

/** Path segments, already percent-encoded as a client would send them. */
export const PATH_SEGMENTS = named<string>([
  ['not a UUID', 'not-a-uuid'],
  ['a space', '%20'],
  ['dot', '.'],
  ['dot dot', '..'],
  ['encoded dot dot', '%2e%2e'],
  ['encoded slash', 'a%2Fb'],
  ['encoded NUL', '%00'],
  ['broken escape', '%zz'],
  ['lone percent', '%'],
  ['300 characters', 'x'.repeat(300)],
  ['4,000 characters', 'z'.repeat(4_000)],
  ['upper-case UUID', '7B0C3A52-1D1E-4C4F-9A55-3F1F6C1E2D4A'],
  ['UUID in braces', '%7B7b0c3a52-1d1e-4c4f-9a55-3f1f6c1e2d4a%7D'],
  ['SQL', encodeURIComponent("1' OR '1'='1")],
  ['right-to-left override', '%E2%80%AE'],
  ['emoji', encodeURIComponent('🙂')],
  ['invalid UTF-8', '%C3%28'],
  ['nil UUID', '00000000-0000-0000-0000-000000000000'],
  ['a random UUID that names nothing', '5d2f8a1e-9c3b-4e7d-8f6a-2b1c0d9e8f7a'],
  ['negative number', '-1'],
  ['NaN', 'NaN'],
]);

/** Whole bodies, sent as these exact bytes with the given content type. */
export interface RawBody {
  text: string;
  contentType?: string;
}

const nested = (depth: number, open: string, close: string, leaf = '1') =>
  open.repeat(depth) + leaf + close.repeat(depth);

export const RAW_BODIES = named<RawBody>([
  ['JSON array', { text: '[]' }],
  ['JSON null', { text: 'null' }],
  ['JSON true', { text: 'true' }],
  ['JSON number', { text: '1' }],
  ['JSON string', { text: '"hello"' }],
  ['empty', { text: '' }],
  ['truncated', { text: '{"a":' }],
  ['trailing comma', { text: '{"a":1,}' }],
  ['single quotes', { text: "{'a':1}" }],
  ['NaN literal', { text: '{"score":NaN}' }],
  ['1e999 (parses as Infinity)', { text: '{"score":1e999,"hours":1e999,"version":1e999}' }],
  ['byte-order mark', { text: '\uFEFF{}' }],
  ['trailing garbage', { text: '{}garbage' }],
  ['two documents', { text: '{}{}' }],
  ['__proto__ key', { text: '{"__proto__":{"role":"ADMIN"}}' }],
  ['constructor.prototype key', { text: '{"constructor":{"prototype":{"role":"ADMIN"}}}' }],
  ['nested 1,000 objects', { text: nested(1_000, '{"a":', '}') }],
  ['nested 10,000 objects', { text: nested(10_000, '{"a":', '}') }],
  ['nested 20,000 arrays', { text: nested(20_000, '[', ']') }],
  [
    'condition nested 5,000 deep',
    { text: `{"condition":${nested(5_000, '{"all":[', ']}', '{}')}}` },
  ],
  ['100,000-byte array (over the body limit)', { text: `[${'1,'.repeat(50_000)}1]` }],
  [
    'invalid UTF-8 bytes',
    { text: '{"name":"\u00c3\u0028"}', contentType: 'application/json; charset=latin1' },
  ],
  ['text/plain', { text: '{}', contentType: 'text/plain' }],
  ['form', { text: 'a=1&b=2', contentType: 'application/x-www-form-urlencoded' }],
  [
    'multipart',
    {
      text: '--x\r\ncontent-disposition: form-data; name="a"\r\n\r\n1\r\n--x--',
      contentType: 'multipart/form-data; boundary=x',
    },
  ],
  ['UTF-16 charset', { text: '{}', contentType: 'application/json; charset=utf-16' }],
  ['upper-case media type', { text: '{}', contentType: 'APPLICATION/JSON' }],
  ['vendor JSON', { text: '{}', contentType: 'application/vnd.api+json' }],
  ['no content type', { text: '{}', contentType: '' }],
]);

export const UNKNOWN_KEYS = named<string>([
  ['role', 'role'],
  ['isAdmin', 'isAdmin'],
  ['id', 'id'],
  ['learnerId', 'learnerId'],
  ['status', 'status'],
  ['$where', '$where'],
  ['CJK key', '学分'],
  ['empty key', ''],
  ['300-character key', 'k'.repeat(300)],
]);

export const IDEMPOTENCY_KEYS = named<string>([
  ['empty', ''],
  ['a space', ' '],
  ['129 characters', 'k'.repeat(129)],
  ['Latin-1 bytes', '\u00e9\u00ff'],
  ['a tab inside', 'a\tb'],
  ['SQL', "k' OR '1'='1"],
]);
