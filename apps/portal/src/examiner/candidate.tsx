import { useState } from 'preact/hooks';
import { useRoute } from 'preact-iso';
import { get } from '../api';
import type { Account, Entry } from '../api-types';
import { DeskOutcomeNotice, type DeskOutcome } from '../desk/correction';
import { PreviewedCorrection } from '../desk/preview';
import { EntryTable, type RowAction } from '../desk/entries';
import type { ExamRegistration, ListOf } from '../desk/types';
import { entryLabel } from '../desk/words';
import { fill, useT } from '../i18n/i18n';
import { useMe } from '../session';
import { useLoad } from '../ui/load';
import { Empty, Loading, Page, Section } from '../ui/page';
import { DateText } from '../ui/text';
import { useSchemes } from './candidates';
import { CertificateForm } from './certificate-form';
import '../desk/desk.css';

function Registrations({ items }: { items: ExamRegistration[] }) {
  const t = useT();
  const s = t.examiner.candidate;
  if (!items.length) return <Empty>{s.noRegistrations}</Empty>;
  return (
    <div class="table-wrap">
      <table class="desk-table">
        <caption class="visually-hidden">{s.registrations}</caption>
        <thead>
          <tr>
            <th scope="col">{s.scheme}</th>
            <th scope="col">{s.level}</th>
            <th scope="col">{s.session}</th>
            <th scope="col">{s.body}</th>
            <th scope="col">{t.registrar.desk.date}</th>
          </tr>
        </thead>
        <tbody>
          {items.map((r) => (
            <tr key={r.id}>
              <th scope="row">{r.scheme.name}</th>
              <td data-label={s.level}>{r.levelName}</td>
              <td data-label={s.session}>{r.session}</td>
              <td data-label={s.body}>{r.certificationBody.name}</td>
              <td data-label={t.registrar.desk.date}>
                <DateText value={r.createdAt} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** One candidate as the body's examiner sees them: certificates, registrations, record, revoke. */
export function CandidatePage() {
  const t = useT();
  const s = t.examiner.candidate;
  const me = useMe();
  const { params } = useRoute();
  const learnerId = params.learnerId;
  const account = useLoad(
    (signal) => get<Account>(`/v1/learners/${learnerId}/account`, undefined, signal),
    [learnerId],
  );
  const registrations = useLoad(
    (signal) =>
      get<ListOf<ExamRegistration>>(
        `/v1/learners/${learnerId}/exam-registrations`,
        undefined,
        signal,
      ),
    [learnerId],
  );
  const schemes = useSchemes(me.certificationBodyId);
  const [revoking, setRevoking] = useState<Entry | null>(null);
  const [outcome, setOutcome] = useState<DeskOutcome | null>(null);
  const name = account.data?.learner.name;

  /** Our body's standing certificates may be revoked (the API checks again). */
  const revoke = (entry: Entry): RowAction | null =>
    entry.status === 'ACTIVE' && entry.certificationBodyId === me.certificationBodyId
      ? {
          label: s.revoke,
          name: fill(s.revokeNamed, { entry: entryLabel(t, entry) }),
          onClick: () => {
            setOutcome(null);
            setRevoking(entry);
          },
        }
      : null;

  return (
    <Page title={name ? fill(s.title, { name }) : t.examiner.candidates.title}>
      <Loading loaded={account}>
        {(data) => (
          <>
            <DeskOutcomeNotice outcome={outcome} learner={data.learner.name} />
            <Section title={s.certificates} id="certificates">
              <EntryTable
                entries={data.certificates}
                caption={s.certificates}
                empty={s.noCertificates}
                action={revoke}
              />
              {revoking && (
                <PreviewedCorrection
                  key={revoking.id}
                  path={`/v1/certificates/${revoking.id}/revocation`}
                  previewPath={`/v1/certificates/${revoking.id}/revocation-preview`}
                  title={fill(s.revokeNamed, { entry: entryLabel(t, revoking) })}
                  reasonLabel={s.reason}
                  reasonHint={s.reasonHint}
                  confirmLabel={s.confirm}
                  onCancel={() => setRevoking(null)}
                  onDone={(result, known) => {
                    setOutcome({
                      text: fill(s.revoked, { entry: entryLabel(t, revoking) }),
                      result,
                      known,
                    });
                    setRevoking(null);
                    account.reload();
                  }}
                />
              )}
            </Section>
            <Section title={s.registrations} id="registrations">
              <Loading loaded={registrations}>
                {(list) => <Registrations items={list.items} />}
              </Loading>
            </Section>
            <Section title={s.record} id="record">
              <p class="lead">{s.recordLead}</p>
              <Loading loaded={schemes}>
                {(list) => (
                  <CertificateForm
                    learnerId={learnerId}
                    schemes={list.items}
                    onRecorded={(entry, scheme) => {
                      setRevoking(null);
                      setOutcome({
                        text: fill(s.recorded, {
                          certificate: [scheme.name, entry.level && t.enums.level[entry.level]]
                            .filter(Boolean)
                            .join(' · '),
                        }),
                        known: [],
                      });
                      account.reload();
                    }}
                  />
                )}
              </Loading>
            </Section>
            <Section title={t.registrar.student.exemptions} id="exemptions">
              <EntryTable
                entries={data.exemptions}
                caption={t.registrar.student.exemptions}
                empty={t.app.none}
              />
            </Section>
          </>
        )}
      </Loading>
    </Page>
  );
}
