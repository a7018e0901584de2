import { useState } from 'preact/hooks';
import { useLocation } from 'preact-iso';
import { useT } from '../i18n/i18n';
import { useSession } from '../session';
import { Field, TextInput } from '../ui/fields';
import { Page } from '../ui/page';
import { ProblemNotice } from '../ui/problem';

/** Sign-in for every role; afterwards the start page of the role (or the page asked for). */
export function Login() {
  const t = useT();
  const { login, ended } = useSession();
  const { route, query } = useLocation();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: Event) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await login(username.trim(), password);
      const next = query.next?.startsWith('/') && !query.next.startsWith('//') ? query.next : '/';
      route(next, true);
    } catch (problem) {
      setError(problem);
    } finally {
      setBusy(false);
    }
  }

  return (
    <Page title={t.login.title}>
      <p class="lead">{t.login.intro}</p>
      {ended && !error && (
        <div class="notice" role="status">
          {t.app.sessionEnded}
        </div>
      )}
      <form class="form form-narrow" onSubmit={(e) => void submit(e)} noValidate>
        <ProblemNotice error={error} fields={['username', 'password']} />
        <Field name="username" label={t.login.username} error={error}>
          {(a) => (
            <TextInput
              {...a}
              value={username}
              onValue={setUsername}
              autocomplete="username"
              required
            />
          )}
        </Field>
        <Field name="password" label={t.login.password} error={error}>
          {(a) => (
            <TextInput
              {...a}
              type="password"
              value={password}
              onValue={setPassword}
              autocomplete="current-password"
              required
            />
          )}
        </Field>
        <button type="submit" disabled={busy}>
          {t.login.submit}
        </button>
      </form>
      <p class="field-hint">{t.login.demoHint}</p>
    </Page>
  );
}
