import type { EntityManager } from 'typeorm';
import { AuditedKind, AuditedTable, RowChange, RowState } from './outbox-events';

/**
 * An audited table read through one SELECT list and one state function, for both sides: the
 * verifier's pages (the AuditedTable port) and the changes an area's event lists, read back in
 * the writing transaction. The event so holds the row as PostgreSQL prints it (ids in lower case,
 * decimals at their scale, times to the microsecond), not as the request said it, and the
 * verifier recomputes the same text. The table's key is a uuid `id`: PostgreSQL's uuid order is
 * the order of the ids' text in the "C" collation, as the port promises.
 */
export class AuditedSqlTable<Row extends { id: string }> implements AuditedTable {
  readonly kind: AuditedKind;
  readonly code: string;
  readonly immutable: boolean;
  private readonly from: string;
  private readonly columns: string;
  private readonly state: (row: Row) => RowState;

  constructor(table: {
    kind: AuditedKind;
    code: string;
    /** Rows never change once written: a second record of one id is reported. */
    immutable?: boolean;
    /** The table, aliased `t`, e.g. `courses t`. */
    from: string;
    /** The SELECT list, `t.id::text AS id` first. */
    columns: string;
    state: (row: Row) => RowState;
  }) {
    this.kind = table.kind;
    this.code = table.code;
    this.immutable = table.immutable ?? false;
    this.from = table.from;
    this.columns = table.columns;
    this.state = table.state;
  }

  async states(
    manager: EntityManager,
    afterId: string | null,
    limit: number,
  ): Promise<{ id: string; state: RowState }[]> {
    const rows: Row[] = await manager.query(
      `SELECT ${this.columns} FROM ${this.from}
        WHERE $1::uuid IS NULL OR t.id > $1::uuid ORDER BY t.id LIMIT $2`,
      [afterId, limit],
    );
    return rows.map((row) => ({ id: row.id, state: this.state(row) }));
  }

  /** The rows `ids` as stored now, in that order: what the writing transaction's event lists. */
  async changes(manager: EntityManager, ids: readonly string[]): Promise<RowChange[]> {
    if (ids.length === 0) return [];
    const rows: Row[] = await manager.query(
      `SELECT ${this.columns} FROM ${this.from} WHERE t.id = ANY($1::uuid[])`,
      [ids],
    );
    const byId = new Map(rows.map((row) => [row.id, row]));
    return ids.map((id) => {
      const row = byId.get(id);
      if (!row) throw new Error(`${this.kind} ${id} is not stored: its event cannot list it`);
      return { kind: this.kind, id: row.id, state: this.state(row) };
    });
  }
}
