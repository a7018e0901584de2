import { useState } from 'preact/hooks';
import { useRoute } from 'preact-iso';
import { get } from '../api';
import type { Account, Entry } from '../api-types';
import { DeskOutcomeNotice, type DeskOutcome } from '../desk/correction';
import { PreviewedCorrection } from '../desk/preview';
import { EntryTable, type RowAction } from '../desk/entries';
import type { Course, Enrolment, ListOf } from '../desk/types';
import { entryLabel } from '../desk/words';
import { fill, useT } from '../i18n/i18n';
import { useMe } from '../session';
import { useLoad } from '../ui/load';
import { Empty, Loading, Page, Section } from '../ui/page';
import { Badge, DateText, NumberText } from '../ui/text';
import { CreditForm } from './credit-form';
import '../desk/desk.css';

function Enrolments({ items }: { items: Enrolment[] }) {
  const t = useT();
  const s = t.registrar.student;
  const r = t.registrar.students;
  if (!items.length) return <Empty>{s.noEnrolments}</Empty>;
  return (
    <div class="table-wrap">
      <table class="desk-table">
        <caption class="visually-hidden">{s.enrolments}</caption>
        <thead>
          <tr>
            <th scope="col">{s.school}</th>
            <th scope="col">{r.program}</th>
            <th scope="col">{r.studentNo}</th>
            <th scope="col">{r.category}</th>
            <th scope="col">{s.started}</th>
            <th scope="col">{r.status}</th>
          </tr>
        </thead>
        <tbody>
          {items.map((e) => (
            <tr key={e.id}>
              <th scope="row">{e.institution.name}</th>
              <td data-label={r.program}>{`${e.program.code} ${e.program.name}`}</td>
              <td data-label={r.studentNo}>{e.studentNo}</td>
              <td data-label={r.category}>{t.enums.category[e.category]}</td>
              <td data-label={s.started}>
                <DateText value={e.startedAt} />
              </td>
              <td data-label={r.status}>
                <Badge tone={e.status === 'ACTIVE' ? 'good' : 'plain'}>
                  {t.enums.enrolmentStatus[e.status]}
                </Badge>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** One learner's account as the school's registrar sees it: record a result, reverse an entry. */
export function Student() {
  const t = useT();
  const s = t.registrar.student;
  const d = t.registrar.desk;
  const me = useMe();
  const { params } = useRoute();
  const learnerId = params.learnerId;
  const account = useLoad(
    (signal) => get<Account>(`/v1/learners/${learnerId}/account`, undefined, signal),
    [learnerId],
  );
  const enrolments = useLoad(
    (signal) => get<ListOf<Enrolment>>(`/v1/learners/${learnerId}/enrolments`, undefined, signal),
    [learnerId],
  );
  const courses = useLoad(
    (signal) =>
      get<ListOf<Course>>(`/v1/institutions/${me.institutionId}/courses`, undefined, signal),
    [me.institutionId],
  );
  const [reversing, setReversing] = useState<Entry | null>(null);
  const [outcome, setOutcome] = useState<DeskOutcome | null>(null);
  const name = account.data?.learner.name;

  /** Our school's standing entries may be reversed (the API checks again). */
  const reverse = (entry: Entry): RowAction | null =>
    entry.status === 'ACTIVE' && entry.institutionId === me.institutionId
      ? {
          label: d.reverse,
          name: fill(d.reverseNamed, { entry: entryLabel(t, entry) }),
          onClick: () => {
            setOutcome(null);
            setReversing(entry);
          },
        }
      : null;

  const panel = (group: Entry[]) =>
    reversing &&
    group.some((e) => e.id === reversing.id) && (
      <PreviewedCorrection
        key={reversing.id}
        path={`/v1/entries/${reversing.id}/reversal`}
        previewPath={`/v1/entries/${reversing.id}/reversal-preview`}
        title={fill(d.reverseNamed, { entry: entryLabel(t, reversing) })}
        lead={d.reverseLead}
        reasonLabel={d.reason}
        reasonHint={d.reasonHint}
        confirmLabel={d.confirmReverse}
        onCancel={() => setReversing(null)}
        onDone={(result, known) => {
          setOutcome({
            text: fill(d.reversed, { entry: entryLabel(t, reversing) }),
            result,
            known,
          });
          setReversing(null);
          account.reload();
        }}
      />
    );

  return (
    <Page title={name ? fill(s.title, { name }) : t.registrar.students.title}>
      <Loading loaded={account}>
        {(data) => (
          <>
            <DeskOutcomeNotice outcome={outcome} learner={data.learner.name} />
            <Section title={s.identity} id="identity">
              <dl class="facts">
                <dt>{s.idType}</dt>
                <dd>
                  {t.enums.idType[data.learner.idType as keyof typeof t.enums.idType] ??
                    data.learner.idType}
                </dd>
                <dt>{s.idNumber}</dt>
                <dd>{data.learner.idNumber}</dd>
                {data.learner.birthYear !== null && (
                  <>
                    <dt>{s.birthYear}</dt>
                    <dd>{data.learner.birthYear}</dd>
                  </>
                )}
                <dt>{s.creditsEarned}</dt>
                <dd>
                  <NumberText value={data.totals.creditsEarned} />
                </dd>
              </dl>
            </Section>
            <Section title={s.enrolments} id="enrolments">
              <Loading loaded={enrolments}>{(list) => <Enrolments items={list.items} />}</Loading>
            </Section>
            <Section title={s.record} id="record">
              <p class="lead">{s.recordLead}</p>
              <Loading loaded={courses}>
                {(list) => (
                  <CreditForm
                    learnerId={learnerId}
                    courses={list.items}
                    passed={
                      new Set(
                        data.courseCredits
                          .filter((e) => e.status === 'ACTIVE' && e.passed)
                          .map((e) => e.courseId ?? ''),
                      )
                    }
                    onRecorded={(entry, course) => {
                      setReversing(null);
                      setOutcome({
                        text: fill(s.recorded, {
                          course: `${course.code} ${course.name}`,
                          score: entry.score ?? '',
                        }),
                        known: [],
                      });
                      account.reload();
                    }}
                  />
                )}
              </Loading>
            </Section>
            <Section title={s.credits} id="credits">
              <EntryTable
                entries={data.courseCredits}
                caption={s.credits}
                empty={s.noCredits}
                withScore
                action={reverse}
              />
              {panel(data.courseCredits)}
            </Section>
            <Section title={s.exemptions} id="exemptions">
              <EntryTable
                entries={data.exemptions}
                caption={s.exemptions}
                empty={t.app.none}
                action={reverse}
              />
              {panel(data.exemptions)}
            </Section>
            <Section title={s.certificates} id="certificates">
              <EntryTable entries={data.certificates} caption={s.certificates} empty={t.app.none} />
            </Section>
            <Section title={s.diplomas} id="diplomas">
              <EntryTable
                entries={data.diplomas}
                caption={s.diplomas}
                empty={t.app.none}
                action={reverse}
              />
              {panel(data.diplomas)}
            </Section>
          </>
        )}
      </Loading>
    </Page>
  );
}
