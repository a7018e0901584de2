import { useState } from 'preact/hooks';
import { useLocation } from 'preact-iso';
import { ApiProblem, download, get, upload } from '../api';
import type { CursorPage, Import, ImportAccepted, ImportKind } from '../api-types';
import { fill, useI18n } from '../i18n/i18n';
import { useMe } from '../session';
import { Field, Select } from '../ui/fields';
import { useLoad } from '../ui/load';
import { MoreButton, useMorePages } from '../ui/more';
import { Empty, Loading, Page, Section } from '../ui/page';
import { ProblemNotice } from '../ui/problem';
import { Badge, DateText } from '../ui/text';
import { countsWords, kindsOf, sizeWords, statusTone } from './words';
import './imports.css';

/** The API's default `IMPORT_MAX_BYTES`, said when its 413 does not name the limit. */
const DEFAULT_MAX_BYTES = 20 * 1024 * 1024;

function Templates({ kind }: { kind: ImportKind }) {
  const { t } = useI18n();
  const [error, setError] = useState<unknown>(null);
  async function fetchTemplate(format: 'csv' | 'xlsx') {
    setError(null);
    try {
      await download(`/v1/imports/templates/${kind}`, { format }, `${kind}.${format}`);
    } catch (caught) {
      setError(caught);
    }
  }
  const name = t.imports.kinds[kind];
  return (
    <div class="field">
      <p class="field-label">{t.imports.templates}</p>
      <p class="field-hint">{t.imports.templateHint}</p>
      <ul class="import-templates">
        <li>
          <button type="button" class="button-link" onClick={() => void fetchTemplate('csv')}>
            {fill(t.imports.templateCsv, { kind: name })}
          </button>
        </li>
        <li>
          <button type="button" class="button-link" onClick={() => void fetchTemplate('xlsx')}>
            {fill(t.imports.templateXlsx, { kind: name })}
          </button>
        </li>
      </ul>
      <ProblemNotice error={error} />
    </div>
  );
}

/** What a refused upload says: the earlier import of the same file, the size limit, or the API's words. */
function UploadRefusal({ error }: { error: unknown }) {
  const { t, lang } = useI18n();
  if (error instanceof ApiProblem && error.code === 'IMPORTS.ALREADY_UPLOADED') {
    const earlier = typeof error.body.importId === 'string' ? error.body.importId : null;
    return (
      <div class="notice" role="alert">
        <p>{t.imports.alreadyUploaded}</p>
        {earlier && (
          <p>
            <a href={`/imports/${earlier}`}>{t.imports.openEarlier}</a>
          </p>
        )}
      </div>
    );
  }
  if (error instanceof ApiProblem && error.status === 413) {
    const limit = typeof error.body.limit === 'number' ? error.body.limit : DEFAULT_MAX_BYTES;
    return (
      <div class="notice notice-error" role="alert">
        <p>{fill(t.imports.tooLarge, { size: sizeWords(t, lang, limit) })}</p>
      </div>
    );
  }
  return <ProblemNotice error={error} fields={['kind', 'file']} />;
}

function UploadForm() {
  const { t } = useI18n();
  const me = useMe();
  const { route } = useLocation();
  const kinds = kindsOf(me.role);
  const [kind, setKind] = useState<ImportKind>(kinds[0]);
  const [file, setFile] = useState<File | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: Event) {
    event.preventDefault();
    setError(null);
    if (!file) {
      setError(
        new ApiProblem(
          422,
          'IMPORTS.FILE_REQUIRED',
          t.imports.fileRequired,
          undefined,
          [{ field: 'file', message: t.imports.fileRequired }],
          undefined,
        ),
      );
      return;
    }
    setBusy(true);
    try {
      // `kind` before `file`: the API reads the fields in order and streams the file last.
      const form = new FormData();
      form.append('kind', kind);
      form.append('file', file, file.name);
      const accepted = await upload<ImportAccepted>('/v1/imports', form);
      route(`/imports/${accepted.id}`);
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  }

  return (
    <Section title={t.imports.uploadTitle} id="upload">
      <form class="form form-narrow" onSubmit={(event) => void submit(event)} noValidate>
        <UploadRefusal error={error} />
        <Field name="kind" label={t.imports.kind} error={error}>
          {(a) => (
            <Select
              {...a}
              value={kind}
              onValue={(value) => setKind(value as ImportKind)}
              options={kinds.map((k) => ({ value: k, label: t.imports.kinds[k] }))}
            />
          )}
        </Field>
        <Templates kind={kind} />
        <div class="import-file">
          <Field name="file" label={t.imports.file} hint={t.imports.fileHint} error={error}>
            {(a) => (
              <input
                {...a}
                type="file"
                accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
                onChange={(e) => setFile(e.currentTarget.files?.[0] ?? null)}
              />
            )}
          </Field>
        </div>
        <div class="actions">
          <button type="submit" disabled={busy}>
            {busy ? t.imports.uploading : t.imports.upload}
          </button>
        </div>
      </form>
    </Section>
  );
}

function ImportCard({ item }: { item: Import }) {
  const { t, lang } = useI18n();
  return (
    <li class="card">
      <div class="card-head">
        <p class="card-title">
          <a href={`/imports/${item.id}`}>{item.fileName}</a>
        </p>
        <Badge tone={statusTone(item.status)}>{t.imports.statuses[item.status]}</Badge>
      </div>
      <p class="card-meta">
        {t.imports.kinds[item.kind]} · {sizeWords(t, lang, item.size)}
      </p>
      <p class="card-meta">{countsWords(t, lang, item)}</p>
      <p class="card-meta">
        {fill(t.imports.uploadedByAt, { name: item.uploadedBy.displayName })}{' '}
        <DateText value={item.uploadedAt} withTime />
      </p>
    </li>
  );
}

function ImportList() {
  const { t } = useI18n();
  const loaded = useLoad((signal) => get<CursorPage<Import>>('/v1/imports', {}, signal), []);
  const more = useMorePages((cursor) => get<CursorPage<Import>>('/v1/imports', { cursor }), []);
  return (
    <Section title={t.imports.listTitle} id="imports">
      <Loading loaded={loaded}>
        {(page) => {
          const items = [...page.items, ...more.items];
          return (
            <>
              {items.length === 0 ? (
                <Empty>{t.imports.none}</Empty>
              ) : (
                <ul class="import-list" aria-label={t.imports.listTitle}>
                  {items.map((item) => (
                    <ImportCard key={item.id} item={item} />
                  ))}
                </ul>
              )}
              <MoreButton more={more} first={page} />
            </>
          );
        }}
      </Loading>
    </Section>
  );
}

/** /imports: upload a file of the role's kinds (template first), and the scope's imports. */
export function ImportsPage() {
  const { t } = useI18n();
  return (
    <Page title={t.imports.title}>
      <p class="lead">{t.imports.intro}</p>
      <UploadForm />
      <ImportList />
    </Page>
  );
}
