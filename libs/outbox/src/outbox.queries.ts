/*
 * Raw SQL on outbox_events, the one table of this library: set-based statements for the relay
 * and the appender, and the relation the audit verifier joins.
 */

/**
 * Marks up to $1 unaudited rows as handed over (never-sent ones, and ones sent more than $2 ms
 * ago without an audit record since); rows another relay holds are skipped, not waited for.
 */
export const CLAIM_FOR_RELAY_SQL = `
  WITH claimed AS (
    UPDATE outbox_events o SET dispatched_at = now(), dispatch_count = o.dispatch_count + 1
     WHERE o.id IN (SELECT id FROM outbox_events
                     WHERE audited_at IS NULL AND rejected_at IS NULL
                       AND (dispatched_at IS NULL OR dispatched_at < now() - $2 * interval '1 millisecond')
                     ORDER BY id LIMIT $1
                     FOR UPDATE SKIP LOCKED)
     RETURNING o.id)
  SELECT id FROM claimed ORDER BY id`;

/** Hands the rows in $1 back, unless audited meanwhile: the next round sends them again. */
export const RELEASE_SQL =
  'UPDATE outbox_events SET dispatched_at = NULL WHERE id = ANY($1::bigint[]) AND audited_at IS NULL';

/** Which of the rows in $1 still wait for their audit record (rejected ones never get one). */
export const UNAUDITED_AMONG_SQL = `
  SELECT id FROM outbox_events
   WHERE id = ANY($1::bigint[]) AND audited_at IS NULL AND rejected_at IS NULL`;

/** The oldest $1 unaudited rows and the unaudited ones among $2, in id order. */
export const UNAUDITED_BATCH_SQL = `
  SELECT id, event_type, learner_id, payload, hmac FROM outbox_events
   WHERE audited_at IS NULL AND rejected_at IS NULL
     AND id IN ((SELECT id FROM outbox_events WHERE audited_at IS NULL AND rejected_at IS NULL
                  ORDER BY id LIMIT $1)
                UNION SELECT unnest($2::bigint[]))
   ORDER BY id`;

export const MARK_AUDITED_SQL =
  'UPDATE outbox_events SET audited_at = now() WHERE id = ANY($1::bigint[])';

/** Marks the rows in $1 rejected, each with the reason at the same place in $2. */
export const MARK_REJECTED_SQL = `
  UPDATE outbox_events o SET rejected_at = now(), rejection = r.reason
    FROM unnest($1::bigint[], $2::text[]) AS r(id, reason)
   WHERE o.id = r.id`;

/**
 * `(kind text, id text, state jsonb, outbox_id bigint)`: the row changes of outbox rows still on
 * their way into the audit log, for the audit verifier to select from as a subquery.
 */
export const PENDING_OUTBOX_CHANGES = `
  SELECT c.value->>'kind' AS kind, c.value->>'id' AS id, c.value->'state' AS state, o.id AS outbox_id
    FROM outbox_events o
   CROSS JOIN LATERAL jsonb_array_elements(
           CASE WHEN jsonb_typeof(o.payload->'changes') = 'array' THEN o.payload->'changes' ELSE '[]' END
         ) AS c(value)
   WHERE o.audited_at IS NULL AND o.rejected_at IS NULL`;

/**
 * `(id bigint, rejection text)`: rows the appender refused (their HMAC failed), for the audit
 * verifier to report.
 */
export const REJECTED_OUTBOX_ROWS = `
  SELECT id, rejection FROM outbox_events WHERE rejected_at IS NOT NULL`;
