import type { ComponentChildren } from 'preact';
import { useEffect } from 'preact/hooks';
import { useT } from '../i18n/i18n';
import type { Loaded } from './load';
import { ProblemNotice } from './problem';

/** A page: its heading is the document title too, so history and tabs name it. */
export function Page({
  title,
  children,
  actions,
}: {
  title: string;
  children: ComponentChildren;
  actions?: ComponentChildren;
}) {
  const t = useT();
  useEffect(() => {
    document.title = `${title} · ${t.app.name}`;
  }, [title, t]);
  return (
    <>
      <div class="page-head">
        <h1>{title}</h1>
        {actions && <div class="page-actions">{actions}</div>}
      </div>
      {children}
    </>
  );
}

/** Shows what a `useLoad` holds: a loading line, its error with a retry, or the content. */
export function Loading<T>({
  loaded,
  children,
}: {
  loaded: Loaded<T>;
  children: (data: T) => ComponentChildren;
}) {
  const t = useT();
  if (loaded.data !== undefined) return <>{children(loaded.data)}</>;
  if (loaded.error)
    return (
      <>
        <ProblemNotice error={loaded.error} />
        <button type="button" class="button-secondary" onClick={loaded.reload}>
          {t.app.retry}
        </button>
      </>
    );
  return (
    <p class="loading" role="status">
      {t.app.loading}
    </p>
  );
}

/** A titled section of a page. */
export function Section({
  title,
  children,
  id,
}: {
  title: string;
  children: ComponentChildren;
  id?: string;
}) {
  const headingId = `${id ?? title}-heading`.replace(/\s+/g, '-');
  return (
    <section class="section" aria-labelledby={headingId}>
      <h2 id={headingId}>{title}</h2>
      {children}
    </section>
  );
}

export function Empty({ children }: { children: ComponentChildren }) {
  return <p class="empty">{children}</p>;
}
