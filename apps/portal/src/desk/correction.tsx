import type { ComponentChildren } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import type { Entry } from '../api-types';
import { useT } from '../i18n/i18n';
import { Field, TextArea } from '../ui/fields';
import { ProblemNotice } from '../ui/problem';
import { useIdempotencyKey } from './idempotency';
import type { CorrectionResult } from './types';
import { exemptionWords } from './words';
import './desk.css';

/**
 * A panel for cancelling one entry: its heading takes the focus when it opens, a reason, and the
 * confirming button. `send` posts with the key this panel keeps, so a retry is the same action.
 */
export function CorrectionPanel({
  title,
  lead,
  reasonLabel,
  reasonHint,
  confirmLabel,
  send,
  onDone,
  onCancel,
  ready = true,
  children,
}: {
  title: string;
  lead?: string;
  reasonLabel: string;
  reasonHint: string;
  confirmLabel: string;
  send(reason: string, idempotencyKey: string): Promise<CorrectionResult>;
  onDone(result: CorrectionResult): void;
  onCancel(): void;
  /** False while what the correction would do is still being worked out: confirming waits. */
  ready?: boolean;
  children?: ComponentChildren;
}) {
  const t = useT();
  const [reason, setReason] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const key = useIdempotencyKey();
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);

  async function submit(event: Event) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      onDone(await send(reason, key.keyFor({ reason })));
    } catch (problem) {
      setError(problem);
    } finally {
      setBusy(false);
    }
  }

  return (
    <section class="section desk-panel desk-panel-danger" aria-labelledby="correction-heading">
      <h2 id="correction-heading" ref={heading} tabIndex={-1}>
        {title}
      </h2>
      {lead && <p class="lead">{lead}</p>}
      {children}
      <form class="form" onSubmit={(e) => void submit(e)} noValidate>
        <ProblemNotice error={error} fields={['reason']} />
        <Field name="reason" label={reasonLabel} hint={reasonHint} error={error}>
          {(a) => <TextArea {...a} value={reason} onValue={setReason} maxLength={500} required />}
        </Field>
        <div class="actions">
          <button type="submit" class="button-danger" disabled={busy || !ready}>
            {confirmLabel}
          </button>
          <button type="button" class="button-secondary" onClick={onCancel}>
            {t.app.cancel}
          </button>
        </div>
      </form>
    </section>
  );
}

/**
 * What a correction did, in words: the entry cancelled, the exemptions reversed with it and those
 * recorded again on the evidence that remains. The answer carries ids only; `known` are the named
 * entries the page showed (the account's exemptions, or the preview), which name them.
 */
export function CorrectionOutcome({
  result,
  done,
  learner,
  known,
}: {
  result: CorrectionResult;
  done: string;
  learner: string;
  known: Entry[];
}) {
  const t = useT();
  const d = t.registrar.desk;
  const byId = new Map(known.map((entry) => [entry.id, entry]));
  const repointedIds = new Set(result.repointed.map((r) => r.replacesEntryId));
  const cascaded = result.cascaded.filter(
    (reversal) => !repointedIds.has(reversal.cancelsEntryId ?? ''),
  );
  return (
    <div class="notice notice-good" role="status">
      <p>{done}</p>
      {cascaded.length === 0 && result.repointed.length === 0 && <p>{d.noCascade}</p>}
      {cascaded.length > 0 && (
        <>
          <h3>{d.cascadedTitle}</h3>
          <ul class="desk-list">
            {cascaded.map((reversal) => (
              <li key={reversal.id}>
                {exemptionWords(
                  t,
                  d.cascadedItem,
                  learner,
                  byId.get(reversal.cancelsEntryId ?? ''),
                )}
              </li>
            ))}
          </ul>
        </>
      )}
      {result.repointed.length > 0 && (
        <>
          <h3>{d.repointedTitle}</h3>
          <ul class="desk-list">
            {result.repointed.map((r) => (
              <li key={r.exemption.id}>
                {exemptionWords(t, d.repointedItem, learner, byId.get(r.replacesEntryId))}
              </li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}

/** What the last action on a desk page did: a correction's result, or a recording's sentence. */
export interface DeskOutcome {
  text: string;
  result?: CorrectionResult;
  known: Entry[];
}

/** The last action's outcome above the page: a correction in full, anything else as its sentence. */
export function DeskOutcomeNotice({
  outcome,
  learner,
}: {
  outcome: DeskOutcome | null;
  learner: string;
}) {
  if (!outcome) return null;
  if (outcome.result)
    return (
      <CorrectionOutcome
        result={outcome.result}
        done={outcome.text}
        learner={learner}
        known={outcome.known}
      />
    );
  return (
    <div class="notice notice-good" role="status">
      <p>{outcome.text}</p>
    </div>
  );
}
