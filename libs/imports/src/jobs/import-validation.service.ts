import { Injectable } from '@nestjs/common';
import type { Job } from 'bullmq';
import { DataSource, EntityManager } from 'typeorm';
import { DomainError, fieldError, type Principal } from '@app/core';
import type { NewCourseCredit } from '@app/ledger';
import { actorOf, OutboxWriter } from '@app/outbox';
import type { ImportKind } from '../files/columns';
import { isBlankRow, mapHeader, recordOf, type HeaderMapping } from '../files/header';
import { openSheet } from '../files/read';
import { SheetReadError, type SheetRow } from '../files/sheet';
import { ImportEntity } from '../entities/import.entity';
import type { StoredRowError } from '../entities/import-row.entity';
import { FileRefusedError } from '../imports.errors';
import { duplicateKeys, fieldRowErrors } from '../rows/row-rules';
import { type PreparedRow, RowRecorder, type SheetRecordInput } from '../rows/row-recorder.service';
import { readStoredFile } from '../store/import-file-store';
import { IMPORT_BATCH_ROWS, MAX_IMPORT_ROWS } from './import-jobs';
import { ImportState } from './import-state.service';

/**
 * The dry run: every row read from the stored file, checked as the single-record endpoint
 * checks it, and then — in a transaction that is always rolled back, so nothing is written —
 * against the ledger: course credits by the set-based check of the very rules of their endpoint
 * (RecordOutcomeService.checkCourseCredits), the other kinds recorded for real under a
 * savepoint each, so that what only the database knows (a number taken) is found too. Rows repeating an earlier valid row of the file are refused
 * as duplicates. The verdicts are stored per row, the counts and progress on the import.
 */
@Injectable()
export class ImportValidation {
  constructor(
    private readonly dataSource: DataSource,
    private readonly recorder: RowRecorder,
    private readonly state: ImportState,
    private readonly outbox: OutboxWriter,
  ) {}

  async run(job: Job, entity: ImportEntity, principal: Principal): Promise<void> {
    let bytesRead = 0;
    const size = Number(entity.size);
    const source = (async function* (chunks: AsyncGenerator<Buffer>) {
      for await (const chunk of chunks) {
        bytesRead += chunk.length;
        yield chunk;
      }
    })(readStoredFile(this.dataSource, entity.id));
    const sheet = openSheet(source, entity.format);
    const seen = new Map<string, number>();
    const counts = { rows: 0, valid: 0, invalid: 0 };
    let mapping: HeaderMapping | null = null;
    let batch: SheetRecordInput[] = [];
    const flush = async () => {
      if (batch.length === 0) return;
      const verdicts = await this.checkBatch(entity.kind, principal, batch, seen);
      await this.state.storeVerdicts(entity.id, batch, verdicts, counts);
      batch = [];
      await this.state.progress(job, entity.id, size === 0 ? 99 : (bytesRead / size) * 100);
    };
    try {
      for await (const row of sheet.rows) {
        if (mapping === null) {
          mapping = this.header(entity.kind, row);
          await this.state.storeHeader(
            entity.id,
            row.cells.map((cell) => cell.text),
          );
          continue;
        }
        if (isBlankRow(row)) continue;
        if (counts.rows + batch.length >= MAX_IMPORT_ROWS) {
          throw new FileRefusedError(
            'IMPORTS.TOO_MANY_ROWS',
            `The file has more than ${MAX_IMPORT_ROWS} rows. Split it into smaller files and upload each.`,
            { limit: MAX_IMPORT_ROWS },
          );
        }
        const { values, excelNumbers } = recordOf(mapping, row);
        batch.push({ rowNo: row.rowNo, record: values, excelNumbers, cells: texts(row) });
        if (batch.length >= IMPORT_BATCH_ROWS) await flush();
      }
      if (mapping === null) {
        throw new FileRefusedError(
          'IMPORTS.EMPTY',
          'The file has no header row. Start from the template: its first row names the columns.',
        );
      }
      await flush();
    } catch (error) {
      const refusal = fileRefusal(error, entity.format);
      if (!refusal) throw error;
      await this.state.fail(entity, actorOf(principal), refusal);
      return;
    }
    await this.dataSource.transaction(async (manager) => {
      await this.state.finishValidation(manager, entity.id, sheet.encoding, counts);
      await this.outbox.append(manager, {
        type: 'import.validated',
        learnerId: null,
        actor: actorOf(principal),
        changes: [],
        details: { importId: entity.id, ...counts },
      });
    });
    await this.state.progress(job, entity.id, 100);
  }

  /** A header the kind cannot be read by fails the whole file, naming what to add. */
  private header(kind: ImportKind, row: SheetRow): HeaderMapping {
    const mapping = mapHeader(
      kind,
      row.cells.map((cell) => cell.text),
    );
    if (mapping.missing.length > 0) {
      const columns = mapping.missing.map((column) => `${column.zh} (${column.en})`).join(', ');
      throw new FileRefusedError(
        'IMPORTS.MISSING_COLUMNS',
        `The file lacks the columns ${columns}. Add them to the header row (the template has every column).`,
        { columns },
      );
    }
    if (mapping.missingIdentity.length > 0) {
      const ways = mapping.missingIdentity
        .map((way) => way.map((column) => `${column.zh} (${column.en})`).join(' + '))
        .join(' / ');
      throw new FileRefusedError(
        'IMPORTS.NO_IDENTITY_COLUMNS',
        `The file has no column naming the learner: add ${ways}.`,
        { ways },
      );
    }
    return mapping;
  }

  /** One batch in a transaction rolled back whatever happens: the verdict of each row. */
  private async checkBatch(
    kind: ImportKind,
    principal: Principal,
    batch: readonly SheetRecordInput[],
    seen: Map<string, number>,
  ): Promise<StoredRowError[][]> {
    const runner = this.dataSource.createQueryRunner();
    await runner.connect();
    try {
      await runner.startTransaction();
      try {
        const manager = runner.manager;
        const prepared = await this.recorder.prepare(manager, principal, kind, batch);
        const checked = await this.recorder.checkBatch(
          manager,
          principal,
          kind,
          prepared.filter((row) => row.errors.length === 0),
        );
        const verdicts: StoredRowError[][] = [];
        for (const row of prepared) {
          verdicts.push(await this.dryRun(manager, principal, kind, row, seen, checked));
        }
        return verdicts;
      } finally {
        await runner.rollbackTransaction();
      }
    } finally {
      await runner.release();
    }
  }

  private async dryRun(
    manager: EntityManager,
    principal: Principal,
    kind: ImportKind,
    row: PreparedRow,
    seen: Map<string, number>,
    checked: Map<number, DomainError | NewCourseCredit> | null,
  ): Promise<StoredRowError[]> {
    if (row.errors.length > 0) return row.errors;
    const keys = duplicateKeys(kind, row.learnerKey, row.body);
    const repeated = keys.find(({ key }) => seen.has(key));
    if (repeated) {
      return [duplicateError(kind, repeated.column, seen.get(repeated.key)!)];
    }
    const refusal = checked
      ? this.batchRefusal(checked.get(row.rowNo))
      : await this.tryRow(manager, principal, kind, row);
    if (refusal) return this.recorder.refusal(kind, refusal);
    for (const { key } of keys) seen.set(key, row.rowNo);
    return [];
  }

  /** What the set-based check refused the row with, or null. */
  private batchRefusal(result: DomainError | NewCourseCredit | undefined): DomainError | null {
    return result instanceof DomainError ? result : null;
  }

  /** The row recorded for real under a savepoint, undone whatever happens: its refusal, or null. */
  private async tryRow(
    manager: EntityManager,
    principal: Principal,
    kind: ImportKind,
    row: PreparedRow,
  ): Promise<unknown> {
    await manager.query('SAVEPOINT import_row');
    try {
      await this.recorder.record(manager, principal, kind, row);
      return null;
    } catch (error) {
      return error;
    } finally {
      await manager.query('ROLLBACK TO SAVEPOINT import_row');
    }
  }
}

function texts(row: SheetRow): string[] {
  return row.cells.map((cell) => cell.text);
}

function duplicateError(kind: ImportKind, column: string, firstRow: number): StoredRowError {
  return fieldRowErrors(kind, [
    fieldError(column, 'INVALID.duplicateInFile', { row: firstRow }),
  ])[0];
}

/** What makes the file as a whole unreadable, as the import's failure; null for a fault. */
function fileRefusal(error: unknown, format: string): FileRefusedError | null {
  if (error instanceof FileRefusedError) return error;
  if (error instanceof SheetReadError) {
    const reason = error.message;
    return new FileRefusedError(
      'IMPORTS.UNREADABLE',
      `The file could not be read as ${format.toUpperCase()}: ${reason}. Save it again from the spreadsheet program as CSV or XLSX and upload it again.`,
      { format: format.toUpperCase(), reason },
    );
  }
  return null;
}
