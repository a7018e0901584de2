import { DataSource, EntityManager } from 'typeorm';
import { canonicalJson } from '@app/core';
import { AuditedTable, PENDING_OUTBOX_CHANGES, RowState } from '@app/outbox';
import { AUDIT_CHAIN_ID } from '../audit.constants';

export interface TableCoverage {
  /** The kind of row the log names (`ledger_entry`, `learner`, `user`, …). */
  kind: string;
  /** The prefix of this table's problem codes. */
  code: string;
  /** Rows in the table. */
  rows: number;
  /** Rows equal to the newest state the log records for them. */
  audited: number;
  /** Rows whose newest change is still on its way to the log (not a break: the pipeline is behind). */
  pending: number;
  /** Rows and records that disagree: modified, not audited, recorded without a row, recorded twice. */
  problems: number;
}

export interface ContentProblem {
  code: string;
  seq?: number;
  detail: string;
}

/** Rows read per page, and the examples kept of each problem (the rest are counted). */
const PAGE_SIZE = 1_000;
const EXAMPLES_PER_CODE = 10;
const SHOWN_VALUE_LENGTH = 80;

interface Expected {
  id: string;
  state: unknown;
  /** The record's position in the chain; null while the change is pending in the outbox. */
  seq: string | null;
  /** Records of this id in the chain. */
  records: number;
}

/**
 * The newest state of each row of one kind, by id in the "C" collation: from the chain, or
 * from the outbox when a newer change is still on its way. Newest means the highest outbox id:
 * writes to one row take its lock before their outbox insert, so that is the order they
 * happened in, whatever order the appender took them in.
 */
const EXPECTED_STATES_CURSOR = `
  DECLARE expected_states NO SCROLL CURSOR FOR
  SELECT DISTINCT ON (id COLLATE "C") id, state, seq::text AS seq,
         count(seq) OVER (PARTITION BY id)::int AS records
    FROM (SELECT c.value->>'id' AS id, c.value->'state' AS state, a.outbox_id, a.seq
            FROM audit_events a
           CROSS JOIN LATERAL jsonb_array_elements(
                   CASE WHEN jsonb_typeof(a.event->'changes') = 'array' THEN a.event->'changes' ELSE '[]' END
                 ) AS c(value)
           WHERE a.chain_id = $1 AND c.value->>'kind' = $2
          UNION ALL
          SELECT p.id, p.state, p.outbox_id, NULL
            FROM (${PENDING_OUTBOX_CHANGES}) AS p
           WHERE p.kind = $2) AS changes
   WHERE id IS NOT NULL
   ORDER BY id COLLATE "C", outbox_id DESC`;

/**
 * Compares every audited table's rows with what the log recorded for them (item 5 of DESIGN
 * §10): a merge join, in id order, of each table's pages with a cursor over the newest states,
 * in one read-only snapshot so that the rows, the chain and the outbox agree. Memory holds one
 * page of each side and a bounded number of examples, however large the tables.
 */
export async function checkTableContents(
  dataSource: DataSource,
  tables: readonly AuditedTable[],
): Promise<{ coverage: TableCoverage[]; problems: ContentProblem[] }> {
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  try {
    await runner.startTransaction('REPEATABLE READ');
    await runner.query('SET TRANSACTION READ ONLY');
    const coverage: TableCoverage[] = [];
    const problems: ContentProblem[] = [];
    for (const table of tables) {
      const result = await checkTable(runner.manager, table);
      coverage.push(result.coverage);
      problems.push(...result.problems);
    }
    return { coverage, problems };
  } finally {
    if (runner.isTransactionActive) await runner.rollbackTransaction();
    await runner.release();
  }
}

async function checkTable(
  manager: EntityManager,
  table: AuditedTable,
): Promise<{ coverage: TableCoverage; problems: ContentProblem[] }> {
  const coverage: TableCoverage = {
    kind: table.kind,
    code: table.code,
    rows: 0,
    audited: 0,
    pending: 0,
    problems: 0,
  };
  const found = new ProblemList(table.code);
  await manager.query(EXPECTED_STATES_CURSOR, [AUDIT_CHAIN_ID, table.kind]);
  let afterId: string | null = null;
  const rows = new Pages<{ id: string; state: RowState }>(async () => {
    const page = await table.states(manager, afterId, PAGE_SIZE);
    afterId = page.length ? page[page.length - 1].id : afterId;
    return { items: page, last: page.length < PAGE_SIZE };
  });
  const expected = new Pages<Expected>(async () => {
    const page: Expected[] = await manager.query(`FETCH ${PAGE_SIZE} FROM expected_states`);
    return { items: page, last: page.length < PAGE_SIZE };
  });
  for (;;) {
    const row = await rows.peek();
    const record = await expected.peek();
    const order = row && record ? compareIds(row.id, record.id) : row ? -1 : 1;
    if (row && order < 0) {
      coverage.rows += 1;
      found.add('ROW_NOT_AUDITED', null, `${table.kind} ${row.id} has no audit record`);
      rows.next();
    } else if (record && order > 0) {
      // A pending change whose row this snapshot lacks proves nothing yet; a record does.
      if (record.seq !== null)
        found.add(
          'RECORD_WITHOUT_ROW',
          record.seq,
          `the audit record at seq ${record.seq} names ${table.kind} ${record.id}, which does not exist`,
        );
      expected.next();
    } else if (row && record) {
      coverage.rows += 1;
      compareRow(table, row, record, coverage, found);
      rows.next();
      expected.next();
    } else break;
  }
  // Only after a clean pass: after an error the rollback closes the cursor.
  await manager.query('CLOSE expected_states');
  coverage.problems = found.total;
  return { coverage, problems: found.list() };
}

function compareRow(
  table: AuditedTable,
  row: { id: string; state: RowState },
  record: Expected,
  coverage: TableCoverage,
  found: ProblemList,
): void {
  if (table.immutable && record.records > 1)
    found.add(
      'RECORDED_TWICE',
      record.seq,
      `${table.kind} ${row.id} has ${record.records} audit records, though its rows never change`,
    );
  const differences = differingFields(record.state, row.state);
  if (differences.length === 0) {
    if (record.seq === null) coverage.pending += 1;
    else coverage.audited += 1;
    return;
  }
  const where = record.seq === null ? 'its pending outbox event' : `the log (seq ${record.seq})`;
  found.add(
    'ROW_MODIFIED',
    record.seq,
    `${table.kind} ${row.id} differs from ${where}: ${differences.join('; ')}`,
  );
}

/** `field: log <value>, row <value>` for each field whose canonical JSON differs. */
function differingFields(logged: unknown, current: RowState): string[] {
  const recorded = isRecord(logged) ? logged : {};
  const fields = [...new Set([...Object.keys(recorded), ...Object.keys(current)])].sort();
  const differences: string[] = [];
  for (const field of fields) {
    const before = shown(recorded[field]);
    const after = shown(current[field]);
    if (before !== after) differences.push(`${field}: log ${before}, row ${after}`);
  }
  return differences;
}

function shown(value: unknown): string {
  if (value === undefined) return '(absent)';
  const text = canonicalJson(value);
  return text.length > SHOWN_VALUE_LENGTH ? `${text.slice(0, SHOWN_VALUE_LENGTH)}…` : text;
}

/** Byte order of the UTF-8 text, which is what the "C" collation sorts by. */
function compareIds(a: string, b: string): number {
  return a === b ? 0 : Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** One side of the merge join: a page at a time, fetched when the previous one is used up. */
class Pages<T> {
  private items: T[] = [];
  private index = 0;
  private exhausted = false;

  constructor(private readonly fetch: () => Promise<{ items: T[]; last: boolean }>) {}

  async peek(): Promise<T | undefined> {
    if (this.index >= this.items.length && !this.exhausted) {
      const page = await this.fetch();
      this.items = page.items;
      this.index = 0;
      this.exhausted = page.last;
    }
    return this.items[this.index];
  }

  next(): void {
    this.index += 1;
  }
}

/** Problems of one table: every one counted, the first few of each code kept with their detail. */
class ProblemList {
  private readonly kept: ContentProblem[] = [];
  private readonly counts = new Map<string, number>();
  total = 0;

  constructor(private readonly prefix: string) {}

  add(suffix: string, seq: string | null, detail: string): void {
    const code = `${this.prefix}_${suffix}`;
    const count = (this.counts.get(code) ?? 0) + 1;
    this.counts.set(code, count);
    this.total += 1;
    if (count <= EXAMPLES_PER_CODE)
      this.kept.push({ code, ...(seq === null ? {} : { seq: Number(seq) }), detail });
  }

  list(): ContentProblem[] {
    const more = [...this.counts]
      .filter(([, count]) => count > EXAMPLES_PER_CODE)
      .map(([code, count]) => ({
        code,
        detail: `${count - EXAMPLES_PER_CODE} more of ${code} beyond the ${EXAMPLES_PER_CODE} shown`,
      }));
    return [...this.kept, ...more];
  }
}
