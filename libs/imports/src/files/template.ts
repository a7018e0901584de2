/**
 * The file a registrar or examiner downloads to start from: the kind's headers in the chosen
 * language and one example row that would pass validation, choices shown as their label in that
 * language (the reader accepts code or label either way).
 */
import { choiceLabel, isChoiceKey } from './choices';
import { IMPORT_COLUMNS, ImportKind } from './columns';
import { SheetFormat } from './sheet';
import { writeSheet } from './write';

export type TemplateLocale = 'zh-CN' | 'en';

export function templateHeader(kind: ImportKind, locale: TemplateLocale): string[] {
  return IMPORT_COLUMNS[kind].map((column) => (locale === 'zh-CN' ? column.zh : column.en));
}

export function templateExample(kind: ImportKind, locale: TemplateLocale): string[] {
  return IMPORT_COLUMNS[kind].map((column) =>
    isChoiceKey(column.key) ? choiceLabel(column.key, column.example, locale) : column.example,
  );
}

export async function templateFile(
  kind: ImportKind,
  format: SheetFormat,
  locale: TemplateLocale,
  out: NodeJS.WritableStream,
): Promise<void> {
  await writeSheet(format, templateHeader(kind, locale), [templateExample(kind, locale)], out);
}
