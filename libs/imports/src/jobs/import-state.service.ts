import { Injectable } from '@nestjs/common';
import type { Job } from 'bullmq';
import { DataSource, EntityManager } from 'typeorm';
import type { DomainError } from '@app/core';
import { type Actor, OutboxWriter } from '@app/outbox';
import type { StoredRowError } from '../entities/import-row.entity';
import type { ImportEntity } from '../entities/import.entity';
import type { SheetRecordInput } from '../rows/row-recorder.service';

export interface ValidationCounts {
  rows: number;
  valid: number;
  invalid: number;
}

/** Where an import stands, written by its jobs: rows' verdicts, counts, progress, the end. */
@Injectable()
export class ImportState {
  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: OutboxWriter,
  ) {}

  async storeHeader(importId: string, header: string[]): Promise<void> {
    await this.dataSource.query('UPDATE imports SET header = $2 WHERE id = $1', [
      importId,
      JSON.stringify(header),
    ]);
  }

  /**
   * The dry run's verdicts of a batch, with the counts, in one transaction. A re-run of the
   * job (after a crash) finds its rows there and overwrites the verdicts, counting only rows
   * not counted before.
   */
  async storeVerdicts(
    importId: string,
    batch: readonly SheetRecordInput[],
    verdicts: readonly StoredRowError[][],
    counts: ValidationCounts,
  ): Promise<void> {
    const valid = verdicts.filter((errors) => errors.length === 0).length;
    counts.rows += batch.length;
    counts.valid += valid;
    counts.invalid += batch.length - valid;
    await this.dataSource.query(
      `INSERT INTO import_rows (import_id, row_no, cells, record, status, errors)
       SELECT $1, row.row_no, row.cells, row.record, row.status, row.errors
         FROM jsonb_to_recordset($2::jsonb)
           AS row(row_no integer, cells jsonb, record jsonb, status varchar, errors jsonb)
       ON CONFLICT (import_id, row_no)
       DO UPDATE SET status = EXCLUDED.status, errors = EXCLUDED.errors`,
      [
        importId,
        JSON.stringify(
          batch.map((input, index) => ({
            row_no: input.rowNo,
            cells: input.cells,
            record: input.record,
            status: verdicts[index].length === 0 ? 'VALID' : 'INVALID',
            errors: verdicts[index].length === 0 ? null : verdicts[index],
          })),
        ),
      ],
    );
  }

  /** 0–100 on the import (what the portal polls) and on the job. */
  async progress(job: Job, importId: string, percent: number): Promise<void> {
    const value = Math.max(0, Math.min(100, Math.floor(percent)));
    await this.dataSource.query('UPDATE imports SET progress = $2 WHERE id = $1', [
      importId,
      value,
    ]);
    await job.updateProgress(value);
  }

  /** The counts from the stored verdicts (so a re-run job counts each row once). */
  async finishValidation(
    manager: EntityManager,
    importId: string,
    encoding: string | null,
    counts: ValidationCounts,
  ): Promise<void> {
    const [stored]: ValidationCounts[] = await manager.query(
      `SELECT count(*)::int AS rows, (count(*) FILTER (WHERE status = 'VALID'))::int AS valid,
              (count(*) FILTER (WHERE status = 'INVALID'))::int AS invalid
         FROM import_rows WHERE import_id = $1`,
      [importId],
    );
    Object.assign(counts, stored);
    await manager.query(
      `UPDATE imports SET status = 'VALIDATED', progress = 100, encoding = $2, row_count = $3,
              valid_count = $4, invalid_count = $5, validated_at = now()
        WHERE id = $1`,
      [importId, encoding, stored.rows, stored.valid, stored.invalid],
    );
  }

  /** The file as a whole is refused: FAILED, saying why, audited. */
  async fail(entity: ImportEntity, actor: Actor, refusal: DomainError): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      await manager.query(
        `UPDATE imports SET status = 'FAILED', progress = 100, failure = $2 WHERE id = $1`,
        [
          entity.id,
          JSON.stringify({
            code: refusal.code,
            key: refusal.messageKey,
            params: refusal.params,
            title: refusal.title,
            detail: refusal.message,
          }),
        ],
      );
      await this.outbox.append(manager, {
        type: 'import.failed',
        learnerId: null,
        actor,
        changes: [],
        details: { importId: entity.id, code: refusal.code },
      });
    });
  }
}
