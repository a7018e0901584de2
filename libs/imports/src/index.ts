export * from './imports.module';
export * from './imports-worker.module';
export * from './imports.service';
export * from './imports.errors';
export * from './import-view';
export { IMPORT_KINDS, isImportKind, type ImportKind } from './files/columns';
export { contentTypeOf, fileExtension, templateFile, writeSheet } from './files';
export type { SheetFormat, TemplateLocale } from './files';
