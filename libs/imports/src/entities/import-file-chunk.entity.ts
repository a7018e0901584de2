import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { ImportEntity } from './import.entity';

/**
 * The uploaded bytes, in order, a mebibyte a row: streamed in, streamed out to the worker. The
 * import's row is written after its bytes (it carries their hash), so the key is checked at
 * commit.
 */
@Entity({ name: 'import_file_chunks' })
export class ImportFileChunkEntity {
  @PrimaryColumn({ name: 'import_id', type: 'uuid' })
  importId: string;

  @PrimaryColumn({ type: 'integer' })
  seq: number;

  @ManyToOne(() => ImportEntity, { onDelete: 'RESTRICT', deferrable: 'INITIALLY DEFERRED' })
  @JoinColumn({ name: 'import_id' })
  import?: ImportEntity;

  @Column({ type: 'bytea' })
  data: Buffer;
}
