import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Principal } from '@app/core';
import { Actor, OutboxEvent } from './outbox-events';
import { OutboxHmac } from './outbox-hmac';

export const OUTBOX_CHANNEL = 'outbox_events';

export function actorOf(principal: Principal): Actor {
  return {
    userId: principal.userId,
    username: principal.username,
    role: principal.role,
    institutionId: principal.institutionId,
    certificationBodyId: principal.certificationBodyId,
  };
}

/** What an outbox row stores and the audit log hashes: the event and when it was committed. */
export type OutboxPayload = OutboxEvent & { occurredAt: string };

/**
 * Writes the audit-bound event, with its HMAC, in the caller's transaction and wakes the relay
 * on commit (NOTIFY is delivered only if the transaction commits).
 */
@Injectable()
export class OutboxWriter {
  constructor(private readonly hmac: OutboxHmac) {}

  async append(manager: EntityManager, event: OutboxEvent): Promise<string> {
    const payload = payloadOf(event);
    // One round trip: the row and its wake-up call (delivered only if the transaction commits).
    const rows: { id: string }[] = await manager.query(
      `WITH inserted AS (
         INSERT INTO outbox_events (learner_id, event_type, payload, hmac) VALUES ($1, $2, $3, $4) RETURNING id
       )
       SELECT id, pg_notify($5, id::text) FROM inserted`,
      [
        event.learnerId,
        event.type,
        JSON.stringify(payload),
        this.hmac.sign(payload),
        OUTBOX_CHANNEL,
      ],
    );
    return rows[0].id;
  }

  /** Many events in one statement, in order, and one wake-up call: a batch's writes. */
  async appendMany(manager: EntityManager, events: readonly OutboxEvent[]): Promise<void> {
    if (events.length === 0) return;
    const payloads = events.map(payloadOf);
    await manager.query(
      `WITH inserted AS (
         INSERT INTO outbox_events (learner_id, event_type, payload, hmac)
         SELECT * FROM unnest($1::uuid[], $2::varchar[], $3::jsonb[], $4::char(64)[])
         RETURNING id
       )
       SELECT pg_notify($5, max(id)::text) FROM inserted`,
      [
        events.map((event) => event.learnerId),
        events.map((event) => event.type),
        payloads.map((payload) => JSON.stringify(payload)),
        payloads.map((payload) => this.hmac.sign(payload)),
        OUTBOX_CHANNEL,
      ],
    );
  }
}

function payloadOf(event: OutboxEvent): OutboxPayload {
  return {
    type: event.type,
    learnerId: event.learnerId,
    actor: event.actor,
    changes: event.changes,
    details: event.details,
    occurredAt: new Date().toISOString(),
  } as OutboxPayload;
}
