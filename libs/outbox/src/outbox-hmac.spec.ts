import { createHmac } from 'node:crypto';
import { OutboxHmac } from './outbox-hmac';

describe('OutboxHmac', () => {
  const key = Buffer.alloc(32, 7).toString('base64');
  const hmac = OutboxHmac.fromBase64(key);
  const payload = {
    type: 'learner.opened',
    learnerId: '6f1c1a52-8c1e-4c55-9a3e-3b1f0a7c2d10',
    actor: {
      userId: null,
      username: 'system',
      role: 'SYSTEM',
      institutionId: null,
      certificationBodyId: null,
    },
    changes: [
      { kind: 'learner', id: '6f1c1a52-8c1e-4c55-9a3e-3b1f0a7c2d10', state: { name: '王芳' } },
    ],
    details: {},
    occurredAt: '2026-01-10T08:00:00.000Z',
  };
  const row = (overrides: Partial<Parameters<OutboxHmac['check']>[0]> = {}) => ({
    event_type: payload.type,
    learner_id: payload.learnerId,
    payload,
    hmac: hmac.sign(payload),
    ...overrides,
  });

  it('is HMAC-SHA256 over the UTF-8 bytes of the canonical JSON, in lower-case hex', () => {
    const canonical =
      '{"actor":{"certificationBodyId":null,"institutionId":null,"role":"SYSTEM","userId":null,"username":"system"},' +
      '"changes":[{"id":"6f1c1a52-8c1e-4c55-9a3e-3b1f0a7c2d10","kind":"learner","state":{"name":"王芳"}}],' +
      '"details":{},"learnerId":"6f1c1a52-8c1e-4c55-9a3e-3b1f0a7c2d10","occurredAt":"2026-01-10T08:00:00.000Z","type":"learner.opened"}';
    const expected = createHmac('sha256', Buffer.alloc(32, 7))
      .update(Buffer.from(canonical, 'utf8'))
      .digest('hex');
    expect(hmac.sign(payload)).toBe(expected);
    expect(expected).toMatch(/^[0-9a-f]{64}$/);
  });

  it('accepts the row as written, whatever order the database gives its keys back in', () => {
    expect(hmac.check(row())).toBeNull();
    const { type, learnerId, actor, changes, details, occurredAt } = payload;
    const reordered = { occurredAt, details, changes, actor, learnerId, type };
    expect(hmac.check(row({ payload: reordered }))).toBeNull();
  });

  it('refuses a row without an HMAC, a changed payload, and an HMAC made under another key', () => {
    expect(hmac.check(row({ hmac: null }))).toBe('HMAC_MISSING');
    expect(hmac.check(row({ hmac: 'not hex' }))).toBe('HMAC_MISSING');
    expect(hmac.check(row({ payload: { ...payload, details: { forged: true } } }))).toBe(
      'HMAC_MISMATCH',
    );
    const other = OutboxHmac.fromBase64(Buffer.alloc(32, 8).toString('base64'));
    expect(hmac.check(row({ hmac: other.sign(payload) }))).toBe('HMAC_MISMATCH');
    expect(hmac.check(row({ payload: 'a string' }))).toBe('HMAC_MISMATCH');
  });

  it('refuses a signed payload whose query columns say something else', () => {
    expect(hmac.check(row({ event_type: 'ledger.entry.recorded' }))).toBe('COLUMNS_DISAGREE');
    expect(hmac.check(row({ learner_id: null }))).toBe('COLUMNS_DISAGREE');
  });
});
