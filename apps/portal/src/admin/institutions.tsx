import { useState } from 'preact/hooks';
import { get, post } from '../api';
import { fill, useT } from '../i18n/i18n';
import { Field, Select, TextInput } from '../ui/fields';
import { useLoad } from '../ui/load';
import { Empty, Loading, Page, Section } from '../ui/page';
import { ProblemNotice } from '../ui/problem';
import { changes, patch, useAction, useIdempotencyKey, within } from './common';
import { INSTITUTION_KINDS, type Institution, type List } from './types';

function useKindOptions() {
  const t = useT();
  return INSTITUTION_KINDS.map((kind) => ({ value: kind, label: t.enums.institutionKind[kind] }));
}

function CreateInstitution({ onCreated }: { onCreated(created: Institution): void }) {
  const t = useT();
  const kinds = useKindOptions();
  const { busy, error, run } = useAction();
  const idempotency = useIdempotencyKey();
  const [code, setCode] = useState('');
  const [name, setName] = useState('');
  const [kind, setKind] = useState('');

  async function submit(event: Event) {
    event.preventDefault();
    const created = await run(() =>
      post<Institution>(
        '/v1/institutions',
        { code: code.trim(), name: name.trim(), kind: kind || undefined },
        { idempotencyKey: idempotency.key() },
      ),
    );
    if (!created) return;
    idempotency.used();
    setCode('');
    setName('');
    setKind('');
    onCreated(created);
  }

  return (
    <form class="form form-narrow" onSubmit={(e) => void submit(e)} noValidate>
      <ProblemNotice error={error} fields={['code', 'name', 'kind']} />
      <Field name="code" label={t.admin.common.code} hint={t.admin.common.codeHint} error={error}>
        {(a) => <TextInput {...a} value={code} onValue={setCode} autocomplete="off" required />}
      </Field>
      <Field name="name" label={t.admin.common.name} error={error}>
        {(a) => <TextInput {...a} value={name} onValue={setName} required />}
      </Field>
      <Field name="kind" label={t.admin.institutions.kind} error={error}>
        {(a) => (
          <Select
            {...a}
            value={kind}
            onValue={setKind}
            options={kinds}
            placeholder={t.admin.common.choose}
            required
          />
        )}
      </Field>
      <div class="actions">
        <button type="submit" disabled={busy}>
          {t.admin.institutions.create}
        </button>
      </div>
    </form>
  );
}

function EditInstitution({
  institution,
  onSaved,
}: {
  institution: Institution;
  onSaved(saved: Institution): void;
}) {
  const t = useT();
  const kinds = useKindOptions();
  const { busy, error, run } = useAction();
  const [name, setName] = useState(institution.name);
  const [kind, setKind] = useState<string>(institution.kind);
  const [saved, setSaved] = useState(false);

  async function submit(event: Event) {
    event.preventDefault();
    setSaved(false);
    const body = changes(institution, { name: name.trim(), kind: kind });
    const answer = await run(() => patch<Institution>(`/v1/institutions/${institution.id}`, body));
    if (!answer) return;
    setSaved(true);
    onSaved(answer);
  }

  const prefix = `institution-${institution.code}`;
  const shown = within(error, prefix);
  return (
    <form class="form" onSubmit={(e) => void submit(e)} noValidate>
      <ProblemNotice error={shown} fields={[prefix]} />
      {saved && (
        <p class="notice notice-good" role="status">
          {t.app.saved}
        </p>
      )}
      <Field name={`${prefix}.name`} label={t.admin.common.name} error={shown}>
        {(a) => <TextInput {...a} name="name" value={name} onValue={setName} required />}
      </Field>
      <Field name={`${prefix}.kind`} label={t.admin.institutions.kind} error={shown}>
        {(a) => <Select {...a} name="kind" value={kind} onValue={setKind} options={kinds} />}
      </Field>
      <div class="actions">
        <button type="submit" disabled={busy}>
          {t.app.save}
        </button>
      </div>
    </form>
  );
}

function InstitutionCard({
  institution,
  onChanged,
}: {
  institution: Institution;
  onChanged(): void;
}) {
  const t = useT();
  return (
    <li class="card admin-card">
      <div class="admin-card-head">
        <p class="card-title">{institution.name}</p>
        <a href={`/institutions/${institution.id}`}>{t.admin.institutions.open}</a>
      </div>
      <p class="card-meta">
        <span class="admin-mono">{institution.code}</span>
        {' · '}
        {t.enums.institutionKind[institution.kind]}
      </p>
      <details class="admin-edit">
        <summary>{t.admin.common.edit}</summary>
        <EditInstitution institution={institution} onSaved={onChanged} />
      </details>
    </li>
  );
}

/** `/institutions`: every school, a form to register one, and a correction form on each. */
export function InstitutionsPage() {
  const t = useT();
  const list = useLoad(
    (signal) => get<List<Institution>>('/v1/institutions', undefined, signal),
    [],
  );
  const [created, setCreated] = useState<Institution | null>(null);
  return (
    <Page title={t.admin.institutions.title}>
      <p class="lead">{t.admin.institutions.intro}</p>
      <Section title={t.admin.institutions.listTitle} id="institutions">
        <Loading loaded={list}>
          {(data) =>
            data.items.length === 0 ? (
              <Empty>{t.admin.institutions.empty}</Empty>
            ) : (
              <>
                <p class="card-meta">{fill(t.admin.institutions.count, { count: data.total })}</p>
                <ul class="cards admin-list">
                  {data.items.map((institution) => (
                    <InstitutionCard
                      key={institution.id}
                      institution={institution}
                      onChanged={list.reload}
                    />
                  ))}
                </ul>
              </>
            )
          }
        </Loading>
      </Section>
      <Section title={t.admin.institutions.createTitle} id="create-institution">
        {created && (
          <p class="notice notice-good" role="status">
            {fill(t.admin.institutions.created, { name: created.name })}{' '}
            <a href={`/institutions/${created.id}`}>{t.admin.institutions.open}</a>
          </p>
        )}
        <CreateInstitution
          onCreated={(institution) => {
            setCreated(institution);
            list.reload();
          }}
        />
      </Section>
    </Page>
  );
}
