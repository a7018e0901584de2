/**
 * The audit event as hashed into the chain: the outbox payload ({type, learnerId, actor,
 * changes, details, occurredAt}) plus the outbox id, so the hash covers which outbox row it came
 * from. The `learner_id` and `event_type` columns are copies for querying; verification checks
 * that they still agree with the hashed event (a changed column could hide an event from a
 * learner's view without touching the hash).
 */
export type AuditEvent = Record<string, unknown> & { outboxId: string; type: string };

export function buildAuditEvent(outboxId: string, eventType: string, payload: unknown): AuditEvent {
  const body: Record<string, unknown> = isRecord(payload)
    ? { ...payload }
    : { data: payload ?? null };
  return { ...body, type: typeof body.type === 'string' ? body.type : eventType, outboxId };
}

export interface AuditColumns {
  outboxId: string | null;
  learnerId: string | null;
  eventType: string | null;
}

/** The column values a stored event must have. */
export function auditColumnsOf(event: unknown): AuditColumns {
  const record = isRecord(event) ? event : {};
  return {
    outboxId: typeof record.outboxId === 'string' ? record.outboxId : null,
    learnerId: typeof record.learnerId === 'string' ? record.learnerId : null,
    eventType: typeof record.type === 'string' ? record.type : null,
  };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
