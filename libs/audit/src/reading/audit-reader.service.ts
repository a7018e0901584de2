import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { LearnerNotFoundError } from '@app/accounts';
import { Principal, Role } from '@app/core';
import { AUDIT_CHAIN_ID } from '../audit.constants';

export interface AuditActorView {
  userId: string | null;
  username: string | null;
  role: string | null;
  institutionId: string | null;
  certificationBodyId: string | null;
}

/** One chain record as people read it: who (actor, role, scope) did what (type, data) and when. */
export interface AuditEventView {
  seq: string;
  chainId: number;
  outboxId: string;
  type: string;
  learnerId: string | null;
  actor: AuditActorView | null;
  /** When the change was committed by the application. */
  occurredAt: string | null;
  /** When the record joined the chain. */
  appendedAt: string;
  data: unknown;
  prevHash: string;
  hash: string;
  /** The record's Merkle leaf hash, hex: ask `GET /v1/audit/proofs/inclusion?seq=` for its proof. */
  leafHash: string | null;
}

export interface AuditEventPage {
  items: AuditEventView[];
  /** Pass as `afterSeq` for the next page; null on the last page. */
  nextCursor: string | null;
}

export interface AuditEventsQuery {
  learnerId?: string;
  afterSeq?: string;
  limit?: number;
}

interface EventRow {
  seq: string;
  outbox_id: string;
  learner_id: string | null;
  event_type: string;
  event: Record<string, unknown>;
  prev_hash: string;
  hash: string;
  leaf_hash: string | null;
  appended_at: Date;
}

/**
 * Reads the chain, oldest first, cursor-paged by seq. ADMIN reads everything or one learner;
 * a LEARNER reads only their own account (another learner's answers 404, as if it did not exist).
 */
@Injectable()
export class AuditReader {
  constructor(private readonly dataSource: DataSource) {}

  async page(principal: Principal, query: AuditEventsQuery): Promise<AuditEventPage> {
    const learnerId = this.visibleLearner(principal, query.learnerId);
    const limit = query.limit ?? 50;
    const after = query.afterSeq ?? '0';
    const rows: EventRow[] = await this.dataSource.query(
      `SELECT e.seq, e.outbox_id, e.learner_id, e.event_type, e.event, e.prev_hash, e.hash,
              encode(n.hash, 'hex') AS leaf_hash, e.appended_at
         FROM audit_events e
         LEFT JOIN audit_tree_nodes n ON n.chain_id = e.chain_id AND n.level = 0 AND n.idx = e.seq - 1
        WHERE e.chain_id = $1 AND e.seq > $2 ${learnerId === null ? '' : 'AND e.learner_id = $4'}
        ORDER BY e.seq LIMIT $3`,
      [AUDIT_CHAIN_ID, after, limit + 1, ...(learnerId === null ? [] : [learnerId])],
    );
    const items = rows.slice(0, limit).map(toView);
    return { items, nextCursor: rows.length > limit ? items[items.length - 1].seq : null };
  }

  private visibleLearner(principal: Principal, requested: string | undefined): string | null {
    if (principal.role === Role.ADMIN) return requested ?? null;
    if (principal.role === Role.LEARNER && principal.learnerId) {
      if (requested !== undefined && requested !== principal.learnerId)
        throw new LearnerNotFoundError();
      return principal.learnerId;
    }
    throw new LearnerNotFoundError();
  }
}

function toView(row: EventRow): AuditEventView {
  const event = row.event;
  const actor = isRecord(event.actor) ? event.actor : null;
  return {
    seq: row.seq,
    chainId: AUDIT_CHAIN_ID,
    outboxId: row.outbox_id,
    type: row.event_type,
    learnerId: row.learner_id,
    actor: actor && {
      userId: text(actor.userId),
      username: text(actor.username),
      role: text(actor.role),
      institutionId: text(actor.institutionId),
      certificationBodyId: text(actor.certificationBodyId),
    },
    occurredAt: text(event.occurredAt),
    appendedAt: row.appended_at.toISOString(),
    data: event.data ?? null,
    prevHash: row.prev_hash,
    hash: row.hash,
    leafHash: row.leaf_hash,
  };
}

function text(value: unknown): string | null {
  return typeof value === 'string' ? value : null;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
