import {
  checkpointBody,
  formatSignedNote,
  parseCheckpointBody,
  parseSignedNote,
  parseTreeHeadPayload,
  TreeHead,
  treeHeadPayload,
} from './tree-head-format';

const head: TreeHead = {
  origin: 'example.org/log',
  treeSize: 7,
  rootHash: 'ab'.repeat(32),
  timestamp: '2026-01-02T03:04:05.678Z',
};

describe('the signed tree head formats', () => {
  it('is the canonical JSON of exactly four fields, parsed back only from that exact text', () => {
    const payload = treeHeadPayload(head);
    expect(payload).toBe(
      `{"origin":"example.org/log","rootHash":"${'ab'.repeat(32)}","timestamp":"2026-01-02T03:04:05.678Z","treeSize":7}`,
    );
    expect(parseTreeHeadPayload(payload)).toEqual(head);
    expect(() => parseTreeHeadPayload(` ${payload}`)).toThrow(/not canonical/);
    expect(() => parseTreeHeadPayload(payload.replace('{', '{"extra":1,'))).toThrow(/object of/);
    expect(() => parseTreeHeadPayload('nope')).toThrow(/not JSON/);
  });

  it.each([
    ['an origin with a space', { origin: 'a b' }],
    ['an origin with a plus', { origin: 'a+b' }],
    ['a negative size', { treeSize: -1 }],
    ['a fractional size', { treeSize: 1.5 }],
    ['an uppercase root', { rootHash: 'AB'.repeat(32) }],
    ['a short root', { rootHash: 'ab' }],
    ['a timestamp with an offset', { timestamp: '2026-01-02T03:04:05.678+08:00' }],
    ['an impossible date', { timestamp: '2026-02-31T03:04:05.678Z' }],
  ])('refuses %s', (_label, change) => {
    expect(() => treeHeadPayload({ ...head, ...change })).toThrow(TypeError);
  });

  it('writes the C2SP checkpoint body with the root in base64 and reads it back', () => {
    const body = checkpointBody(head);
    expect(body).toBe(
      `example.org/log\n7\n${Buffer.from(head.rootHash, 'hex').toString('base64')}\n`,
    );
    expect(parseCheckpointBody(body)).toEqual({
      origin: head.origin,
      treeSize: 7,
      rootHash: head.rootHash,
    });
    for (const bad of [
      body.slice(0, -1),
      `${body}extension\n`,
      body.replace('\n7\n', '\n07\n'),
      body.replace('=\n', '\n'),
    ]) {
      expect(() => parseCheckpointBody(bad)).toThrow(TypeError);
    }
  });

  it('writes and reads a signed note: body, empty line, one line per signature', () => {
    const signature = Buffer.alloc(64, 7).toString('base64');
    const note = formatSignedNote(checkpointBody(head), [
      { keyName: head.origin, keyId: '01020304', signature },
    ]);
    expect(note).toBe(
      `${checkpointBody(head)}\n\u2014 example.org/log ${Buffer.concat([Buffer.from('01020304', 'hex'), Buffer.alloc(64, 7)]).toString('base64')}\n`,
    );
    expect(parseSignedNote(note)).toEqual({
      body: checkpointBody(head),
      signatures: [{ keyName: head.origin, keyId: '01020304', signature }],
    });
    expect(() => parseSignedNote(checkpointBody(head))).toThrow(TypeError);
    expect(() => parseSignedNote(note.replace('\u2014', '-'))).toThrow(/signature line/);
    expect(() => parseSignedNote(note.slice(0, -1))).toThrow(TypeError);
  });
});
