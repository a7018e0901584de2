import { useState } from 'preact/hooks';
import { get, post } from '../api';
import type { Level } from '../api-types';
import { fill, useT } from '../i18n/i18n';
import { Field, Select, TextInput } from '../ui/fields';
import { useLoad } from '../ui/load';
import { Empty, Loading, Page, Section } from '../ui/page';
import { ProblemNotice } from '../ui/problem';
import { NumberText } from '../ui/text';
import { useAction, useIdempotencyKey, within } from './common';
import { LEVELS, type CertificationBody, type List, type Scheme } from './types';

interface Bodies {
  bodies: CertificationBody[];
  schemes: Scheme[];
}

function CreateBody({ onCreated }: { onCreated(): void }) {
  const t = useT();
  const { busy, error, run } = useAction();
  const idempotency = useIdempotencyKey();
  const [code, setCode] = useState('');
  const [name, setName] = useState('');
  const [created, setCreated] = useState<CertificationBody | null>(null);

  async function submit(event: Event) {
    event.preventDefault();
    setCreated(null);
    const body = await run(() =>
      post<CertificationBody>(
        '/v1/certification-bodies',
        { code: code.trim(), name: name.trim() },
        { idempotencyKey: idempotency.key() },
      ),
    );
    if (!body) return;
    idempotency.used();
    setCode('');
    setName('');
    setCreated(body);
    onCreated();
  }

  const p = 'body';
  const shown = within(error, p);
  return (
    <form class="form form-narrow" onSubmit={(e) => void submit(e)} noValidate>
      <ProblemNotice error={shown} fields={[p]} />
      {created && (
        <p class="notice notice-good" role="status">
          {fill(t.admin.bodies.created, { name: created.name })}
        </p>
      )}
      <Field
        name={`${p}.code`}
        label={t.admin.common.code}
        hint={t.admin.common.codeHint}
        error={shown}
      >
        {(a) => <TextInput {...a} value={code} onValue={setCode} autocomplete="off" required />}
      </Field>
      <Field name={`${p}.name`} label={t.admin.common.name} error={shown}>
        {(a) => <TextInput {...a} value={name} onValue={setName} required />}
      </Field>
      <div class="actions">
        <button type="submit" disabled={busy}>
          {t.admin.bodies.create}
        </button>
      </div>
    </form>
  );
}

interface LevelDraft {
  level: Level;
  recognisedCredits: string;
  components: { code: string; name: string }[];
}

const emptyLevels = (): LevelDraft[] =>
  LEVELS.map((level) => ({ level, recognisedCredits: '', components: [{ code: '', name: '' }] }));

function CreateScheme({ bodies, onCreated }: { bodies: CertificationBody[]; onCreated(): void }) {
  const t = useT();
  const { busy, error, run } = useAction();
  const idempotency = useIdempotencyKey();
  const [code, setCode] = useState('');
  const [name, setName] = useState('');
  const [bodyId, setBodyId] = useState('');
  const [levels, setLevels] = useState<LevelDraft[]>(emptyLevels);
  const [created, setCreated] = useState<Scheme | null>(null);

  const setLevel = (index: number, change: (level: LevelDraft) => LevelDraft) =>
    setLevels((all) => all.map((level, i) => (i === index ? change(level) : level)));
  const setComponent = (li: number, ci: number, key: 'code' | 'name', value: string) =>
    setLevel(li, (level) => ({
      ...level,
      components: level.components.map((c, i) => (i === ci ? { ...c, [key]: value } : c)),
    }));

  async function submit(event: Event) {
    event.preventDefault();
    setCreated(null);
    const scheme = await run(() =>
      post<Scheme>(
        '/v1/certificate-schemes',
        {
          code: code.trim(),
          name: name.trim(),
          certificationBodyId: bodyId || undefined,
          levels: levels.map((level) => ({
            level: level.level,
            recognisedCredits: level.recognisedCredits.trim(),
            components: level.components.map((c) => ({ code: c.code.trim(), name: c.name.trim() })),
          })),
        },
        { idempotencyKey: idempotency.key() },
      ),
    );
    if (!scheme) return;
    idempotency.used();
    setCode('');
    setName('');
    setBodyId('');
    setLevels(emptyLevels());
    setCreated(scheme);
    onCreated();
  }

  const p = 'scheme';
  const shown = within(error, p);
  return (
    <form class="form" onSubmit={(e) => void submit(e)} noValidate>
      <ProblemNotice error={shown} fields={[p]} />
      {created && (
        <p class="notice notice-good" role="status">
          {fill(t.admin.bodies.schemeCreated, { name: created.name })}
        </p>
      )}
      <div class="form form-narrow">
        <Field
          name={`${p}.code`}
          label={t.admin.common.code}
          hint={t.admin.common.codeHint}
          error={shown}
        >
          {(a) => <TextInput {...a} value={code} onValue={setCode} autocomplete="off" required />}
        </Field>
        <Field name={`${p}.name`} label={t.admin.common.name} error={shown}>
          {(a) => <TextInput {...a} value={name} onValue={setName} required />}
        </Field>
        <Field name={`${p}.certificationBodyId`} label={t.admin.bodies.body} error={shown}>
          {(a) => (
            <Select
              {...a}
              value={bodyId}
              onValue={setBodyId}
              options={bodies.map((b) => ({ value: b.id, label: b.name }))}
              placeholder={t.admin.common.choose}
              required
            />
          )}
        </Field>
      </div>
      {levels.map((level, li) => (
        <fieldset key={level.level}>
          <legend>{t.enums.level[level.level]}</legend>
          <div class="form">
            <Field
              name={`${p}.levels.${li}.recognisedCredits`}
              label={t.admin.bodies.recognisedCredits}
              error={shown}
            >
              {(a) => (
                <TextInput
                  {...a}
                  value={level.recognisedCredits}
                  onValue={(v) => setLevel(li, (l) => ({ ...l, recognisedCredits: v }))}
                  inputMode="decimal"
                  required
                />
              )}
            </Field>
            <div class="admin-components">
              {level.components.map((component, ci) => (
                <div class="admin-component-row" key={ci}>
                  <Field
                    name={`${p}.levels.${li}.components.${ci}.code`}
                    label={fill(t.admin.bodies.componentCode, { n: ci + 1 })}
                    error={shown}
                  >
                    {(a) => (
                      <TextInput
                        {...a}
                        value={component.code}
                        onValue={(v) => setComponent(li, ci, 'code', v)}
                        autocomplete="off"
                        required
                      />
                    )}
                  </Field>
                  <Field
                    name={`${p}.levels.${li}.components.${ci}.name`}
                    label={fill(t.admin.bodies.componentName, { n: ci + 1 })}
                    error={shown}
                  >
                    {(a) => (
                      <TextInput
                        {...a}
                        value={component.name}
                        onValue={(v) => setComponent(li, ci, 'name', v)}
                        required
                      />
                    )}
                  </Field>
                  {level.components.length > 1 && (
                    <button
                      type="button"
                      class="button-secondary"
                      onClick={() =>
                        setLevel(li, (l) => ({
                          ...l,
                          components: l.components.filter((_, i) => i !== ci),
                        }))
                      }
                    >
                      {fill(t.admin.bodies.removeComponent, { n: ci + 1 })}
                    </button>
                  )}
                </div>
              ))}
            </div>
            <div class="actions">
              <button
                type="button"
                class="button-secondary"
                onClick={() =>
                  setLevel(li, (l) => ({
                    ...l,
                    components: [...l.components, { code: '', name: '' }],
                  }))
                }
              >
                {fill(t.admin.bodies.addComponent, { level: t.enums.level[level.level] })}
              </button>
            </div>
          </div>
        </fieldset>
      ))}
      <div class="actions">
        <button type="submit" disabled={busy}>
          {t.admin.bodies.createScheme}
        </button>
      </div>
    </form>
  );
}

function SchemeCard({ scheme, bodyName }: { scheme: Scheme; bodyName: string }) {
  const t = useT();
  return (
    <li class="card admin-card">
      <p class="card-title">{scheme.name}</p>
      <p class="card-meta">
        <span class="admin-mono">{scheme.code}</span>
        {' · '}
        {bodyName}
      </p>
      <div class="table-wrap">
        <table>
          <caption class="visually-hidden">
            {fill(t.admin.bodies.levelsOf, { name: scheme.name })}
          </caption>
          <thead>
            <tr>
              <th scope="col">{t.admin.bodies.level}</th>
              <th scope="col" class="number">
                {t.admin.bodies.recognisedCredits}
              </th>
              <th scope="col">{t.admin.bodies.components}</th>
            </tr>
          </thead>
          <tbody>
            {scheme.levels.map((level) => (
              <tr key={level.level}>
                <th scope="row">{t.enums.level[level.level]}</th>
                <td class="number">
                  <NumberText value={level.recognisedCredits} />
                </td>
                <td>
                  <ul class="admin-plain">
                    {level.components.map((c) => (
                      <li key={c.code}>{c.name}</li>
                    ))}
                  </ul>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </li>
  );
}

/** `/bodies`: certification bodies and their certificate schemes, with forms to add both. */
export function BodiesPage() {
  const t = useT();
  const loaded = useLoad(async (signal): Promise<Bodies> => {
    const [bodies, schemes] = await Promise.all([
      get<List<CertificationBody>>('/v1/certification-bodies', undefined, signal),
      get<List<Scheme>>('/v1/certificate-schemes', undefined, signal),
    ]);
    return { bodies: bodies.items, schemes: schemes.items };
  }, []);
  return (
    <Page title={t.admin.bodies.title}>
      <p class="lead">{t.admin.bodies.intro}</p>
      <Loading loaded={loaded}>
        {({ bodies, schemes }) => {
          const bodyName = (id: string) => bodies.find((b) => b.id === id)?.name ?? '';
          return (
            <>
              <Section title={t.admin.bodies.listTitle} id="bodies">
                {bodies.length === 0 ? (
                  <Empty>{t.admin.bodies.empty}</Empty>
                ) : (
                  <ul class="cards admin-list">
                    {bodies.map((body) => (
                      <li key={body.id} class="card admin-card">
                        <p class="card-title">{body.name}</p>
                        <p class="card-meta">
                          <span class="admin-mono">{body.code}</span>
                          {' · '}
                          {fill(t.admin.bodies.schemeCount, {
                            count: schemes.filter((s) => s.certificationBodyId === body.id).length,
                          })}
                        </p>
                      </li>
                    ))}
                  </ul>
                )}
                <h3>{t.admin.bodies.createTitle}</h3>
                <CreateBody onCreated={loaded.reload} />
              </Section>
              <Section title={t.admin.bodies.schemesTitle} id="schemes">
                {schemes.length === 0 ? (
                  <Empty>{t.admin.bodies.noSchemes}</Empty>
                ) : (
                  <ul class="cards admin-list">
                    {schemes.map((scheme) => (
                      <SchemeCard
                        key={scheme.id}
                        scheme={scheme}
                        bodyName={bodyName(scheme.certificationBodyId)}
                      />
                    ))}
                  </ul>
                )}
              </Section>
              <Section title={t.admin.bodies.createSchemeTitle} id="create-scheme">
                <CreateScheme bodies={bodies} onCreated={loaded.reload} />
              </Section>
            </>
          );
        }}
      </Loading>
    </Page>
  );
}
