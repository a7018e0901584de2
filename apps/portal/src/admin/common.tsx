import { useRef, useState } from 'preact/hooks';
import { api, ApiProblem, newIdempotencyKey } from '../api';
import { useT } from '../i18n/i18n';
import './admin.css';

export const patch = <T,>(path: string, body: unknown) => api<T>('PATCH', path, { body });

/** One form's submission: busy while it runs, the API's refusal kept for the fields to show. */
export function useAction() {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  async function run<T>(action: () => Promise<T>): Promise<T | undefined> {
    setBusy(true);
    setError(null);
    try {
      return await action();
    } catch (problem) {
      setError(problem);
      return undefined;
    } finally {
      setBusy(false);
    }
  }
  return { busy, error, setError, run };
}

/** An Idempotency-Key kept for the retries of one creation, fresh once it succeeded. */
export function useIdempotencyKey(): { key: () => string; used: () => void } {
  const current = useRef(newIdempotencyKey());
  return {
    key: () => current.current,
    used: () => {
      current.current = newIdempotencyKey();
    },
  };
}

/**
 * A 409 about some fields (e.g. a course's credits, frozen once recorded) as a refusal of those
 * fields, so that the form shows the API's message next to them.
 */
export function onFields(error: unknown, code: string, fields: string[]): unknown {
  if (!(error instanceof ApiProblem) || error.code !== code || fields.length === 0) return error;
  const message = error.detail ?? error.title;
  return new ApiProblem(
    error.status,
    error.code,
    error.title,
    error.detail,
    fields.map((field) => ({ field, code, message })),
    error.requestId,
    error.body,
  );
}

/** The fields of `draft` that differ from `original`: what a PATCH sends. */
export function changes(original: object, draft: Record<string, unknown>): Record<string, unknown> {
  const before = original as Record<string, unknown>;
  return Object.fromEntries(Object.entries(draft).filter(([key, value]) => value !== before[key]));
}

/**
 * A hash or fingerprint: its first characters in monospace, the whole value one click away
 * (and in the title), for the few who compare it.
 */
export function Hash({ value }: { value: string }) {
  const t = useT();
  return (
    <details class="hash">
      <summary title={value}>
        <code>{`${value.slice(0, 12)}…`}</code>
        <span class="visually-hidden">{t.admin.common.showFull}</span>
      </summary>
      <code class="hash-full">{value}</code>
    </details>
  );
}

/**
 * The refusal of one of several forms of the same kind on a page (one per row): its field paths
 * put under `prefix`, so that each form's fields have ids of their own and show their errors.
 * Prefixes are made of codes or usernames, never ids: a path no field shows is printed as is.
 */
export function within(error: unknown, prefix: string): unknown {
  if (!(error instanceof ApiProblem)) return error;
  return new ApiProblem(
    error.status,
    error.code,
    error.title,
    error.detail,
    error.errors.map((e) => (e.field === '(body)' ? e : { ...e, field: `${prefix}.${e.field}` })),
    error.requestId,
    error.body,
  );
}
