import { useEffect, useState } from 'preact/hooks';
import { useRoute } from 'preact-iso';
import { get, post } from '../api';
import type { Import, ImportAccepted } from '../api-types';
import { fill, formatNumber, useI18n } from '../i18n/i18n';
import { Page, Section } from '../ui/page';
import { ProblemNotice } from '../ui/problem';
import { Badge, DateText, NumberText } from '../ui/text';
import { ErrorsSection } from './errors';
import { JobProgress } from './progress';
import { running, sizeWords, statusTone } from './words';
import './imports.css';

/** How often a running import is read again. */
const POLL_MS = 1000;

/**
 * The import, read again every second while its job runs and no longer once it has settled; the
 * timer goes with the page. `follow` starts it again (after the commit is queued).
 */
function useFollowedImport(id: string) {
  // Read again in a new language: a failure's message is the API's words.
  const { lang } = useI18n();
  const [item, setItem] = useState<Import | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [round, setRound] = useState(0);
  useEffect(() => {
    const controller = new AbortController();
    let timer: number | undefined;
    const read = async () => {
      try {
        const next = await get<Import>(`/v1/imports/${id}`, {}, controller.signal);
        if (controller.signal.aborted) return;
        setItem(next);
        setError(null);
        if (running(next.status)) timer = window.setTimeout(() => void read(), POLL_MS);
      } catch (caught) {
        if (!controller.signal.aborted) setError(caught);
      }
    };
    void read();
    return () => {
      controller.abort();
      window.clearTimeout(timer);
    };
  }, [id, round, lang]);
  return { item, error, follow: () => setRound((n) => n + 1) };
}

export function ImportDetailPage() {
  const { t } = useI18n();
  const { params } = useRoute();
  const { item, error, follow } = useFollowedImport(params.importId);
  return (
    <Page title={item?.fileName ?? t.imports.title}>
      <p>
        <a href="/imports">{t.imports.back}</a>
      </p>
      {item ? (
        <ImportView item={item} follow={follow} />
      ) : error ? (
        <>
          <ProblemNotice error={error} />
          <button type="button" class="button-secondary" onClick={follow}>
            {t.app.retry}
          </button>
        </>
      ) : (
        <p class="loading" role="status">
          {t.app.loading}
        </p>
      )}
      {item && error && <ProblemNotice error={error} />}
    </Page>
  );
}

function ImportView({ item, follow }: { item: Import; follow(): void }) {
  const { t, lang } = useI18n();
  const progressLabel =
    item.status === 'VALIDATING'
      ? fill(t.imports.validating, { percent: Math.round(item.progress) })
      : fill(t.imports.committing, { percent: Math.round(item.progress) });
  return (
    <>
      <Section title={t.imports.facts} id="facts">
        {running(item.status) && (
          <JobProgress id="import-progress" label={progressLabel} value={item.progress} />
        )}
        <dl class="facts">
          <dt>{t.imports.status}</dt>
          <dd>
            <Badge tone={statusTone(item.status)}>{t.imports.statuses[item.status]}</Badge>
          </dd>
          <dt>{t.imports.kindLabel}</dt>
          <dd>{t.imports.kinds[item.kind]}</dd>
          <dt>{t.imports.format}</dt>
          <dd>
            {t.imports.formats[item.format]}
            {item.encoding && ` · ${item.encoding}`}
          </dd>
          <dt>{t.imports.size}</dt>
          <dd>{sizeWords(t, lang, item.size)}</dd>
          <dt>{t.imports.uploadedBy}</dt>
          <dd>{item.uploadedBy.displayName}</dd>
          <dt>{t.imports.uploadedAt}</dt>
          <dd>
            <DateText value={item.uploadedAt} withTime />
          </dd>
          {item.validatedAt && (
            <>
              <dt>{t.imports.validatedAt}</dt>
              <dd>
                <DateText value={item.validatedAt} withTime />
              </dd>
            </>
          )}
          {item.committedBy && (
            <>
              <dt>{t.imports.committedBy}</dt>
              <dd>{item.committedBy.displayName}</dd>
            </>
          )}
          {item.committedAt && (
            <>
              <dt>{t.imports.committedAt}</dt>
              <dd>
                <DateText value={item.committedAt} withTime />
              </dd>
            </>
          )}
        </dl>
      </Section>
      {item.status === 'FAILED' ? (
        <div class="notice notice-error" role="alert">
          <p>
            <strong>{t.imports.failedTitle}</strong>
          </p>
          {item.failure && <p>{item.failure.message}</p>}
          <p>{t.imports.failedHint}</p>
        </div>
      ) : (
        item.status !== 'VALIDATING' && (
          <>
            <Results item={item} />
            {item.status === 'COMMITTED' ? (
              <div class="notice notice-good" role="status">
                <p>
                  {fill(t.imports.committedNotice, { count: formatNumber(lang, item.committed) })}
                </p>
                {item.rejectedAtCommit > 0 && (
                  <p>
                    {fill(t.imports.rejectedExplain, {
                      count: formatNumber(lang, item.rejectedAtCommit),
                    })}
                  </p>
                )}
              </div>
            ) : (
              <CommitSection item={item} follow={follow} />
            )}
            <ErrorsSection item={item} />
          </>
        )
      )}
    </>
  );
}

function Results({ item }: { item: Import }) {
  const { t } = useI18n();
  const figures: [string, number][] = [
    [t.imports.rows, item.rows],
    [t.imports.valid, item.valid],
    [t.imports.invalid, item.invalid],
    [t.imports.committed, item.committed],
  ];
  if (item.status === 'COMMITTED')
    figures.push([t.imports.rejectedAtCommit, item.rejectedAtCommit]);
  return (
    <Section title={t.imports.resultsTitle} id="results">
      <dl class="figures import-figures">
        {figures.map(([label, value]) => (
          <div key={label}>
            <dt>{label}</dt>
            <dd class="figure">
              <NumberText value={value} />
            </dd>
          </div>
        ))}
      </dl>
    </Section>
  );
}

/** Records the rows that passed, after a confirmation that says how many and what is skipped. */
function CommitSection({ item, follow }: { item: Import; follow(): void }) {
  const { t, lang } = useI18n();
  const [confirming, setConfirming] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const ready = item.status === 'VALIDATED' && item.valid > 0;
  const count = formatNumber(lang, item.valid);
  async function commit() {
    setBusy(true);
    setError(null);
    try {
      await post<ImportAccepted>(`/v1/imports/${item.id}/commit`, {});
      setConfirming(false);
      follow();
    } catch (caught) {
      setError(caught);
      // A 409 says the import moved on (committed elsewhere, or still checking): show it as it is.
      follow();
    } finally {
      setBusy(false);
    }
  }
  return (
    <Section title={t.imports.commitTitle} id="commit">
      <p>
        {item.status === 'VALIDATED'
          ? item.valid > 0
            ? t.imports.commitHint
            : t.imports.commitNothing
          : t.imports.commitWaiting}
      </p>
      <ProblemNotice error={error} />
      {confirming && ready ? (
        <div class="import-confirm" role="group" aria-labelledby="commit-confirm">
          <p id="commit-confirm">
            {fill(t.imports.commitConfirm, {
              count,
              invalid: formatNumber(lang, item.invalid),
            })}
          </p>
          <div class="actions">
            <button type="button" disabled={busy} onClick={() => void commit()}>
              {t.imports.commitYes}
            </button>
            <button type="button" class="button-secondary" onClick={() => setConfirming(false)}>
              {t.app.cancel}
            </button>
          </div>
        </div>
      ) : (
        <div class="actions">
          <button type="button" disabled={!ready || busy} onClick={() => setConfirming(true)}>
            {fill(t.imports.commit, { count })}
          </button>
        </div>
      )}
    </Section>
  );
}
