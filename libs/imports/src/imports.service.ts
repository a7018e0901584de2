import { randomUUID } from 'node:crypto';
import { InjectQueue } from '@nestjs/bullmq';
import { Injectable } from '@nestjs/common';
import { Queue } from 'bullmq';
import { DataSource, EntityManager } from 'typeorm';
import {
  DomainError,
  fieldError,
  type Locale,
  Principal,
  QueueName,
  Role,
  ValidationFailedError,
} from '@app/core';
import { actorOf, OutboxWriter } from '@app/outbox';
import { UserNames } from '@app/users';
import { IMPORT_KINDS, isImportKind, type ImportKind } from './files/columns';
import { mapHeader } from './files/header';
import { sniffFormat } from './files/read';
import { ImportEntity } from './entities/import.entity';
import type { StoredRowError } from './entities/import-row.entity';
import {
  columnName,
  errorLine,
  importView,
  type ImportRowErrorView,
  type ImportView,
  rowErrorReason,
} from './import-view';
import {
  AlreadyCommittedError,
  AlreadyUploadedError,
  FileRefusedError,
  FileTooLargeError,
  ImportNotFoundError,
  NothingToCommitError,
  NotValidatedError,
} from './imports.errors';
import {
  COMMIT_IMPORT_JOB,
  type ImportJobData,
  importJobId,
  VALIDATE_IMPORT_JOB,
} from './jobs/import-jobs';
import { receiveFile, storeChunks } from './store/import-file-store';

/** The kinds each role imports: a school's registrars its records, a body's examiners theirs. */
export const KINDS_OF_ROLE: Partial<Record<Role, readonly ImportKind[]>> = {
  [Role.REGISTRAR]: ['COURSE_CREDITS', 'DIPLOMAS', 'ENROLMENTS'],
  [Role.EXAMINER]: ['CERTIFICATES'],
};

/** Finished jobs are kept a week, as the scans' are. */
const KEEP_FINISHED = { age: 7 * 24 * 3600, count: 1000 };

export interface Upload {
  /** The form's `kind` field, as sent (before the file). */
  kind: unknown;
  fileName: string;
  bytes: AsyncIterable<Buffer>;
  /** Whether the size limit cut the file short; asked once the bytes are read. */
  truncated(): boolean;
  limit: number;
}

interface ErrorRow {
  row_no: number;
  cells: string[];
  errors: StoredRowError[];
}

/**
 * Imports as their uploaders see them: upload (the bytes received into a temporary file and
 * hashed, then stored in one short transaction, then the dry run queued), read back, the refused rows and the error file, and the commit. An
 * import is visible to its scope (the school's registrars, the body's examiners); anyone else
 * is told it does not exist.
 */
@Injectable()
export class ImportsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: OutboxWriter,
    private readonly names: UserNames,
    @InjectQueue(QueueName.imports) private readonly queue: Queue,
  ) {}

  kindsOf(principal: Principal): readonly ImportKind[] {
    return KINDS_OF_ROLE[principal.role] ?? [];
  }

  /** A kind of the caller's role, or a 422 naming the ones it has. */
  assertKind(principal: Principal, kind: unknown): ImportKind {
    const allowed = this.kindsOf(principal);
    if (isImportKind(kind) && allowed.includes(kind)) return kind;
    throw new ValidationFailedError([
      kind === undefined || kind === ''
        ? fieldError('kind', 'REQUIRED')
        : fieldError('kind', 'NOT_ALLOWED_VALUE', {
            allowed: [...(allowed.length ? allowed : IMPORT_KINDS)],
          }),
    ]);
  }

  async upload(principal: Principal, upload: Upload): Promise<{ id: string; jobId: string }> {
    const kind = this.assertKind(principal, upload.kind);
    const scopeId = scopeOf(principal)!;
    const id = randomUUID();
    const stored = await receiveFile(upload.bytes);
    try {
      if (upload.truncated()) throw new FileTooLargeError(upload.limit);
      if (stored.size === 0) {
        throw new FileRefusedError(
          'IMPORTS.EMPTY',
          'The file has no header row. Start from the template: its first row names the columns.',
        );
      }
      const format = sniffFormat(stored.head);
      if (format === null) throw unsupportedFormat();
      await this.dataSource.transaction(async (manager) => {
        const existing = await manager
          .getRepository(ImportEntity)
          .findOneBy({ scopeId, kind, fileHash: stored.hash });
        if (existing) throw new AlreadyUploadedError(existing);
        await storeChunks(manager, id, stored);
        const inserted: { id: string }[] = await manager.query(
          `INSERT INTO imports (id, kind, scope_id, file_name, file_hash, format, size, status, uploaded_by)
           VALUES ($1, $2, $3, $4, $5, $6, $7, 'VALIDATING', $8)
           ON CONFLICT (scope_id, kind, file_hash) DO NOTHING RETURNING id`,
          [id, kind, scopeId, upload.fileName, stored.hash, format, stored.size, principal.userId],
        );
        // The same bytes uploaded at the same moment: the first to commit holds the key.
        if (inserted.length === 0) {
          const first = await manager
            .getRepository(ImportEntity)
            .findOneByOrFail({ scopeId, kind, fileHash: stored.hash });
          throw new AlreadyUploadedError(first);
        }
        await this.outbox.append(manager, {
          type: 'import.uploaded',
          learnerId: null,
          actor: actorOf(principal),
          changes: [],
          details: {
            importId: id,
            kind,
            fileName: upload.fileName,
            fileHash: stored.hash,
            size: stored.size,
          },
        });
      });
    } finally {
      await stored.dispose();
    }
    const jobId = await this.enqueue(id, VALIDATE_IMPORT_JOB);
    return { id, jobId };
  }

  async list(
    principal: Principal,
    query: { cursor?: string; limit?: number },
    locale: Locale,
  ): Promise<{ items: ImportView[]; nextCursor: string | null }> {
    const scopeId = scopeOf(principal);
    const limit = query.limit ?? 20;
    if (scopeId === null) return { items: [], nextCursor: null };
    if (query.cursor !== undefined && !UUID.test(query.cursor)) {
      throw new ValidationFailedError([
        { field: 'cursor', message: 'cursor is not one this API issued' },
      ]);
    }
    const builder = this.dataSource
      .getRepository(ImportEntity)
      .createQueryBuilder('i')
      .where('i.scope_id = :scopeId', { scopeId })
      .andWhere('i.kind IN (:...kinds)', { kinds: this.kindsOf(principal) })
      .orderBy('i.uploaded_at', 'DESC')
      .addOrderBy('i.id', 'DESC')
      .take(limit + 1);
    if (query.cursor !== undefined) {
      builder.andWhere(
        '(i.uploaded_at, i.id) < (SELECT c.uploaded_at, c.id FROM imports c WHERE c.id = :cursor)',
        { cursor: query.cursor },
      );
    }
    const rows = await builder.getMany();
    const page = rows.slice(0, limit);
    const names = await this.peopleOf(page);
    return {
      items: page.map((row) => importView(row, names, locale)),
      nextCursor: rows.length > limit ? page[page.length - 1].id : null,
    };
  }

  async read(principal: Principal, importId: string, locale: Locale): Promise<ImportView> {
    const entity = await this.visible(this.dataSource.manager, principal, importId);
    return importView(entity, await this.peopleOf([entity]), locale);
  }

  /** The refused rows' errors, one item per error, by row. */
  async errors(
    principal: Principal,
    importId: string,
    query: { cursor?: string; limit?: number },
    locale: Locale,
  ): Promise<{ items: ImportRowErrorView[]; nextCursor: string | null }> {
    const entity = await this.visible(this.dataSource.manager, principal, importId);
    if (query.cursor !== undefined && !/^\d{1,9}$/.test(query.cursor)) {
      throw new ValidationFailedError([
        { field: 'cursor', message: 'cursor is not one this API issued' },
      ]);
    }
    const limit = query.limit ?? 50;
    const rows = await this.errorRows(entity.id, Number(query.cursor ?? 0), limit + 1);
    const page = rows.slice(0, limit);
    const indexes = entity.header ? mapHeader(entity.kind, entity.header).indexes : {};
    const header = entity.header ?? [];
    const items = page.flatMap((row) =>
      row.errors.map((error) => {
        const name = columnName(entity.kind, entity.header, indexes, error.column, locale);
        return {
          row: row.row_no,
          column: error.column,
          columnName: name,
          reason: rowErrorReason(locale, error, name),
          cells: Object.fromEntries(
            header.map((title, index) => [title || `#${index + 1}`, row.cells[index] ?? '']),
          ),
        };
      }),
    );
    return {
      items,
      nextCursor: rows.length > limit ? String(page[page.length - 1].row_no) : null,
    };
  }

  /**
   * The error file: the header and every refused row as the file had them, and a last column
   * 错误原因 (Error) saying each problem with its row and column.
   */
  async errorFile(
    principal: Principal,
    importId: string,
    locale: Locale,
  ): Promise<{ fileName: string; header: string[]; rows: AsyncGenerator<string[]> }> {
    const entity = await this.visible(this.dataSource.manager, principal, importId);
    const header = entity.header ?? [];
    const indexes = entity.header ? mapHeader(entity.kind, entity.header).indexes : {};
    const width = header.length;
    const separator = locale === 'zh-CN' ? '；' : '; ';
    const errorRows = (after: number) => this.errorRows(entity.id, after, 1000);
    async function* rows(): AsyncGenerator<string[]> {
      for (let after = 0; ;) {
        const page = await errorRows(after);
        if (page.length === 0) return;
        for (const row of page) {
          const reasons = row.errors.map((error) => {
            const name = columnName(entity.kind, entity.header, indexes, error.column, locale);
            return errorLine(locale, row.row_no, name, rowErrorReason(locale, error, name));
          });
          const cells = Array.from({ length: Math.max(width, row.cells.length) }, (_, index) =>
            String(row.cells[index] ?? ''),
          );
          yield [...cells, reasons.join(separator)];
        }
        after = page[page.length - 1].row_no;
      }
    }
    const base = entity.fileName.replace(/\.(csv|xlsx)$/i, '');
    return {
      fileName: `${base}-${locale === 'zh-CN' ? '错误' : 'errors'}`,
      header: [...header, locale === 'zh-CN' ? '错误原因' : 'Error'],
      rows: rows(),
    };
  }

  /** Queues the commit of a validated import's valid rows (once: a second ask is a 409). */
  async commit(principal: Principal, importId: string): Promise<{ id: string; jobId: string }> {
    await this.dataSource.transaction(async (manager) => {
      const entity = await this.visible(manager, principal, importId, true);
      if (entity.status === 'COMMITTING' || entity.status === 'COMMITTED')
        throw new AlreadyCommittedError(entity.status);
      if (entity.status !== 'VALIDATED') throw new NotValidatedError(entity.status);
      if (entity.validCount === 0) throw new NothingToCommitError();
      await manager.query(
        `UPDATE imports SET status = 'COMMITTING', progress = 0, committed_by = $2 WHERE id = $1`,
        [entity.id, principal.userId],
      );
      await this.outbox.append(manager, {
        type: 'import.commit_requested',
        learnerId: null,
        actor: actorOf(principal),
        changes: [],
        details: { importId: entity.id, valid: entity.validCount },
      });
    });
    return { id: importId, jobId: await this.enqueue(importId, COMMIT_IMPORT_JOB) };
  }

  private async enqueue(
    importId: string,
    name: typeof VALIDATE_IMPORT_JOB | typeof COMMIT_IMPORT_JOB,
  ): Promise<string> {
    const jobId = importJobId(importId, name);
    const data: ImportJobData = { importId };
    await this.queue.add(name, data, {
      jobId,
      attempts: 3,
      backoff: { type: 'exponential', delay: 5000 },
      removeOnComplete: KEEP_FINISHED,
      removeOnFail: KEEP_FINISHED,
    });
    return jobId;
  }

  private async visible(
    manager: EntityManager,
    principal: Principal,
    importId: string,
    lock = false,
  ): Promise<ImportEntity> {
    const scopeId = scopeOf(principal);
    const entity = await manager.getRepository(ImportEntity).findOne({
      where: { id: importId },
      ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}),
    });
    if (!entity || scopeId === null || entity.scopeId !== scopeId) throw new ImportNotFoundError();
    if (!this.kindsOf(principal).includes(entity.kind)) throw new ImportNotFoundError();
    return entity;
  }

  private errorRows(importId: string, after: number, limit: number): Promise<ErrorRow[]> {
    return this.dataSource.query(
      `SELECT row_no, cells, errors FROM import_rows
        WHERE import_id = $1 AND status IN ('INVALID', 'REJECTED') AND row_no > $2
        ORDER BY row_no LIMIT $3`,
      [importId, after, limit],
    );
  }

  private peopleOf(entities: readonly ImportEntity[]): Promise<Map<string, string>> {
    return this.names.displayNames(
      this.dataSource.manager,
      entities.flatMap((entity) => [
        entity.uploadedBy,
        ...(entity.committedBy ? [entity.committedBy] : []),
      ]),
    );
  }
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** The school or body whose imports the caller works with; null for other roles. */
function scopeOf(principal: Principal): string | null {
  if (principal.role === Role.REGISTRAR) return principal.institutionId;
  if (principal.role === Role.EXAMINER) return principal.certificationBodyId;
  return null;
}

function unsupportedFormat(): DomainError {
  return new FileRefusedError(
    'IMPORTS.UNSUPPORTED_FORMAT',
    'The file is neither CSV nor XLSX (an old .xls, a UTF-16 text export or another kind of file). Save it as CSV UTF-8 or as an Excel workbook (.xlsx) and upload it again.',
  );
}
