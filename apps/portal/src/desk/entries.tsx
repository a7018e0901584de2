import type { Entry } from '../api-types';
import { fill, formatDate, useI18n } from '../i18n/i18n';
import { Badge, DateText, NumberText } from '../ui/text';
import { Empty } from '../ui/page';
import { entryLabel, entryStatus } from './words';
import './desk.css';

/** A button of a row (reverse, revoke), named with the entry it acts on. */
export interface RowAction {
  label: string;
  /** The accessible name: the action and the entry, so a list of buttons tells them apart. */
  name: string;
  onClick(): void;
}

function Details({ entry }: { entry: Entry }) {
  const { t } = useI18n();
  const d = t.registrar.desk;
  const lines: string[] = [];
  if (entry.certificateNo) lines.push(fill(d.certificateNo, { no: entry.certificateNo }));
  if (entry.rule) lines.push(fill(d.rule, { rule: entry.rule.name }));
  if (entry.evidence?.length)
    lines.push(fill(d.evidence, { evidence: entry.evidence.map((e) => e.label).join('；') }));
  const cancelled = entry.cancelledBy;
  // A cascaded reversal's own reason is the API's sentence about its evidence (with its id):
  // what a person needs is which evidence fell, by name.
  if (cancelled)
    lines.push(
      cancelled.cause
        ? fill(d.cancelledWith, { cause: cancelled.cause.label })
        : fill(d.cancelled, { kind: t.enums.entryKind[cancelled.kind], reason: cancelled.reason }),
    );
  if (!lines.length) return null;
  return (
    <ul class="desk-details">
      {lines.map((line) => (
        <li key={line}>{line}</li>
      ))}
    </ul>
  );
}

/** The day an entry's outcome happened: completed, issued, graduated, or recorded. */
function dayOf(entry: Entry): string {
  return entry.completedAt ?? entry.issuedAt ?? entry.graduatedAt ?? entry.recordedAt;
}

/**
 * A learner's entries as staff read them: what each is (named), term and score where they apply,
 * credits, status in words, and the row's action. On a phone each row is a card.
 */
export function EntryTable({
  entries,
  empty,
  caption,
  withScore = false,
  action,
}: {
  entries: Entry[];
  empty: string;
  caption: string;
  withScore?: boolean;
  action?: (entry: Entry) => RowAction | null;
}) {
  const { t, lang } = useI18n();
  const d = t.registrar.desk;
  if (!entries.length) return <Empty>{empty}</Empty>;
  return (
    <div class="table-wrap">
      <table class="desk-table">
        <caption class="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{d.item}</th>
            {withScore && <th scope="col">{d.term}</th>}
            {withScore && (
              <th scope="col" class="number">
                {d.score}
              </th>
            )}
            <th scope="col" class="number">
              {d.credits}
            </th>
            <th scope="col">{d.date}</th>
            <th scope="col">{d.status}</th>
            {action && <th scope="col">{d.actions}</th>}
          </tr>
        </thead>
        <tbody>
          {entries.map((entry) => {
            const status = entryStatus(t, entry);
            const act = action?.(entry) ?? null;
            return (
              <tr key={entry.id} data-entry={entry.kind}>
                <th scope="row" class="desk-item">
                  <span class="desk-name">{entryLabel(t, entry)}</span>
                  <Details entry={entry} />
                </th>
                {withScore && <td data-label={d.term}>{entry.term}</td>}
                {withScore && (
                  <td class="number" data-label={d.score}>
                    {entry.score !== undefined && <NumberText value={entry.score} />}
                  </td>
                )}
                <td class="number" data-label={d.credits}>
                  {entry.credits !== undefined && <NumberText value={entry.credits} />}
                </td>
                <td data-label={d.date}>
                  <span>
                    <DateText value={dayOf(entry)} />
                    {entry.validUntil && (
                      <span class="desk-sub">
                        {fill(d.validUntil, { date: formatDate(lang, entry.validUntil) })}
                      </span>
                    )}
                  </span>
                </td>
                <td data-label={d.status}>
                  <Badge tone={status.tone}>{status.text}</Badge>
                </td>
                {action && (
                  <td data-label={d.actions}>
                    {act && (
                      <button
                        type="button"
                        class="button-secondary desk-action"
                        aria-label={act.name}
                        onClick={act.onClick}
                      >
                        {act.label}
                      </button>
                    )}
                  </td>
                )}
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
