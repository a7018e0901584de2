import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
} from 'typeorm';
import { UserEntity } from '@app/users/entities';
import { IMPORT_KINDS, type ImportKind } from '../files/columns';

export const IMPORT_STATUSES = [
  'VALIDATING',
  'VALIDATED',
  'COMMITTING',
  'COMMITTED',
  'FAILED',
] as const;
export type ImportStatus = (typeof IMPORT_STATUSES)[number];

/** A file that could not be read as a whole (bad header, broken CSV): said again at read. */
export interface StoredProblem {
  code: string;
  key: string;
  params: Record<string, unknown>;
  title: string;
  detail: string;
}

/**
 * One uploaded file of one kind, in one scope (a school's registrars, a body's examiners): its
 * bytes (import_file_chunks), its rows once read (import_rows), and where it stands. The same
 * bytes are one import per scope and kind: uploaded again, the answer names this one.
 */
@Entity({ name: 'imports' })
@Index('imports_scope_kind_file_key', ['scopeId', 'kind', 'fileHash'], { unique: true })
@Index('imports_scope_newest_idx', ['scopeId', 'uploadedAt', 'id'])
@Check('imports_kind_check', `kind IN ('${IMPORT_KINDS.join("','")}')`)
@Check('imports_status_check', `status IN ('${IMPORT_STATUSES.join("','")}')`)
@Check('imports_format_check', `format IN ('csv','xlsx')`)
@Check('imports_progress_check', `progress BETWEEN 0 AND 100`)
export class ImportEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'varchar', length: 16 })
  kind: ImportKind;

  /** The uploader's institution (REGISTRAR) or certification body (EXAMINER). */
  @Column({ name: 'scope_id', type: 'uuid' })
  scopeId: string;

  @Column({ name: 'file_name', type: 'varchar', length: 255 })
  fileName: string;

  /** SHA-256 of the bytes, hex. */
  @Column({ name: 'file_hash', type: 'char', length: 64 })
  fileHash: string;

  @Column({ type: 'varchar', length: 4 })
  format: 'csv' | 'xlsx';

  /** What a CSV was decoded as (utf-8, gb18030), once read; null for XLSX. */
  @Column({ type: 'varchar', length: 16, nullable: true })
  encoding: string | null;

  @Column({ type: 'bigint' })
  size: string;

  @Column({ type: 'varchar', length: 12 })
  status: ImportStatus;

  /** Of the running job, 0–100. */
  @Column({ type: 'smallint', default: 0 })
  progress: number;

  /** The header row as the file has it, for the error file. */
  @Column({ type: 'jsonb', nullable: true })
  header: string[] | null;

  @Column({ name: 'row_count', type: 'integer', default: 0 })
  rowCount: number;

  @Column({ name: 'valid_count', type: 'integer', default: 0 })
  validCount: number;

  @Column({ name: 'invalid_count', type: 'integer', default: 0 })
  invalidCount: number;

  @Column({ name: 'committed_count', type: 'integer', default: 0 })
  committedCount: number;

  /** Valid at the dry run, refused at commit (something changed meanwhile). */
  @Column({ name: 'rejected_count', type: 'integer', default: 0 })
  rejectedCount: number;

  @Column({ type: 'jsonb', nullable: true })
  failure: StoredProblem | null;

  @Column({ name: 'uploaded_by', type: 'uuid' })
  uploadedBy: string;

  @ManyToOne(() => UserEntity)
  @JoinColumn({ name: 'uploaded_by' })
  uploader?: UserEntity;

  @CreateDateColumn({ name: 'uploaded_at', type: 'timestamptz' })
  uploadedAt: Date;

  @Column({ name: 'validated_at', type: 'timestamptz', nullable: true })
  validatedAt: Date | null;

  @Column({ name: 'committed_by', type: 'uuid', nullable: true })
  committedBy: string | null;

  @ManyToOne(() => UserEntity)
  @JoinColumn({ name: 'committed_by' })
  committer?: UserEntity;

  @Column({ name: 'committed_at', type: 'timestamptz', nullable: true })
  committedAt: Date | null;
}
