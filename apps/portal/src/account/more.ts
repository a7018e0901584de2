import { useState } from 'preact/hooks';
import { get } from '../api';
import type { CursorPage, Entry, Section } from '../api-types';

export interface MoreEntries {
  items: Entry[];
  hasMore: boolean;
  loading: boolean;
  error: unknown;
  more(): void;
}

/**
 * A section of the account summary (its newest items) and the rest on demand: the section's
 * cursor continues at GET /v1/learners/{id}/entries, keeping the section's kinds.
 */
export function useMoreEntries(learnerId: string, first: Entry[], section: Section): MoreEntries {
  const [extra, setExtra] = useState<Entry[]>([]);
  const [cursor, setCursor] = useState<string | null>(section.nextCursor);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<unknown>(null);
  function more() {
    if (!cursor || loading) return;
    setLoading(true);
    setError(null);
    get<CursorPage<Entry>>(`/v1/learners/${learnerId}/entries`, { cursor }).then(
      (page) => {
        setExtra((previous) => [...previous, ...page.items]);
        setCursor(page.nextCursor);
        setLoading(false);
      },
      (problem: unknown) => {
        setError(problem);
        setLoading(false);
      },
    );
  }
  return { items: [...first, ...extra], hasMore: cursor !== null, loading, error, more };
}
