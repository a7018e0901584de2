import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { canonicalJson } from '@app/core';
import { appendTreeLeaves, AUDIT_LOG_TABLES, chainHash, GENESIS_HASH, leafHash } from '@app/audit';

/** The log's tables as they stood, as JSON text per table. */
export type LogSnapshot = Record<(typeof AUDIT_LOG_TABLES)[number], string>;

/**
 * An attacker with write access to the database: switches off the append-only triggers (as the
 * table owner could) and edits the log's tables by hand. Every method leaves the triggers
 * enabled again. `snapshot`/`restore` put the log back between scenarios. Give it a connection
 * with the owner's rights (TestApp.superuser): the application's own may not do this.
 */
export class ChainAttacker {
  constructor(private readonly dataSource: DataSource) {}

  async snapshot(): Promise<LogSnapshot> {
    const saved: Partial<LogSnapshot> = {};
    for (const table of AUDIT_LOG_TABLES) {
      const [dump]: { rows: string }[] = await this.dataSource.query(
        `SELECT coalesce(json_agg(t), '[]')::text AS rows FROM ${table} t`,
      );
      saved[table] = dump.rows;
    }
    return saved as LogSnapshot;
  }

  restore(saved: LogSnapshot): Promise<void> {
    return this.tamper(async (sql) => {
      for (const table of AUDIT_LOG_TABLES) {
        await sql.query(`DELETE FROM ${table}`);
        await sql.query(
          `INSERT INTO ${table} SELECT * FROM json_populate_recordset(NULL::${table}, $1::json)`,
          [saved[table]],
        );
      }
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

  /** Appends a well-formed row after the head, and its tree nodes: chain and tree stay consistent. */
  appendForged(event: Record<string, unknown>): Promise<number> {
    return this.tamper(async (sql) => {
      const [head] = await sql.query('SELECT max(seq)::int AS seq FROM audit_events');
      const seq = (head.seq as number) + 1;
      await this.insertRow(sql, seq, await this.hashAt(sql, seq - 1), event);
      await appendTreeLeaves(sql, seq - 1, [leafHash(Buffer.from(canonicalJson(event), 'utf8'))]);
      return seq;
    });
  }

  /** Deletes the records from `seq` on and the tree nodes over them: what is left is consistent. */
  truncateFrom(seq: number): Promise<void> {
    return this.tamper(async (sql) => {
      await sql.query('DELETE FROM audit_events WHERE seq >= $1', [seq]);
      // Node (level, idx) covers records idx·2^level + 1 … (idx+1)·2^level.
      await sql.query('DELETE FROM audit_tree_nodes WHERE (idx + 1) * (2::numeric ^ level) >= $1', [
        seq,
      ]);
    });
  }

  /** Recomputes every tree node from the records as they now are, as an attacker covering a rewrite would. */
  rebuildTree(): Promise<void> {
    return this.tamper(async (sql) => {
      await sql.query('DELETE FROM audit_tree_nodes');
      const rows: { event: unknown }[] = await sql.query(
        'SELECT event FROM audit_events WHERE chain_id = 1 ORDER BY seq',
      );
      const leaves = rows.map((row) => leafHash(Buffer.from(canonicalJson(row.event), 'utf8')));
      await appendTreeLeaves(sql, 0, leaves);
    });
  }

  /** Deletes the stored tree heads: all of them, or only the newest. */
  deleteHeads(which: 'all' | 'newest'): Promise<void> {
    return this.tamper((sql) =>
      sql.query(
        which === 'all'
          ? 'DELETE FROM audit_tree_heads'
          : 'DELETE FROM audit_tree_heads WHERE id = (SELECT max(id) FROM audit_tree_heads)',
      ),
    );
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
      for (const table of AUDIT_LOG_TABLES) {
        await sql.query(`ALTER TABLE ${table} DISABLE TRIGGER ${table}_append_only`);
      }
      const result = await work(sql);
      for (const table of AUDIT_LOG_TABLES) {
        await sql.query(`ALTER TABLE ${table} ENABLE TRIGGER ${table}_append_only`);
      }
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
    data: { entry: { id: entryId, kind: 'COURSE_CREDIT', learnerId, credits: '99.00' } },
    occurredAt: new Date().toISOString(),
    outboxId: '900000',
  };
}
