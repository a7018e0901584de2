import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { chainHash, GENESIS_HASH } from '@app/audit';

/**
 * An attacker with write access to the database: switches off the append-only trigger (as the
 * table owner could) and edits audit_events by hand. Every method leaves the trigger enabled
 * again. `snapshot`/`restore` put the chain back between scenarios.
 */
export class ChainAttacker {
  constructor(private readonly dataSource: DataSource) {}

  async snapshot(): Promise<{ events: string; checkpoints: string }> {
    const [events] = await this.dataSource.query(
      `SELECT coalesce(json_agg(a ORDER BY seq), '[]')::text AS rows FROM audit_events a`,
    );
    const [checkpoints] = await this.dataSource.query(
      `SELECT coalesce(json_agg(c ORDER BY id), '[]')::text AS rows FROM audit_checkpoints c`,
    );
    return { events: events.rows, checkpoints: checkpoints.rows };
  }

  restore(saved: { events: string; checkpoints: string }): Promise<void> {
    return this.tamper(async (sql) => {
      await sql.query('DELETE FROM audit_events');
      await sql.query(
        'INSERT INTO audit_events SELECT * FROM json_populate_recordset(NULL::audit_events, $1::json)',
        [saved.events],
      );
      await sql.query('DELETE FROM audit_checkpoints');
      await sql.query(
        'INSERT INTO audit_checkpoints SELECT * FROM json_populate_recordset(NULL::audit_checkpoints, $1::json)',
        [saved.checkpoints],
      );
    });
  }

  /** Changes one character (one byte) of the actor's username in the event at `seq`. */
  changeOneByte(seq: number): Promise<void> {
    return this.tamper((sql) =>
      sql.query(
        `UPDATE audit_events SET event = jsonb_set(event, '{actor,username}',
           to_jsonb(left(event->'actor'->>'username', -1) ||
                    CASE WHEN right(event->'actor'->>'username', 1) = 'x' THEN 'y' ELSE 'x' END))
          WHERE seq = $1`,
        [seq],
      ),
    );
  }

  deleteRow(seq: number): Promise<void> {
    return this.tamper((sql) => sql.query('DELETE FROM audit_events WHERE seq = $1', [seq]));
  }

  /** Deletes the row and moves every later row down one place, so that seq stays gapless. */
  deleteAndRenumber(seq: number): Promise<void> {
    return this.tamper(async (sql) => {
      await sql.query('DELETE FROM audit_events WHERE seq = $1', [seq]);
      await sql.query('UPDATE audit_events SET seq = -(seq - 1) WHERE seq > $1', [seq]);
      await sql.query('UPDATE audit_events SET seq = -seq WHERE seq < 0');
    });
  }

  /** Exchanges the places of two rows. */
  swap(a: number, b: number): Promise<void> {
    return this.tamper(async (sql) => {
      await sql.query('UPDATE audit_events SET seq = -1 WHERE seq = $1', [a]);
      await sql.query('UPDATE audit_events SET seq = $1 WHERE seq = $2', [a, b]);
      await sql.query('UPDATE audit_events SET seq = $1 WHERE seq = -1', [b]);
    });
  }

  /** Makes room at `seq` and inserts a well-formed row there that links to its predecessor. */
  insertForged(seq: number, event: Record<string, unknown>): Promise<void> {
    return this.tamper(async (sql) => {
      await sql.query('UPDATE audit_events SET seq = -(seq + 1) WHERE seq >= $1', [seq]);
      await sql.query('UPDATE audit_events SET seq = -seq WHERE seq < 0');
      await this.insertRow(sql, seq, await this.hashAt(sql, seq - 1), event);
    });
  }

  /** Appends a well-formed row after the head: the chain itself stays consistent. */
  appendForged(event: Record<string, unknown>): Promise<number> {
    return this.tamper(async (sql) => {
      const [head] = await sql.query('SELECT max(seq)::int AS seq FROM audit_events');
      const seq = (head.seq as number) + 1;
      await this.insertRow(sql, seq, await this.hashAt(sql, seq - 1), event);
      return seq;
    });
  }

  truncateFrom(seq: number): Promise<void> {
    return this.tamper((sql) => sql.query('DELETE FROM audit_events WHERE seq >= $1', [seq]));
  }

  /** Edits the event at `seq` and recomputes every hash from there on: a consistent rewrite. */
  rewriteFrom(seq: number, edit: (event: Record<string, unknown>) => void): Promise<void> {
    return this.tamper(async (sql) => {
      const rows: { seq: string; event: Record<string, unknown> }[] = await sql.query(
        'SELECT seq, event FROM audit_events WHERE seq >= $1 ORDER BY seq',
        [seq],
      );
      let previous = await this.hashAt(sql, seq - 1);
      for (const [index, row] of rows.entries()) {
        if (index === 0) edit(row.event);
        const hash = chainHash(previous, row.event);
        await sql.query(
          'UPDATE audit_events SET event = $2, prev_hash = $3, hash = $4 WHERE seq = $1',
          [row.seq, JSON.stringify(row.event), previous, hash],
        );
        previous = hash;
      }
    });
  }

  /** Any other edit, with the append-only triggers off, as an attacker with database access would. */
  async tamper<T>(work: (sql: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(async (sql) => {
      await sql.query('ALTER TABLE audit_events DISABLE TRIGGER audit_events_append_only');
      await sql.query(
        'ALTER TABLE audit_checkpoints DISABLE TRIGGER audit_checkpoints_append_only',
      );
      const result = await work(sql);
      await sql.query('ALTER TABLE audit_checkpoints ENABLE TRIGGER audit_checkpoints_append_only');
      await sql.query('ALTER TABLE audit_events ENABLE TRIGGER audit_events_append_only');
      return result;
    });
  }

  private async hashAt(sql: EntityManager, seq: number): Promise<string> {
    if (seq === 0) return GENESIS_HASH;
    const rows: { hash: string }[] = await sql.query(
      'SELECT hash FROM audit_events WHERE seq = $1',
      [seq],
    );
    return rows[0].hash;
  }

  private async insertRow(
    sql: EntityManager,
    seq: number,
    previous: string,
    event: Record<string, unknown>,
  ): Promise<void> {
    await sql.query(
      `INSERT INTO audit_events (chain_id, seq, outbox_id, learner_id, event_type, event, prev_hash, hash)
       VALUES (1, $1, $2, $3, $4, $5, $6, $7)`,
      [
        seq,
        event.outboxId,
        event.learnerId ?? null,
        event.type,
        JSON.stringify(event),
        previous,
        chainHash(previous, event),
      ],
    );
  }
}

/** A well-formed ledger event for an entry that was never recorded, "by" a registrar of `school`. */
export function forgedEvent(
  learnerId: string,
  school: string,
  entryId: string,
): Record<string, unknown> {
  return {
    type: 'ledger.entry.recorded',
    learnerId,
    actor: {
      userId: randomUUID(),
      username: 'mallory',
      role: 'REGISTRAR',
      institutionId: school,
      certificationBodyId: null,
    },
    changes: [
      {
        kind: 'ledger_entry',
        id: entryId,
        state: { id: entryId, kind: 'COURSE_CREDIT', learnerId, credits: '99.00' },
      },
    ],
    details: {},
    occurredAt: new Date().toISOString(),
    outboxId: '900000',
  };
}
