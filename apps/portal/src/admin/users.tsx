import { useEffect, useState } from 'preact/hooks';
import { ApiProblem, get, post } from '../api';
import { fill, useT } from '../i18n/i18n';
import { useMe } from '../session';
import { Field, Select, TextInput } from '../ui/fields';
import { useLoad } from '../ui/load';
import { Empty, Loading, Page, Section } from '../ui/page';
import { ProblemNotice } from '../ui/problem';
import { Badge, DateText } from '../ui/text';
import { patch, useAction, useIdempotencyKey, within } from './common';
import {
  ID_TYPES,
  ROLES,
  type CertificationBody,
  type FoundLearner,
  type Institution,
  type List,
  type User,
  type UserPage,
} from './types';

interface Directory {
  institutions: Institution[];
  bodies: CertificationBody[];
}

/** What a login is scoped to, picked by name: a school, a body or a learner found by document. */
interface Scope {
  institutionId: string;
  certificationBodyId: string;
  learner: { id: string; name: string } | null;
}

const NO_SCOPE: Scope = { institutionId: '', certificationBodyId: '', learner: null };

function scopeOf(user: User): Scope {
  return {
    institutionId: user.institutionId ?? '',
    certificationBodyId: user.certificationBodyId ?? '',
    learner: user.learnerId ? { id: user.learnerId, name: user.scopeName ?? '' } : null,
  };
}

/** The scope field the role needs, as the API takes it (empty: left out, for the API to ask). */
function scopeBody(role: string, scope: Scope): Record<string, string | undefined> {
  if (role === 'REGISTRAR') return { institutionId: scope.institutionId || undefined };
  if (role === 'EXAMINER') return { certificationBodyId: scope.certificationBodyId || undefined };
  if (role === 'LEARNER') return { learnerId: scope.learner?.id };
  return {};
}

function useRoleOptions() {
  const t = useT();
  return ROLES.map((role) => ({ value: role, label: t.roles[role] }));
}

/** Finds a learner by identity document (GET /v1/learners), as the administrator may. */
function LearnerLookup({
  prefix,
  chosen,
  onChosen,
  refusal,
}: {
  prefix: string;
  chosen: Scope['learner'];
  onChosen(learner: Scope['learner']): void;
  /** The API's refusal of the learner chosen (or of none), from the form's answer. */
  refusal: string | undefined;
}) {
  const t = useT();
  const { busy, error, run } = useAction();
  const [idType, setIdType] = useState<string>('RESIDENT_ID');
  const [idNumber, setIdNumber] = useState('');
  const [notFound, setNotFound] = useState(false);

  async function lookUp() {
    setNotFound(false);
    const found = await run(() =>
      get<List<FoundLearner>>('/v1/learners', { idType, idNumber: idNumber.trim() }),
    );
    if (!found) return;
    const learner = found.items[0];
    setNotFound(!learner);
    onChosen(learner ? { id: learner.id, name: learner.name } : null);
  }

  const p = `${prefix}.lookup`;
  const shown = within(error, p);
  return (
    <fieldset>
      <legend>{t.admin.users.learnerScope}</legend>
      <div class="form">
        <ProblemNotice error={shown} fields={[p]} />
        <Field name={`${p}.idType`} label={t.admin.users.idType} error={shown}>
          {(a) => (
            <Select
              {...a}
              value={idType}
              onValue={setIdType}
              options={ID_TYPES.map((type) => ({ value: type, label: t.enums.idType[type] }))}
            />
          )}
        </Field>
        <Field name={`${p}.idNumber`} label={t.admin.users.idNumber} error={shown}>
          {(a) => <TextInput {...a} value={idNumber} onValue={setIdNumber} autocomplete="off" />}
        </Field>
        <div class="actions">
          <button
            type="button"
            class="button-secondary"
            disabled={busy || idNumber.trim() === ''}
            onClick={() => void lookUp()}
          >
            {t.admin.users.lookUp}
          </button>
        </div>
        <p role="status" class={chosen ? 'notice notice-good' : notFound ? 'notice' : 'field-hint'}>
          {chosen
            ? fill(t.admin.users.learnerChosen, { name: chosen.name })
            : notFound
              ? t.admin.users.learnerNotFound
              : t.admin.users.learnerHint}
        </p>
        {refusal && <p class="field-error">{refusal}</p>}
      </div>
    </fieldset>
  );
}

/** The scope of a role, picked from lists by name. */
function ScopeFields({
  prefix,
  role,
  scope,
  setScope,
  directory,
  error,
}: {
  prefix: string;
  role: string;
  scope: Scope;
  setScope(scope: Scope): void;
  directory: Directory;
  error: unknown;
}) {
  const t = useT();
  if (role === 'REGISTRAR')
    return (
      <Field name={`${prefix}.institutionId`} label={t.admin.users.institution} error={error}>
        {(a) => (
          <Select
            {...a}
            value={scope.institutionId}
            onValue={(institutionId) => setScope({ ...scope, institutionId })}
            options={directory.institutions.map((i) => ({ value: i.id, label: i.name }))}
            placeholder={t.admin.common.choose}
            required
          />
        )}
      </Field>
    );
  if (role === 'EXAMINER')
    return (
      <Field name={`${prefix}.certificationBodyId`} label={t.admin.users.body} error={error}>
        {(a) => (
          <Select
            {...a}
            value={scope.certificationBodyId}
            onValue={(certificationBodyId) => setScope({ ...scope, certificationBodyId })}
            options={directory.bodies.map((b) => ({ value: b.id, label: b.name }))}
            placeholder={t.admin.common.choose}
            required
          />
        )}
      </Field>
    );
  if (role === 'LEARNER')
    return (
      <LearnerLookup
        prefix={prefix}
        chosen={scope.learner}
        onChosen={(learner) => setScope({ ...scope, learner })}
        refusal={
          error instanceof ApiProblem ? error.fieldMessage(`${prefix}.learnerId`) : undefined
        }
      />
    );
  return null;
}

function CreateUser({
  directory,
  onCreated,
}: {
  directory: Directory;
  onCreated(user: User): void;
}) {
  const t = useT();
  const roles = useRoleOptions();
  const { busy, error, run } = useAction();
  const idempotency = useIdempotencyKey();
  const [username, setUsername] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [password, setPassword] = useState('');
  const [role, setRole] = useState('');
  const [scope, setScope] = useState<Scope>(NO_SCOPE);

  async function submit(event: Event) {
    event.preventDefault();
    const user = await run(() =>
      post<User>(
        '/v1/users',
        {
          username: username.trim(),
          displayName: displayName.trim() || undefined,
          password,
          role: role || undefined,
          ...scopeBody(role, scope),
        },
        { idempotencyKey: idempotency.key() },
      ),
    );
    if (!user) return;
    idempotency.used();
    setUsername('');
    setDisplayName('');
    setPassword('');
    setRole('');
    setScope(NO_SCOPE);
    onCreated(user);
  }

  const p = 'user';
  const shown = within(error, p);
  return (
    <form class="form form-narrow" onSubmit={(e) => void submit(e)} noValidate>
      <ProblemNotice error={shown} fields={[p]} />
      <Field
        name={`${p}.username`}
        label={t.admin.users.username}
        hint={t.admin.users.usernameHint}
        error={shown}
      >
        {(a) => (
          <TextInput {...a} value={username} onValue={setUsername} autocomplete="off" required />
        )}
      </Field>
      <Field
        name={`${p}.displayName`}
        label={t.admin.users.displayName}
        hint={t.admin.users.displayNameHint}
        optional
        error={shown}
      >
        {(a) => <TextInput {...a} value={displayName} onValue={setDisplayName} />}
      </Field>
      <Field
        name={`${p}.password`}
        label={t.admin.users.password}
        hint={t.admin.users.passwordHint}
        error={shown}
      >
        {(a) => (
          <TextInput
            {...a}
            type="password"
            value={password}
            onValue={setPassword}
            autocomplete="new-password"
            required
          />
        )}
      </Field>
      <Field name={`${p}.role`} label={t.admin.users.role} error={shown}>
        {(a) => (
          <Select
            {...a}
            value={role}
            onValue={(value) => setRole(value)}
            options={roles}
            placeholder={t.admin.common.choose}
            required
          />
        )}
      </Field>
      <ScopeFields
        prefix={p}
        role={role}
        scope={scope}
        setScope={setScope}
        directory={directory}
        error={shown}
      />
      <div class="actions">
        <button type="submit" disabled={busy}>
          {t.admin.users.create}
        </button>
      </div>
    </form>
  );
}

function EditUser({
  user,
  directory,
  onSaved,
}: {
  user: User;
  directory: Directory;
  onSaved(user: User): void;
}) {
  const t = useT();
  const roles = useRoleOptions();
  const { busy, error, run } = useAction();
  const [displayName, setDisplayName] = useState(user.displayName ?? '');
  const [role, setRole] = useState<string>(user.role);
  const [scope, setScope] = useState<Scope>(scopeOf(user));
  const [saved, setSaved] = useState(false);

  async function submit(event: Event) {
    event.preventDefault();
    setSaved(false);
    const body: Record<string, unknown> = {};
    const name = displayName.trim() || null;
    if (name !== user.displayName) body.displayName = name;
    const wanted = scopeBody(role, scope);
    const current = scopeBody(user.role, scopeOf(user));
    if (role !== user.role || JSON.stringify(wanted) !== JSON.stringify(current))
      Object.assign(body, { role }, wanted);
    const answer = await run(() => patch<User>(`/v1/users/${user.id}`, body));
    if (!answer) return;
    setSaved(true);
    onSaved(answer);
  }

  const p = `user-${user.username}`;
  const shown = within(error, p);
  return (
    <form class="form" onSubmit={(e) => void submit(e)} noValidate>
      <ProblemNotice error={shown} fields={[p]} />
      {saved && (
        <p class="notice notice-good" role="status">
          {t.app.saved}
        </p>
      )}
      <Field name={`${p}.displayName`} label={t.admin.users.displayName} optional error={shown}>
        {(a) => <TextInput {...a} value={displayName} onValue={setDisplayName} />}
      </Field>
      <Field
        name={`${p}.role`}
        label={t.admin.users.role}
        hint={t.admin.users.roleHint}
        error={shown}
      >
        {(a) => <Select {...a} value={role} onValue={setRole} options={roles} />}
      </Field>
      <ScopeFields
        prefix={p}
        role={role}
        scope={scope}
        setScope={setScope}
        directory={directory}
        error={shown}
      />
      <div class="actions">
        <button type="submit" disabled={busy}>
          {t.app.save}
        </button>
      </div>
    </form>
  );
}

function UserCard({
  user,
  directory,
  onChanged,
}: {
  user: User;
  directory: Directory;
  onChanged(user: User): void;
}) {
  const t = useT();
  const me = useMe();
  const { busy, error, run } = useAction();
  const [confirmReset, setConfirmReset] = useState(false);
  const [temporary, setTemporary] = useState<string | null>(null);

  async function setDisabled(disabled: boolean) {
    const answer = await run(() => patch<User>(`/v1/users/${user.id}`, { disabled }));
    if (answer) onChanged(answer);
  }

  async function reset() {
    setConfirmReset(false);
    const answer = await run(() =>
      post<{ temporaryPassword: string }>(`/v1/users/${user.id}/password-reset`),
    );
    if (!answer) return;
    setTemporary(answer.temporaryPassword);
    onChanged({ ...user, passwordChangeRequired: true });
  }

  const name = user.displayName ?? user.username;
  return (
    <li class="card admin-card">
      <div class="admin-card-head">
        <p class="card-title">{name}</p>
        <span class="admin-mono">{user.username}</span>
      </div>
      <dl class="facts">
        <dt>{t.admin.users.role}</dt>
        <dd>{t.roles[user.role]}</dd>
        <dt>{t.admin.users.scope}</dt>
        <dd>{user.scopeName ?? t.admin.users.wholeBank}</dd>
        <dt>{t.admin.users.createdAt}</dt>
        <dd>
          <DateText value={user.createdAt} />
        </dd>
      </dl>
      <p class="admin-badges">
        {user.disabled ? (
          <Badge tone="bad">{t.admin.users.disabled}</Badge>
        ) : (
          <Badge tone="good">{t.admin.users.enabled}</Badge>
        )}
        {user.passwordChangeRequired && <Badge tone="wait">{t.admin.users.mustChange}</Badge>}
      </p>
      {user.disabled && user.disabledAt && (
        <p class="card-meta">
          {t.admin.users.disabledAt} <DateText value={user.disabledAt} withTime />
        </p>
      )}
      <ProblemNotice error={error} />
      {temporary && (
        <div class="notice notice-good" role="alert">
          <p>{fill(t.admin.users.temporaryFor, { name })}</p>
          <code class="admin-secret">{temporary}</code>
          <p>{t.admin.users.temporaryOnce}</p>
          <div class="actions">
            <button type="button" class="button-secondary" onClick={() => setTemporary(null)}>
              {t.admin.users.temporaryDone}
            </button>
          </div>
        </div>
      )}
      {confirmReset ? (
        <div class="notice" role="group" aria-label={t.admin.users.resetConfirmLabel}>
          <p>{fill(t.admin.users.resetConfirm, { name })}</p>
          <div class="actions">
            <button
              type="button"
              class="button-danger"
              disabled={busy}
              onClick={() => void reset()}
            >
              {t.admin.users.resetNow}
            </button>
            <button type="button" class="button-secondary" onClick={() => setConfirmReset(false)}>
              {t.app.cancel}
            </button>
          </div>
        </div>
      ) : (
        <div class="actions">
          {user.id !== me.userId &&
            (user.disabled ? (
              <button
                type="button"
                class="button-secondary"
                disabled={busy}
                onClick={() => void setDisabled(false)}
                aria-label={fill(t.admin.users.enable, { name })}
              >
                {t.admin.users.enableShort}
              </button>
            ) : (
              <button
                type="button"
                class="button-secondary"
                disabled={busy}
                onClick={() => void setDisabled(true)}
                aria-label={fill(t.admin.users.disable, { name })}
              >
                {t.admin.users.disableShort}
              </button>
            ))}
          <button
            type="button"
            class="button-secondary"
            disabled={busy}
            onClick={() => setConfirmReset(true)}
            aria-label={fill(t.admin.users.reset, { name })}
          >
            {t.admin.users.resetShort}
          </button>
        </div>
      )}
      <details class="admin-edit">
        <summary>{t.admin.users.edit}</summary>
        <EditUser user={user} directory={directory} onSaved={onChanged} />
      </details>
    </li>
  );
}

interface Filters {
  role: string;
  institutionId: string;
  certificationBodyId: string;
  q: string;
}

const NO_FILTERS: Filters = { role: '', institutionId: '', certificationBodyId: '', q: '' };

function UserFilters({
  directory,
  onApply,
}: {
  directory: Directory;
  onApply(filters: Filters): void;
}) {
  const t = useT();
  const roles = useRoleOptions();
  const [draft, setDraft] = useState<Filters>(NO_FILTERS);
  const set = (key: keyof Filters) => (value: string) => setDraft((d) => ({ ...d, [key]: value }));
  return (
    <form
      class="admin-filters"
      role="search"
      onSubmit={(e) => {
        e.preventDefault();
        onApply({ ...draft, q: draft.q.trim() });
      }}
    >
      <Field name="filter-q" label={t.admin.users.filterQ}>
        {(a) => <TextInput {...a} type="search" value={draft.q} onValue={set('q')} />}
      </Field>
      <Field name="filter-role" label={t.admin.users.role}>
        {(a) => (
          <Select
            {...a}
            value={draft.role}
            onValue={set('role')}
            options={roles}
            placeholder={t.admin.users.any}
          />
        )}
      </Field>
      <Field name="filter-institution" label={t.admin.users.institution}>
        {(a) => (
          <Select
            {...a}
            value={draft.institutionId}
            onValue={set('institutionId')}
            options={directory.institutions.map((i) => ({ value: i.id, label: i.name }))}
            placeholder={t.admin.users.any}
          />
        )}
      </Field>
      <Field name="filter-body" label={t.admin.users.body}>
        {(a) => (
          <Select
            {...a}
            value={draft.certificationBodyId}
            onValue={set('certificationBodyId')}
            options={directory.bodies.map((b) => ({ value: b.id, label: b.name }))}
            placeholder={t.admin.users.any}
          />
        )}
      </Field>
      <button type="submit">{t.app.search}</button>
    </form>
  );
}

function UserList({ directory, round }: { directory: Directory; round: number }) {
  const t = useT();
  const [filters, setFilters] = useState<Filters>(NO_FILTERS);
  const first = useLoad(
    (signal) => get<UserPage>('/v1/users', { ...filters }, signal),
    [filters, round],
  );
  const [more, setMore] = useState<UserPage | null>(null);
  const [updated, setUpdated] = useState<Record<string, User>>({});
  const { busy, error, run } = useAction();
  useEffect(() => {
    setMore(null);
    setUpdated({});
  }, [first.data]);

  async function loadMore(cursor: string) {
    const page = await run(() => get<UserPage>('/v1/users', { ...filters, cursor }));
    if (page)
      setMore((m) => ({
        items: [...(m?.items ?? []), ...page.items],
        nextCursor: page.nextCursor,
      }));
  }

  return (
    <>
      <UserFilters directory={directory} onApply={setFilters} />
      <Loading loaded={first}>
        {(page) => {
          const items = [...page.items, ...(more?.items ?? [])].map((u) => updated[u.id] ?? u);
          const next = more ? more.nextCursor : page.nextCursor;
          if (items.length === 0) return <Empty>{t.admin.users.empty}</Empty>;
          return (
            <>
              <ul class="cards admin-list">
                {items.map((user) => (
                  <UserCard
                    key={user.id}
                    user={user}
                    directory={directory}
                    onChanged={(changed) => setUpdated((u) => ({ ...u, [changed.id]: changed }))}
                  />
                ))}
              </ul>
              <ProblemNotice error={error} />
              {next && (
                <div class="actions">
                  <button
                    type="button"
                    class="button-secondary"
                    disabled={busy}
                    onClick={() => void loadMore(next)}
                  >
                    {t.app.more}
                  </button>
                </div>
              )}
            </>
          );
        }}
      </Loading>
    </>
  );
}

/** `/users`: the logins, each with its scope by name; create, disable, re-scope, reset. */
export function UsersPage() {
  const t = useT();
  const directory = useLoad(async (signal): Promise<Directory> => {
    const [institutions, bodies] = await Promise.all([
      get<List<Institution>>('/v1/institutions', undefined, signal),
      get<List<CertificationBody>>('/v1/certification-bodies', undefined, signal),
    ]);
    return { institutions: institutions.items, bodies: bodies.items };
  }, []);
  const [round, setRound] = useState(0);
  const [created, setCreated] = useState<User | null>(null);
  return (
    <Page title={t.admin.users.title}>
      <p class="lead">{t.admin.users.intro}</p>
      <Loading loaded={directory}>
        {(dir) => (
          <>
            <Section title={t.admin.users.listTitle} id="users">
              <UserList directory={dir} round={round} />
            </Section>
            <Section title={t.admin.users.createTitle} id="create-user">
              {created && (
                <p class="notice notice-good" role="status">
                  {fill(t.admin.users.created, {
                    name: created.displayName ?? created.username,
                    role: t.roles[created.role],
                    scope: created.scopeName ?? t.admin.users.wholeBank,
                  })}
                </p>
              )}
              <CreateUser
                directory={dir}
                onCreated={(user) => {
                  setCreated(user);
                  setRound((n) => n + 1);
                }}
              />
            </Section>
          </>
        )}
      </Loading>
    </Page>
  );
}
