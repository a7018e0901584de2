import { useState } from 'preact/hooks';
import { download, get } from '../api';
import type { CursorPage, Import, ImportRowError } from '../api-types';
import { useI18n } from '../i18n/i18n';
import { useLoad } from '../ui/load';
import { MoreButton, useMorePages } from '../ui/more';
import { Empty, Loading, Section } from '../ui/page';
import { ProblemNotice } from '../ui/problem';
import { NumberText } from '../ui/text';
import '../desk/desk.css';
import './imports.css';

/**
 * An import's refused rows (row number, the column as headed in the file, why), paged, with the
 * error file to download: what the people who fix the file work from.
 */
export function ErrorsSection({ item }: { item: Import }) {
  const { t, lang } = useI18n();
  const path = `/v1/imports/${item.id}/errors`;
  // Read again when the commit settles (rows refused at commit join the list) and when the
  // language changes (the reasons are the API's words).
  const loaded = useLoad(
    (signal) => get<CursorPage<ImportRowError>>(path, {}, signal),
    [item.id, item.status, lang],
  );
  const more = useMorePages(
    (cursor) => get<CursorPage<ImportRowError>>(path, { cursor }),
    [item.id, item.status, lang],
  );
  const [fileError, setFileError] = useState<unknown>(null);

  async function errorFile(format: 'csv' | 'xlsx') {
    setFileError(null);
    try {
      const base = item.fileName.replace(/\.[^.]+$/, '');
      await download(path, { format }, `${base}-errors.${format}`);
    } catch (caught) {
      setFileError(caught);
    }
  }

  return (
    <Section title={t.imports.errorsTitle} id="errors">
      <Loading loaded={loaded}>
        {(page) => {
          const items = [...page.items, ...more.items];
          if (items.length === 0) return <Empty>{t.imports.noErrors}</Empty>;
          return (
            <>
              <p class="field-hint">{t.imports.errorFileHint}</p>
              <div class="actions">
                <button
                  type="button"
                  class="button-secondary"
                  onClick={() => void errorFile('csv')}
                >
                  {t.imports.errorFileCsv}
                </button>
                <button
                  type="button"
                  class="button-secondary"
                  onClick={() => void errorFile('xlsx')}
                >
                  {t.imports.errorFileXlsx}
                </button>
              </div>
              <ProblemNotice error={fileError} />
              <div class="table-wrap">
                <table class="import-errors">
                  <caption class="visually-hidden">{t.imports.errorsTitle}</caption>
                  <thead>
                    <tr>
                      <th scope="col" class="number">
                        {t.imports.errorRow}
                      </th>
                      <th scope="col">{t.imports.errorColumn}</th>
                      <th scope="col">{t.imports.errorReason}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {items.map((error, index) => (
                      <tr key={`${error.row}-${error.column ?? ''}-${index}`}>
                        <td class="number">
                          <NumberText value={error.row} />
                        </td>
                        <td>{error.columnName ?? t.imports.wholeRow}</td>
                        <td>{error.reason}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
              <MoreButton more={more} first={page} />
            </>
          );
        }}
      </Loading>
    </Section>
  );
}
