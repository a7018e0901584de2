import { ImportFileChunkEntity } from './import-file-chunk.entity';
import { ImportRecordedRowEntity } from './import-recorded-row.entity';
import { ImportRowEntity } from './import-row.entity';
import { ImportEntity } from './import.entity';

export { ImportEntity, ImportFileChunkEntity, ImportRowEntity, ImportRecordedRowEntity };
export * from './import.entity';
export * from './import-row.entity';

/** The imports' tables, for the data source and the migration generator. */
export const IMPORTS_ENTITIES = [
  ImportEntity,
  ImportFileChunkEntity,
  ImportRowEntity,
  ImportRecordedRowEntity,
];
