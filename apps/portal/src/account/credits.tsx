import type { Entry, Section as SectionInfo } from '../api-types';
import { fill, useT } from '../i18n/i18n';
import { Empty, Section } from '../ui/page';
import { Badge, NumberText } from '../ui/text';
import { useMoreEntries } from './more';
import { CancelledNote, MoreButton, StatusBadge } from './parts';

/** Terms newest first, each with its courses in the order recorded (newest first). */
function byTerm(entries: Entry[]): [string, Entry[]][] {
  const terms = new Map<string, Entry[]>();
  for (const entry of entries) {
    const term = entry.term ?? '';
    terms.set(term, [...(terms.get(term) ?? []), entry]);
  }
  return [...terms.entries()].sort(([a], [b]) => b.localeCompare(a));
}

/** Course credits grouped by term: course (name, code, school), score, credits, and whether they count. */
export function CreditsByTerm({
  learnerId,
  entries,
  section,
}: {
  learnerId: string;
  entries: Entry[];
  section: SectionInfo;
}) {
  const t = useT();
  const a = t.learner.account;
  const more = useMoreEntries(learnerId, entries, section);
  return (
    <Section title={a.creditsTitle} id="account-credits">
      {more.items.length === 0 && <Empty>{a.noCredits}</Empty>}
      {byTerm(more.items).map(([term, rows]) => (
        <div key={term} class="account-term">
          <h3>{fill(a.termHeading, { term })}</h3>
          <div class="table-wrap">
            <table class="account-credits">
              <thead>
                <tr>
                  <th scope="col">{a.course}</th>
                  <th scope="col" class="number">
                    {a.score}
                  </th>
                  <th scope="col" class="number">
                    {a.credits}
                  </th>
                  <th scope="col">{a.status}</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((entry) => (
                  <tr key={entry.id}>
                    <td>
                      <span class="account-course">{entry.course?.name}</span>{' '}
                      <span class="account-code">{entry.course?.code}</span>
                      {entry.institution && (
                        <span class="account-school">{entry.institution.name}</span>
                      )}
                      {entry.cancelledBy && <CancelledNote cancellation={entry.cancelledBy} />}
                    </td>
                    <td class="number">
                      <NumberText value={entry.score ?? ''} />
                    </td>
                    <td class="number">
                      <NumberText value={entry.credits ?? '0'} />
                    </td>
                    <td>
                      {entry.status !== 'ACTIVE' ? (
                        <StatusBadge status={entry.status} />
                      ) : entry.passed ? (
                        <Badge tone="good">{a.passed}</Badge>
                      ) : (
                        <Badge tone="bad">{a.failed}</Badge>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </div>
      ))}
      <MoreButton more={more} total={section.total} />
    </Section>
  );
}
