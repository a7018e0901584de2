import { useEffect, useState } from 'preact/hooks';
import type { CursorPage } from '../api-types';
import { useT } from '../i18n/i18n';
import { ProblemNotice } from './problem';

/** The pages of a list read past its first (which a `useLoad` reads, with its loading and retry). */
export interface MorePages<T> {
  /** What the pages after the first hold, in order. */
  items: T[];
  /** Where the next page starts: the first page's cursor until another page is read. */
  nextCursor(first: CursorPage<T>): string | null;
  error: unknown;
  /** Reads the page at `cursor` and adds it to `items`. */
  load(cursor: string): Promise<void>;
}

/** Pages read with `fetchNext` on request, forgotten when `resetDeps` change (a new first page). */
export function useMorePages<T>(
  fetchNext: (cursor: string) => Promise<CursorPage<T>>,
  resetDeps: unknown[],
): MorePages<T> {
  const [more, setMore] = useState<CursorPage<T> | null>(null);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => setMore(null), resetDeps);
  async function load(cursor: string) {
    setError(null);
    try {
      const page = await fetchNext(cursor);
      setMore((previous) => ({
        items: [...(previous?.items ?? []), ...page.items],
        nextCursor: page.nextCursor,
      }));
    } catch (caught) {
      setError(caught);
    }
  }
  return {
    items: more?.items ?? [],
    nextCursor: (first) => (more ? more.nextCursor : first.nextCursor),
    error,
    load,
  };
}

/** Why the last page did not come, and the button for the next one while there is one. */
export function MoreButton<T>({ more, first }: { more: MorePages<T>; first: CursorPage<T> }) {
  const t = useT();
  const cursor = more.nextCursor(first);
  return (
    <>
      <ProblemNotice error={more.error} />
      {cursor && (
        <button type="button" class="button-secondary" onClick={() => void more.load(cursor)}>
          {t.app.more}
        </button>
      )}
    </>
  );
}
