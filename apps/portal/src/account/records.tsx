import type { Entry, Section as SectionInfo } from '../api-types';
import { fill, useT } from '../i18n/i18n';
import { Empty, Section } from '../ui/page';
import { DateText } from '../ui/text';
import { useMoreEntries } from './more';
import { CancelledNote, componentName, Fact, MoreButton, RecordedBy, StatusBadge } from './parts';

interface ListProps {
  learnerId: string;
  entries: Entry[];
  section: SectionInfo;
}

/** Certificates: scheme, level in words, number, dates, issuer, status (revoked with the reason). */
export function CertificateList({ learnerId, entries, section }: ListProps) {
  const t = useT();
  const a = t.learner.account;
  const more = useMoreEntries(learnerId, entries, section);
  return (
    <Section title={a.certificatesTitle} id="account-certificates">
      {more.items.length === 0 && <Empty>{a.noCertificates}</Empty>}
      <ul class="cards account-cards">
        {more.items.map((entry) => (
          <li key={entry.id} class="card">
            <div class="account-card-head">
              <p class="card-title">
                {entry.scheme?.name} {entry.levelName}
              </p>
              <StatusBadge status={entry.status} />
            </div>
            <dl class="facts">
              <Fact label={a.certificateNo}>{entry.certificateNo}</Fact>
              <Fact label={a.issuedAt}>
                <DateText value={entry.issuedAt} />
              </Fact>
              <Fact label={a.validUntil}>
                {entry.validUntil ? <DateText value={entry.validUntil} /> : a.noExpiry}
              </Fact>
              {entry.certificationBody && (
                <Fact label={a.issuer}>{entry.certificationBody.name}</Fact>
              )}
            </dl>
            {entry.cancelledBy && <CancelledNote cancellation={entry.cancelledBy} />}
            <RecordedBy entry={entry} />
          </li>
        ))}
      </ul>
      <MoreButton more={more} total={section.total} />
    </Section>
  );
}

/** Diplomas: program, school, number, graduation date. */
export function DiplomaList({ learnerId, entries, section }: ListProps) {
  const t = useT();
  const a = t.learner.account;
  const more = useMoreEntries(learnerId, entries, section);
  return (
    <Section title={a.diplomasTitle} id="account-diplomas">
      {more.items.length === 0 && <Empty>{a.noDiplomas}</Empty>}
      <ul class="cards account-cards">
        {more.items.map((entry) => (
          <li key={entry.id} class="card">
            <div class="account-card-head">
              <p class="card-title">{entry.program?.name}</p>
              <StatusBadge status={entry.status} />
            </div>
            <dl class="facts">
              {entry.institution && <Fact label={a.school}>{entry.institution.name}</Fact>}
              <Fact label={a.diplomaNo}>{entry.diplomaNo}</Fact>
              <Fact label={a.graduatedAt}>
                <DateText value={entry.graduatedAt} />
              </Fact>
            </dl>
            {entry.cancelledBy && <CancelledNote cancellation={entry.cancelledBy} />}
            <RecordedBy entry={entry} />
          </li>
        ))}
      </ul>
      <MoreButton more={more} total={section.total} />
    </Section>
  );
}

/** Exemptions: the course or exam component, credits, the rule and version, the evidence named. */
export function ExemptionList({ learnerId, entries, section }: ListProps) {
  const t = useT();
  const a = t.learner.account;
  const more = useMoreEntries(learnerId, entries, section);
  return (
    <Section title={a.exemptionsTitle} id="account-exemptions">
      {more.items.length === 0 && <Empty>{a.noExemptions}</Empty>}
      <ul class="cards account-cards">
        {more.items.map((entry) => (
          <li key={entry.id} class="card">
            <div class="account-card-head">
              <p class="card-title">
                {entry.kind === 'COURSE_EXEMPTION'
                  ? `${entry.course?.name ?? ''}（${entry.course?.code ?? ''}）`
                  : fill(a.examTarget, {
                      scheme: entry.scheme?.name ?? '',
                      level: entry.levelName ?? '',
                      component: componentName(t, entry.component),
                    })}
              </p>
              <StatusBadge status={entry.status} />
            </div>
            <dl class="facts">
              <Fact label={a.status}>{t.enums.entryKind[entry.kind]}</Fact>
              {entry.kind === 'COURSE_EXEMPTION' && <Fact label={a.credits}>{entry.credits}</Fact>}
              {entry.rule && (
                <Fact label={a.rule}>
                  {fill(a.ruleVersion, { name: entry.rule.name, version: entry.rule.version })}
                </Fact>
              )}
              {entry.evidence && entry.evidence.length > 0 && (
                <Fact label={a.evidence}>
                  <ul class="account-evidence">
                    {entry.evidence.map((e) => (
                      <li key={e.id}>{e.label}</li>
                    ))}
                  </ul>
                </Fact>
              )}
            </dl>
            {entry.cancelledBy && <CancelledNote cancellation={entry.cancelledBy} />}
            <RecordedBy entry={entry} />
          </li>
        ))}
      </ul>
      <MoreButton more={more} total={section.total} />
    </Section>
  );
}
