import { useState } from 'preact/hooks';
import { get } from '../api';
import type { CursorPage, Ref } from '../api-types';
import type { FoundLearner, ListOf, RosterItem } from '../desk/types';
import { fill, useT } from '../i18n/i18n';
import { useMe } from '../session';
import { Field, Select, TextInput } from '../ui/fields';
import { useLoad } from '../ui/load';
import { Empty, Loading, Page, Section } from '../ui/page';
import { ProblemNotice } from '../ui/problem';
import { Badge } from '../ui/text';
import '../desk/desk.css';

const ID_TYPES = [
  'RESIDENT_ID',
  'PASSPORT',
  'HKMO_PERMIT',
  'TW_PERMIT',
  'FOREIGN_PERMANENT_ID',
] as const;

/** The school's roster: search by name or student number, filter by program, page on. */
function Roster({ institutionId }: { institutionId: string }) {
  const t = useT();
  const s = t.registrar.students;
  const [q, setQ] = useState('');
  const [programId, setProgramId] = useState('');
  const [asked, setAsked] = useState({ q: '', programId: '' });
  const [more, setMore] = useState<{ items: RosterItem[]; nextCursor: string | null } | null>(null);
  const [moreError, setMoreError] = useState<unknown>(null);
  const programs = useLoad(
    (signal) => get<ListOf<Ref>>(`/v1/institutions/${institutionId}/programs`, undefined, signal),
    [institutionId],
  );
  const roster = useLoad(
    (signal) =>
      get<CursorPage<RosterItem>>(
        `/v1/institutions/${institutionId}/learners`,
        { q: asked.q.trim(), programId: asked.programId },
        signal,
      ),
    [institutionId, asked.q, asked.programId],
  );

  function search(event: Event) {
    event.preventDefault();
    setMore(null);
    setAsked({ q, programId });
  }

  async function loadMore(cursor: string) {
    setMoreError(null);
    try {
      const page = await get<CursorPage<RosterItem>>(`/v1/institutions/${institutionId}/learners`, {
        q: asked.q.trim(),
        programId: asked.programId,
        cursor,
      });
      setMore((previous) => ({
        items: [...(previous?.items ?? []), ...page.items],
        nextCursor: page.nextCursor,
      }));
    } catch (problem) {
      setMoreError(problem);
    }
  }

  return (
    <Section title={s.roster} id="roster">
      <form class="form desk-search" role="search" onSubmit={search} noValidate>
        <Field name="q" label={s.query} hint={s.queryHint} error={roster.error}>
          {(a) => <TextInput {...a} type="search" value={q} onValue={setQ} maxLength={100} />}
        </Field>
        <Field name="programId" label={s.program} error={roster.error}>
          {(a) => (
            <Select
              {...a}
              value={programId}
              onValue={setProgramId}
              placeholder={s.allPrograms}
              options={(programs.data?.items ?? []).map((p) => ({
                value: p.id,
                label: `${p.code} ${p.name}`,
              }))}
            />
          )}
        </Field>
        <button type="submit">{s.search}</button>
      </form>
      <Loading loaded={roster}>
        {(page) => {
          const items = [...page.items, ...(more?.items ?? [])];
          const next = more ? more.nextCursor : page.nextCursor;
          if (!items.length) return <Empty>{s.none}</Empty>;
          return (
            <>
              <div class="table-wrap">
                <table class="desk-table">
                  <caption class="visually-hidden">{s.roster}</caption>
                  <thead>
                    <tr>
                      <th scope="col">{s.name}</th>
                      <th scope="col">{s.studentNo}</th>
                      <th scope="col">{s.program}</th>
                      <th scope="col">{s.category}</th>
                      <th scope="col">{s.status}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {items.map((item) => (
                      <tr key={item.enrolmentId}>
                        <th scope="row">
                          <a
                            href={`/students/${item.learnerId}`}
                            aria-label={fill(s.open, { name: item.name })}
                          >
                            {item.name}
                          </a>
                        </th>
                        <td data-label={s.studentNo}>{item.studentNo}</td>
                        <td data-label={s.program}>{item.program.name}</td>
                        <td data-label={s.category}>{t.enums.category[item.category]}</td>
                        <td data-label={s.status}>
                          <Badge tone={item.status === 'ACTIVE' ? 'good' : 'plain'}>
                            {t.enums.enrolmentStatus[item.status]}
                          </Badge>
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
              <ProblemNotice error={moreError} />
              {next && (
                <button type="button" class="button-secondary" onClick={() => void loadMore(next)}>
                  {t.app.more}
                </button>
              )}
            </>
          );
        }}
      </Loading>
    </Section>
  );
}

/** GET /v1/learners?idType=&idNumber=: one account or none; limited per caller (a 429 says so). */
function IdentityLookup() {
  const t = useT();
  const s = t.registrar.students;
  const [idType, setIdType] = useState<string>('RESIDENT_ID');
  const [idNumber, setIdNumber] = useState('');
  const [found, setFound] = useState<FoundLearner[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  async function lookUp(event: Event) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    setFound(null);
    try {
      setFound((await get<ListOf<FoundLearner>>('/v1/learners', { idType, idNumber })).items);
    } catch (problem) {
      setError(problem);
    } finally {
      setBusy(false);
    }
  }

  return (
    <Section title={s.lookup} id="lookup">
      <p class="lead">{s.lookupLead}</p>
      <form class="form form-narrow" onSubmit={(e) => void lookUp(e)} noValidate>
        <ProblemNotice error={error} fields={['idType', 'idNumber']} />
        <Field name="idType" label={s.idType} error={error}>
          {(a) => (
            <Select
              {...a}
              value={idType}
              onValue={setIdType}
              options={ID_TYPES.map((type) => ({ value: type, label: t.enums.idType[type] }))}
            />
          )}
        </Field>
        <Field name="idNumber" label={s.idNumber} error={error}>
          {(a) => (
            <TextInput
              {...a}
              value={idNumber}
              onValue={setIdNumber}
              autocomplete="off"
              maxLength={64}
              required
            />
          )}
        </Field>
        <button type="submit" disabled={busy}>
          {s.lookupSubmit}
        </button>
      </form>
      {found && !found.length && <Empty>{s.lookupNone}</Empty>}
      {found && found.length > 0 && (
        <ul class="desk-rows">
          {found.map((learner) => (
            <li key={learner.id}>
              <a href={`/students/${learner.id}`} aria-label={fill(s.open, { name: learner.name })}>
                {fill(s.lookupFound, { name: learner.name, idNumber: learner.idNumber })}
              </a>
            </li>
          ))}
        </ul>
      )}
    </Section>
  );
}

/** The registrar's start page: find a student. */
export function Students() {
  const t = useT();
  const me = useMe();
  return (
    <Page title={t.registrar.students.title}>
      <p class="lead">{t.registrar.students.lead}</p>
      {me.institutionId && <Roster institutionId={me.institutionId} />}
      <IdentityLookup />
    </Page>
  );
}
