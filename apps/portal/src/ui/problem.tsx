import { ApiProblem } from '../api';
import { fill, useT } from '../i18n/i18n';

/** The words for an error: the API's own (already in the portal's language) or ours for the rest. */
export function useProblemText(): (error: unknown) => string {
  const t = useT();
  return (error) => {
    if (!(error instanceof ApiProblem))
      return fill(t.app.unexpected, { status: '—', requestId: '—' });
    if (error.status === 0) return t.app.offline;
    if (error.status >= 500)
      return fill(t.app.unexpected, { status: error.status, requestId: error.requestId ?? '—' });
    return error.detail && error.detail !== error.title
      ? `${error.title}: ${error.detail}`
      : error.title;
  };
}

/**
 * An error for the whole form or page. With field errors the fields show them; this says how many
 * and repeats the API's title, so a screen reader hears it first (role=alert).
 */
export function ProblemNotice({ error, fields = [] }: { error: unknown; fields?: string[] }) {
  const t = useT();
  const text = useProblemText();
  if (!error) return null;
  const named =
    error instanceof ApiProblem
      ? error.errors.filter((e) => fields.some((f) => e.field === f || e.field.startsWith(`${f}.`)))
      : [];
  const unplaced =
    error instanceof ApiProblem ? error.errors.filter((e) => !named.includes(e)) : [];
  return (
    <div class="notice notice-error" role="alert">
      <p>{named.length ? fill(t.app.formHasErrors, { count: named.length }) : text(error)}</p>
      {unplaced.length > 0 && (
        <ul>
          {unplaced.map((e) => (
            <li key={e.field}>
              <code>{e.field}</code> {e.message}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
