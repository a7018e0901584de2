import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ValidationFailedError } from '@app/core';
import { AUDIT_CHAIN_ID } from '../audit.constants';

/** One staff read of a learner's account, as the audit log recorded it. */
export interface AccessLogEntry {
  seq: string;
  /** When the read happened. */
  at: string;
  /** Which view was read: ACCOUNT, ENTRIES, ELIGIBILITY, IDENTITY_LOOKUP, … */
  view: string;
  viewer: {
    userId: string | null;
    username: string;
    role: string;
    institutionId: string | null;
    certificationBodyId: string | null;
  };
}

export interface AccessLogPage {
  items: AccessLogEntry[];
  /** Pass as `cursor` for the next (older) page; null on the last page. */
  nextCursor: string | null;
}

interface AccessRow {
  seq: string;
  at: string | null;
  view: string | null;
  user_id: string | null;
  username: string | null;
  role: string | null;
  institution_id: string | null;
  certification_body_id: string | null;
}

/**
 * The access log: who on the staff side read a learner's account, newest first. It is read from
 * the audit log itself (`learner.account.viewed` records), so it is as tamper-evident as the
 * rest; a read shows up once the worker has appended it, usually within a second.
 */
@Injectable()
export class AccessLogReader {
  constructor(private readonly dataSource: DataSource) {}

  async page(learnerId: string, cursor: string | undefined, limit: number): Promise<AccessLogPage> {
    // The cursor is the last page's oldest seq; anything else would fail the bigint cast (a 500).
    if (cursor !== undefined && !/^\d{1,18}$/.test(cursor)) {
      throw new ValidationFailedError([
        { field: 'cursor', message: 'cursor is not one this API issued' },
      ]);
    }
    const before = cursor === undefined ? null : cursor;
    const rows: AccessRow[] = await this.dataSource.query(
      `SELECT e.seq::text AS seq, e.event->>'occurredAt' AS at, e.event->'details'->>'view' AS view,
              e.event->'actor'->>'userId' AS user_id, e.event->'actor'->>'username' AS username,
              e.event->'actor'->>'role' AS role, e.event->'actor'->>'institutionId' AS institution_id,
              e.event->'actor'->>'certificationBodyId' AS certification_body_id
         FROM audit_events e
        WHERE e.chain_id = $1 AND e.learner_id = $2 AND e.event_type = 'learner.account.viewed'
          AND ($3::bigint IS NULL OR e.seq < $3::bigint)
        ORDER BY e.seq DESC LIMIT $4`,
      [AUDIT_CHAIN_ID, learnerId, before, limit + 1],
    );
    const items = rows.slice(0, limit).map((row) => ({
      seq: row.seq,
      at: row.at ?? '',
      view: row.view ?? '',
      viewer: {
        userId: row.user_id,
        username: row.username ?? '',
        role: row.role ?? '',
        institutionId: row.institution_id,
        certificationBodyId: row.certification_body_id,
      },
    }));
    return { items, nextCursor: rows.length > limit ? items[items.length - 1].seq : null };
  }
}
