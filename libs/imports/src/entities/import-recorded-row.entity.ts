import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/**
 * A row of a file recorded, once per scope, file hash and row number: written in the
 * transaction of what it recorded, so a retried or re-run commit, a worker killed mid-batch or
 * the same file uploaded again finds the row taken and records nothing twice.
 */
@Entity({ name: 'import_recorded_rows' })
export class ImportRecordedRowEntity {
  @PrimaryColumn({ name: 'scope_id', type: 'uuid' })
  scopeId: string;

  @PrimaryColumn({ name: 'file_hash', type: 'char', length: 64 })
  fileHash: string;

  @PrimaryColumn({ name: 'row_no', type: 'integer' })
  rowNo: number;

  @Column({ name: 'import_id', type: 'uuid' })
  importId: string;

  @Column({ name: 'record_id', type: 'uuid' })
  recordId: string;

  @CreateDateColumn({ name: 'recorded_at', type: 'timestamptz' })
  recordedAt: Date;
}
