import { useState } from 'preact/hooks';
import { api, get, post } from '../api';
import { fill, formatDate, todayInChina, useI18n, useT } from '../i18n/i18n';
import { Field, Select, TextInput } from '../ui/fields';
import { useLoad } from '../ui/load';
import { Empty, Loading, Page, Section } from '../ui/page';
import { ProblemNotice } from '../ui/problem';
import { Badge, DateText } from '../ui/text';
import type { Organisation, Share } from './types';
import './learner.css';

const STATUS_TONE = { ACTIVE: 'good', EXPIRED: 'plain', WITHDRAWN: 'plain' } as const;

/** A year from today in China, the latest day a share may run to. */
function aYearFrom(today: string): string {
  const [year, month, day] = today.split('-');
  return `${Number(year) + 1}-${month}-${day}`;
}

/** The learner's shares: who may read the account until when; granting and withdrawing. */
export function SharesPage() {
  const { t, lang } = useI18n();
  const s = t.learner.shares;
  const [notice, setNotice] = useState<string | null>(null);
  const shares = useLoad(
    (signal) => get<{ items: Share[] }>('/v1/me/shares', undefined, signal),
    [],
  );
  const [withdrawing, setWithdrawing] = useState<string | null>(null);
  const [withdrawError, setWithdrawError] = useState<unknown>(null);

  async function withdraw(share: Share) {
    setWithdrawing(share.id);
    setWithdrawError(null);
    setNotice(null);
    try {
      await api<Share>('DELETE', `/v1/me/shares/${share.id}`);
      setNotice(fill(s.withdrawn, { name: share.grantee.name }));
      shares.reload();
    } catch (error) {
      setWithdrawError(error);
    } finally {
      setWithdrawing(null);
    }
  }

  return (
    <Page title={t.nav.shares}>
      <p class="lead">{s.intro}</p>
      {notice && (
        <div class="notice notice-good" role="status">
          <p>{notice}</p>
        </div>
      )}
      <Section title={s.listTitle} id="shares-list">
        <ProblemNotice error={withdrawError} />
        <Loading loaded={shares}>
          {({ items }) =>
            items.length === 0 ? (
              <Empty>{s.none}</Empty>
            ) : (
              <ul class="cards learner-list">
                {items.map((share) => (
                  <li key={share.id} class="card">
                    <div class="learner-card-head">
                      <h3 class="learner-card-title">{share.grantee.name}</h3>
                      <Badge tone={STATUS_TONE[share.status]}>
                        {t.enums.shareStatus[share.status]}
                      </Badge>
                    </div>
                    <dl class="facts">
                      <dt>{s.granteeKind}</dt>
                      <dd>
                        {share.grantee.kind === 'INSTITUTION' ? s.kindInstitution : s.kindBody}
                      </dd>
                      <dt>{s.until}</dt>
                      <dd>
                        <DateText value={share.until} />
                      </dd>
                      <dt>{s.grantedAt}</dt>
                      <dd>
                        <DateText value={share.createdAt} withTime />
                      </dd>
                      {share.withdrawnAt && (
                        <>
                          <dt>{s.withdrawnAt}</dt>
                          <dd>
                            <DateText value={share.withdrawnAt} withTime />
                          </dd>
                        </>
                      )}
                    </dl>
                    {share.status === 'ACTIVE' && (
                      <div class="actions">
                        <button
                          type="button"
                          class="button-danger"
                          disabled={withdrawing !== null}
                          aria-label={fill(s.withdrawThis, { name: share.grantee.name })}
                          onClick={() => void withdraw(share)}
                        >
                          {s.withdraw}
                        </button>
                      </div>
                    )}
                  </li>
                ))}
              </ul>
            )
          }
        </Loading>
      </Section>
      <GrantForm
        onGranted={(share) => {
          setNotice(
            fill(s.granted, { name: share.grantee.name, until: formatDate(lang, share.until) }),
          );
          shares.reload();
        }}
      />
    </Page>
  );
}

function GrantForm({ onGranted }: { onGranted(share: Share): void }) {
  const t = useT();
  const s = t.learner.shares;
  const organisations = useLoad(async (signal) => {
    const [institutions, bodies] = await Promise.all([
      get<{ items: Organisation[] }>('/v1/institutions', undefined, signal),
      get<{ items: Organisation[] }>('/v1/certification-bodies', undefined, signal),
    ]);
    return { institutions: institutions.items, bodies: bodies.items };
  }, []);
  const today = todayInChina();
  const [kind, setKind] = useState<'institution' | 'body'>('institution');
  const [granteeId, setGranteeId] = useState('');
  const [until, setUntil] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const field = kind === 'institution' ? 'institutionId' : 'certificationBodyId';

  async function submit(event: Event) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const share = await post<Share>('/v1/me/shares', { [field]: granteeId || undefined, until });
      setGranteeId('');
      setUntil('');
      onGranted(share);
    } catch (problem) {
      setError(problem);
    } finally {
      setBusy(false);
    }
  }

  return (
    <Section title={s.grantTitle} id="shares-grant">
      <Loading loaded={organisations}>
        {({ institutions, bodies }) => (
          <form class="form form-narrow" onSubmit={(e) => void submit(e)} noValidate>
            <ProblemNotice
              error={error}
              fields={['institutionId', 'certificationBodyId', 'until']}
            />
            <fieldset>
              <legend>{s.granteeKind}</legend>
              <div class="learner-choices">
                <label>
                  <input
                    type="radio"
                    name="granteeKind"
                    checked={kind === 'institution'}
                    onChange={() => {
                      setKind('institution');
                      setGranteeId('');
                    }}
                  />{' '}
                  {s.kindInstitution}
                </label>
                <label>
                  <input
                    type="radio"
                    name="granteeKind"
                    checked={kind === 'body'}
                    onChange={() => {
                      setKind('body');
                      setGranteeId('');
                    }}
                  />{' '}
                  {s.kindBody}
                </label>
              </div>
            </fieldset>
            <Field name={field} label={s.grantee} error={error}>
              {(a) => (
                <Select
                  {...a}
                  value={granteeId}
                  onValue={setGranteeId}
                  required
                  placeholder={kind === 'institution' ? s.chooseInstitution : s.chooseBody}
                  options={(kind === 'institution' ? institutions : bodies).map((o) => ({
                    value: o.id,
                    label: o.name,
                  }))}
                />
              )}
            </Field>
            <Field name="until" label={s.until} hint={s.untilHint} error={error}>
              {(a) => (
                <TextInput
                  {...a}
                  type="date"
                  value={until}
                  onValue={setUntil}
                  min={today}
                  max={aYearFrom(today)}
                  required
                />
              )}
            </Field>
            <button type="submit" disabled={busy}>
              {s.grant}
            </button>
          </form>
        )}
      </Loading>
    </Section>
  );
}
