import { useState } from 'preact/hooks';
import { get } from '../api';
import type { CursorPage } from '../api-types';
import type { Candidate, ListOf, Scheme } from '../desk/types';
import { fill, useT } from '../i18n/i18n';
import { useMe } from '../session';
import { Field, Select, TextInput } from '../ui/fields';
import { useLoad } from '../ui/load';
import { Empty, Loading, Page, Section } from '../ui/page';
import { ProblemNotice } from '../ui/problem';
import '../desk/desk.css';

/** The body's schemes (the filter here, the choice when recording a certificate). */
export function useSchemes(bodyId: string | null) {
  return useLoad(
    (signal) =>
      get<ListOf<Scheme>>('/v1/certificate-schemes', { certificationBodyId: bodyId }, signal),
    [bodyId],
  );
}

function CandidateList({ bodyId }: { bodyId: string }) {
  const t = useT();
  const s = t.examiner.candidates;
  const [q, setQ] = useState('');
  const [schemeId, setSchemeId] = useState('');
  const [asked, setAsked] = useState({ q: '', schemeId: '' });
  const [more, setMore] = useState<CursorPage<Candidate> | null>(null);
  const [moreError, setMoreError] = useState<unknown>(null);
  const schemes = useSchemes(bodyId);
  const path = `/v1/certification-bodies/${bodyId}/learners`;
  const candidates = useLoad(
    (signal) =>
      get<CursorPage<Candidate>>(path, { q: asked.q.trim(), schemeId: asked.schemeId }, signal),
    [path, asked.q, asked.schemeId],
  );

  function search(event: Event) {
    event.preventDefault();
    setMore(null);
    setAsked({ q, schemeId });
  }

  async function loadMore(cursor: string) {
    setMoreError(null);
    try {
      const page = await get<CursorPage<Candidate>>(path, {
        q: asked.q.trim(),
        schemeId: asked.schemeId,
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
    <Section title={s.list} id="candidates">
      <form class="form desk-search" role="search" onSubmit={search} noValidate>
        <Field name="q" label={s.query} error={candidates.error}>
          {(a) => <TextInput {...a} type="search" value={q} onValue={setQ} maxLength={100} />}
        </Field>
        <Field name="schemeId" label={s.scheme} error={candidates.error}>
          {(a) => (
            <Select
              {...a}
              value={schemeId}
              onValue={setSchemeId}
              placeholder={s.allSchemes}
              options={(schemes.data?.items ?? []).map((scheme) => ({
                value: scheme.id,
                label: scheme.name,
              }))}
            />
          )}
        </Field>
        <button type="submit">{s.search}</button>
      </form>
      <Loading loaded={candidates}>
        {(page) => {
          const items = [...page.items, ...(more?.items ?? [])];
          const next = more ? more.nextCursor : page.nextCursor;
          if (!items.length) return <Empty>{s.none}</Empty>;
          return (
            <>
              <div class="table-wrap">
                <table class="desk-table">
                  <caption class="visually-hidden">{s.list}</caption>
                  <thead>
                    <tr>
                      <th scope="col">{s.name}</th>
                      <th scope="col">{s.registrations}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {items.map((item) => (
                      <tr key={item.learner.id}>
                        <th scope="row">
                          <a
                            href={`/candidates/${item.learner.id}`}
                            aria-label={fill(s.open, { name: item.learner.name })}
                          >
                            {item.learner.name}
                          </a>
                        </th>
                        <td data-label={s.registrations}>
                          <ul class="desk-details">
                            {item.registrations.map((r) => (
                              <li key={`${r.scheme.id}-${r.level}-${r.session}`}>
                                {fill(s.registration, {
                                  scheme: r.scheme.name,
                                  level: r.levelName,
                                  session: r.session,
                                })}
                              </li>
                            ))}
                          </ul>
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

/** The examiner's start page: the learners registered for this body's exams. */
export function Candidates() {
  const t = useT();
  const me = useMe();
  return (
    <Page title={t.examiner.candidates.title}>
      <p class="lead">{t.examiner.candidates.lead}</p>
      {me.certificationBodyId && <CandidateList bodyId={me.certificationBodyId} />}
    </Page>
  );
}
