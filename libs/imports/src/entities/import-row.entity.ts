import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import type { FieldError } from '@app/core';
import { ImportEntity, type StoredProblem } from './import.entity';

export const IMPORT_ROW_STATUSES = ['VALID', 'INVALID', 'COMMITTED', 'REJECTED'] as const;
export type ImportRowStatus = (typeof IMPORT_ROW_STATUSES)[number];

/**
 * What is wrong with a row, kept in the language-free form errors are raised in and said in
 * the reader's language when read: a field's error, or a refusal with its problem code.
 */
export interface StoredRowError {
  /** The column's key (courseCode…), or null for the row as a whole. */
  column: string | null;
  code: string;
  field?: FieldError;
  problem?: StoredProblem;
}

/** One row of an import's file, as read: the cells as typed, and what the dry run and commit found. */
@Entity({ name: 'import_rows' })
@Index('import_rows_status_idx', ['importId', 'status', 'rowNo'])
@Check('import_rows_status_check', `status IN ('${IMPORT_ROW_STATUSES.join("','")}')`)
export class ImportRowEntity {
  @PrimaryColumn({ name: 'import_id', type: 'uuid' })
  importId: string;

  /** The row number a spreadsheet shows (the header is row 1). */
  @PrimaryColumn({ name: 'row_no', type: 'integer' })
  rowNo: number;

  @ManyToOne(() => ImportEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'import_id' })
  import?: ImportEntity;

  /** Every cell as the file has it, for the error file. */
  @Column({ type: 'jsonb' })
  cells: string[];

  /** The kind's columns by key, trimmed: what the commit records from. */
  @Column({ type: 'jsonb' })
  record: Record<string, string>;

  @Column({ type: 'varchar', length: 12 })
  status: ImportRowStatus;

  @Column({ type: 'jsonb', nullable: true })
  errors: StoredRowError[] | null;

  /** The ledger entry (or enrolment) the row recorded. */
  @Column({ name: 'record_id', type: 'uuid', nullable: true })
  recordId: string | null;
}
