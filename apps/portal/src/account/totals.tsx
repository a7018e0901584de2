import type { Account, Entry } from '../api-types';
import { fill, formatDate, formatNumber, useI18n } from '../i18n/i18n';
import { Section } from '../ui/page';
import { NumberText } from '../ui/text';
import { entryLabel } from './parts';

/**
 * The account's totals, and why: what counts toward the credits earned (passed courses, course
 * exemptions), and what does not (failed courses, entries reversed or revoked, certificates
 * until an exemption is granted for them).
 */
export function AccountTotals({ account }: { account: Account }) {
  const { t, lang } = useI18n();
  const a = t.learner.account;
  const { totals } = account;
  const number = (value: string) => formatNumber(lang, value);
  const failed = account.courseCredits.filter((e) => e.status === 'ACTIVE' && e.passed === false);
  const cancelled: Entry[] = [
    ...account.courseCredits,
    ...account.certificates,
    ...account.diplomas,
    ...account.exemptions,
  ].filter((e) => e.cancelledBy);
  return (
    <Section title={a.totalsTitle} id="account-totals">
      <div class="figures">
        <Figure label={a.creditsEarned} value={totals.creditsEarned} main />
        <Figure label={a.fromCourses} value={totals.bySource.courseCredits} />
        <Figure label={a.fromExemptions} value={totals.bySource.courseExemptions} />
        <Figure label={a.certificatesRecognised} value={totals.bySource.certificatesRecognised} />
      </div>
      <h3>{a.countsTitle}</h3>
      <ul class="account-why">
        <li>{fill(a.countsCourses, { credits: number(totals.bySource.courseCredits) })}</li>
        <li>{fill(a.countsExemptions, { credits: number(totals.bySource.courseExemptions) })}</li>
      </ul>
      <h3>{a.notCountedTitle}</h3>
      <ul class="account-why">
        <li>
          {fill(a.certificatesNote, { credits: number(totals.bySource.certificatesRecognised) })}
        </li>
        {failed.map((entry) => (
          <li key={entry.id}>
            {fill(a.failedCourse, {
              course: entry.course ? `${entry.course.name}（${entry.course.code}）` : '',
              term: entry.term ?? '',
              score: number(entry.score ?? ''),
            })}
          </li>
        ))}
        {cancelled.map((entry) => {
          const c = entry.cancelledBy!;
          return (
            <li key={entry.id}>
              {fill(a.cancelledEntry, {
                what: entryLabel(t, entry),
                by: c.recorder.name,
                at: formatDate(lang, c.recordedAt, true),
                action: c.kind === 'REVOCATION' ? a.revokedAction : a.reversedAction,
                reason: c.reason,
              })}
            </li>
          );
        })}
      </ul>
    </Section>
  );
}

function Figure({ label, value, main }: { label: string; value: string; main?: boolean }) {
  return (
    <div class={main ? 'account-figure account-figure-main' : 'account-figure'}>
      <span class="figure">
        <NumberText value={value} />
      </span>
      <span class="account-figure-label">{label}</span>
    </div>
  );
}
