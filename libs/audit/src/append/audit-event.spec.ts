import { chainHash, GENESIS_HASH } from '../chain';
import { auditColumnsOf, buildAuditEvent } from './audit-event';

describe('audit events', () => {
  const payload = {
    type: 'ledger.entry.recorded',
    learnerId: '0b0f5b6e-5b7a-4d8e-9c43-111111111111',
    actor: {
      userId: 'u',
      username: 'registrar-1',
      role: 'REGISTRAR',
      institutionId: 'i',
      certificationBodyId: null,
    },
    changes: [{ kind: 'ledger_entry', id: 'e-1', state: { id: 'e-1', kind: 'COURSE_CREDIT' } }],
    details: {},
    occurredAt: '2026-01-10T08:00:00.000Z',
  };

  it('is the outbox payload plus its outbox id, so the hash covers where it came from', () => {
    const event = buildAuditEvent('42', 'ignored', payload);
    expect(event).toEqual({ ...payload, outboxId: '42' });
    expect(chainHash(GENESIS_HASH, event)).not.toBe(
      chainHash(GENESIS_HASH, buildAuditEvent('43', 'ignored', payload)),
    );
  });

  it('takes the type from the row when the payload has none, and wraps a payload that is not an object', () => {
    expect(buildAuditEvent('1', 'system.note', { data: 1 })).toEqual({
      data: 1,
      type: 'system.note',
      outboxId: '1',
    });
    expect(buildAuditEvent('2', 'system.note', [1, 2])).toEqual({
      data: [1, 2],
      type: 'system.note',
      outboxId: '2',
    });
    expect(buildAuditEvent('3', 'system.note', null)).toEqual({
      data: null,
      type: 'system.note',
      outboxId: '3',
    });
  });

  it('derives the query columns from the hashed event', () => {
    expect(auditColumnsOf(buildAuditEvent('42', 'x', payload))).toEqual({
      outboxId: '42',
      learnerId: payload.learnerId,
      eventType: 'ledger.entry.recorded',
    });
    expect(auditColumnsOf({ type: 'x', outboxId: '1' })).toEqual({
      outboxId: '1',
      learnerId: null,
      eventType: 'x',
    });
  });
});
