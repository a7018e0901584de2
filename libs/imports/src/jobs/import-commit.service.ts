import { Injectable, Logger } from '@nestjs/common';
import type { Job } from 'bullmq';
import { DataSource, EntityManager } from 'typeorm';
import { DomainError, type Principal } from '@app/core';
import { actorOf, OutboxWriter } from '@app/outbox';
import type { ImportEntity } from '../entities/import.entity';
import type { StoredRowError } from '../entities/import-row.entity';
import { type PreparedRow, RowRecorder } from '../rows/row-recorder.service';
import { IMPORT_BATCH_ROWS } from './import-jobs';
import { ImportState } from './import-state.service';

type Outcome =
  { status: 'COMMITTED'; recordId: string } | { status: 'REJECTED'; errors: StoredRowError[] };

/**
 * The commit: the rows the dry run found valid, a batch per transaction, each row checked again
 * by the single-record endpoint's rules and recorded: course credits by their set-based check
 * and a batch write (row by row when a guard refuses the batch), the other kinds by the
 * endpoint's service under a savepoint each. With the entry
 * the transaction claims (scope, file hash, row number) in import_recorded_rows: a claim already
 * there (a second worker on the same import, a re-run after a crash) undoes the row's savepoint,
 * so no row is recorded twice. The row's new status commits with its entry, so a re-run resumes
 * after the last committed batch. A row refused now (something changed since the dry run) is
 * REJECTED with the refusal, not recorded.
 */
@Injectable()
export class ImportCommit {
  private readonly logger = new Logger(ImportCommit.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly recorder: RowRecorder,
    private readonly state: ImportState,
    private readonly outbox: OutboxWriter,
  ) {}

  async run(job: Job, entity: ImportEntity, principal: Principal): Promise<void> {
    const total = entity.validCount;
    let done = await this.settledCount(entity.id);
    let after = 0;
    for (;;) {
      const batch = await this.dataSource.transaction((manager) =>
        this.commitBatch(manager, entity, principal, after),
      );
      if (batch === null) break;
      done += batch.settled;
      after = batch.lastRowNo;
      await this.state.progress(
        job,
        entity.id,
        total === 0 ? 99 : Math.min(99, (done / total) * 100),
      );
    }
    await this.dataSource.transaction(async (manager) => {
      const [counts]: { committed: number; rejected: number }[] = await manager.query(
        `SELECT (count(*) FILTER (WHERE status = 'COMMITTED'))::int AS committed,
                (count(*) FILTER (WHERE status = 'REJECTED'))::int AS rejected
           FROM import_rows WHERE import_id = $1`,
        [entity.id],
      );
      await manager.query(
        `UPDATE imports SET status = 'COMMITTED', progress = 100, committed_count = $2,
                rejected_count = $3, committed_at = now()
          WHERE id = $1`,
        [entity.id, counts.committed, counts.rejected],
      );
      await this.outbox.append(manager, {
        type: 'import.committed',
        learnerId: null,
        actor: actorOf(principal),
        changes: [],
        details: { importId: entity.id, ...counts },
      });
    });
    await this.state.progress(job, entity.id, 100);
  }

  private async settledCount(importId: string): Promise<number> {
    const [row]: { count: number }[] = await this.dataSource.query(
      `SELECT count(*)::int AS count FROM import_rows
        WHERE import_id = $1 AND status IN ('COMMITTED', 'REJECTED')`,
      [importId],
    );
    return row.count;
  }

  /**
   * The next batch of valid rows after row `after`, settled in the caller's transaction: how
   * many there were and the last one's number, or null when none is left. Read on from the last
   * batch by row number (the primary key), not by status: every settled row leaves a dead entry
   * under VALID in the status index until a vacuum, and a scan from the start would walk them all.
   */
  private async commitBatch(
    manager: EntityManager,
    entity: ImportEntity,
    principal: Principal,
    after: number,
  ): Promise<{ settled: number; lastRowNo: number } | null> {
    // Locked, so that a second worker on this import skips them and takes the next batch.
    const rows: { row_no: number; record: Record<string, string>; cells: string[] }[] =
      await manager.query(
        `SELECT row_no, record, cells FROM import_rows
          WHERE import_id = $1 AND row_no > $2 AND status = 'VALID'
          ORDER BY row_no LIMIT $3 FOR UPDATE SKIP LOCKED`,
        [entity.id, after, IMPORT_BATCH_ROWS],
      );
    if (rows.length === 0) return null;
    const prepared = await this.recorder.prepare(
      manager,
      principal,
      entity.kind,
      rows.map((row) => ({
        rowNo: row.row_no,
        record: row.record,
        excelNumbers: [],
        cells: row.cells,
      })),
    );
    const claims = await this.claims(
      manager,
      entity,
      rows.map((row) => row.row_no),
    );
    const open = prepared.filter((row) => !claims.has(row.rowNo));
    const settled =
      (await this.commitAsBatch(manager, entity, principal, open)) ??
      (await this.commitRowByRow(manager, entity, principal, open));
    const outcomes: Outcome[] = prepared.map((row) => {
      const claimed = claims.get(row.rowNo);
      return claimed ? { status: 'COMMITTED', recordId: claimed } : settled.get(row.rowNo)!;
    });
    await manager.query(
      `UPDATE import_rows r SET status = o.status, record_id = o.record_id, errors = o.errors
         FROM jsonb_to_recordset($2::jsonb) AS o(row_no integer, status varchar, record_id uuid, errors jsonb)
        WHERE r.import_id = $1 AND r.row_no = o.row_no`,
      [
        entity.id,
        JSON.stringify(
          prepared.map((row, index) => {
            const outcome = outcomes[index];
            return outcome.status === 'COMMITTED'
              ? {
                  row_no: row.rowNo,
                  status: outcome.status,
                  record_id: outcome.recordId,
                  errors: null,
                }
              : {
                  row_no: row.rowNo,
                  status: outcome.status,
                  record_id: null,
                  errors: outcome.errors,
                };
          }),
        ),
      ],
    );
    return { settled: rows.length, lastRowNo: rows[rows.length - 1].row_no };
  }

  /**
   * The kinds with a set-based check (course credits): the rows checked at once, the credits
   * claimed and written in a few statements, under a savepoint. Null when the kind has no such
   * path, or when a guard refused the batch's write (two rows of one batch meeting, a write
   * that slipped in since the check): the savepoint is undone and the rows go one by one.
   */
  private async commitAsBatch(
    manager: EntityManager,
    entity: ImportEntity,
    principal: Principal,
    rows: readonly PreparedRow[],
  ): Promise<Map<number, Outcome> | null> {
    const candidates = rows.filter((row) => row.errors.length === 0);
    await manager.query('SAVEPOINT import_batch');
    try {
      const checked = await this.recorder.checkBatch(manager, principal, entity.kind, candidates);
      if (!checked) {
        await manager.query('RELEASE SAVEPOINT import_batch');
        return null;
      }
      const planned = candidates.flatMap((row) => {
        const result = checked.get(row.rowNo);
        return result && !(result instanceof DomainError)
          ? [{ rowNo: row.rowNo, credit: result }]
          : [];
      });
      const claimed: { row_no: number }[] = await manager.query(
        `INSERT INTO import_recorded_rows (scope_id, file_hash, row_no, import_id, record_id)
         SELECT $1, $2, r.row_no, $3, r.record_id FROM unnest($4::int[], $5::uuid[]) AS r(row_no, record_id)
         ON CONFLICT DO NOTHING RETURNING row_no`,
        [
          entity.scopeId,
          entity.fileHash,
          entity.id,
          planned.map((plan) => plan.rowNo),
          planned.map((plan) => plan.credit.id),
        ],
      );
      const mine = new Set(claimed.map((claim) => claim.row_no));
      await this.recorder.writeBatch(
        manager,
        principal,
        planned.filter((plan) => mine.has(plan.rowNo)).map((plan) => plan.credit),
      );
      // Claimed meanwhile by whoever recorded them first: what they recorded.
      const theirs = await this.claims(
        manager,
        entity,
        planned.filter((plan) => !mine.has(plan.rowNo)).map((plan) => plan.rowNo),
      );
      await manager.query('RELEASE SAVEPOINT import_batch');
      return new Map(
        rows.map((row): [number, Outcome] => {
          const result = checked.get(row.rowNo);
          if (row.errors.length > 0) return [row.rowNo, { status: 'REJECTED', errors: row.errors }];
          if (result instanceof DomainError)
            return [
              row.rowNo,
              { status: 'REJECTED', errors: this.recorder.refusal(entity.kind, result) },
            ];
          const recordId = mine.has(row.rowNo) ? result!.id : theirs.get(row.rowNo)!;
          return [row.rowNo, { status: 'COMMITTED', recordId }];
        }),
      );
    } catch (error) {
      // A fault that is no refusal fails the row-by-row path too, and with it the job.
      await manager.query('ROLLBACK TO SAVEPOINT import_batch');
      this.logger.warn(
        `import ${entity.id}: a batch of ${rows.length} rows goes row by row (${String(error)})`,
      );
      return null;
    }
  }

  private async commitRowByRow(
    manager: EntityManager,
    entity: ImportEntity,
    principal: Principal,
    rows: readonly PreparedRow[],
  ): Promise<Map<number, Outcome>> {
    const outcomes = new Map<number, Outcome>();
    for (const row of rows)
      outcomes.set(row.rowNo, await this.commitRow(manager, entity, principal, row));
    return outcomes;
  }

  /** The rows already recorded from this file in this scope, with what each recorded. */
  private async claims(
    manager: EntityManager,
    entity: ImportEntity,
    rowNos: readonly number[],
  ): Promise<Map<number, string>> {
    const rows: { row_no: number; record_id: string }[] = await manager.query(
      `SELECT row_no, record_id FROM import_recorded_rows
        WHERE scope_id = $1 AND file_hash = $2 AND row_no = ANY($3::int[])`,
      [entity.scopeId, entity.fileHash, rowNos],
    );
    return new Map(rows.map((row) => [row.row_no, row.record_id]));
  }

  private async commitRow(
    manager: EntityManager,
    entity: ImportEntity,
    principal: Principal,
    row: PreparedRow,
  ): Promise<Outcome> {
    if (row.errors.length > 0) return { status: 'REJECTED', errors: row.errors };
    await manager.query('SAVEPOINT import_row');
    let recordId: string;
    try {
      recordId = await this.recorder.record(manager, principal, entity.kind, row);
    } catch (error) {
      await manager.query('ROLLBACK TO SAVEPOINT import_row');
      return { status: 'REJECTED', errors: this.recorder.refusal(entity.kind, error) };
    }
    const claimed: unknown[] = await manager.query(
      `INSERT INTO import_recorded_rows (scope_id, file_hash, row_no, import_id, record_id)
       VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING RETURNING row_no`,
      [entity.scopeId, entity.fileHash, row.rowNo, entity.id, recordId],
    );
    if (claimed.length > 0) {
      await manager.query('RELEASE SAVEPOINT import_row');
      return { status: 'COMMITTED', recordId };
    }
    // Claimed meanwhile by whoever recorded it first: undo this second recording.
    await manager.query('ROLLBACK TO SAVEPOINT import_row');
    const first = await this.claims(manager, entity, [row.rowNo]);
    return { status: 'COMMITTED', recordId: first.get(row.rowNo)! };
  }
}
