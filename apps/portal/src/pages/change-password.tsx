import { useState } from 'preact/hooks';
import { post, tokenStore } from '../api';
import { useT } from '../i18n/i18n';
import { useSession } from '../session';
import { Field, TextInput } from '../ui/fields';
import { Page } from '../ui/page';
import { ProblemNotice } from '../ui/problem';

/** After an administrator's reset only this page is open: the API refuses everything else. */
export function ChangePassword() {
  const t = useT();
  const { refresh } = useSession();
  const [currentPassword, setCurrent] = useState('');
  const [newPassword, setNew] = useState('');
  const [error, setError] = useState<unknown>(null);

  async function submit(event: Event) {
    event.preventDefault();
    setError(null);
    try {
      const { accessToken } = await post<{ accessToken: string }>('/v1/auth/password', {
        currentPassword,
        newPassword,
      });
      tokenStore.set(accessToken);
      await refresh();
    } catch (problem) {
      setError(problem);
    }
  }

  return (
    <Page title={t.login.changeTitle}>
      <p class="lead">{t.login.changeIntro}</p>
      <form class="form form-narrow" onSubmit={(e) => void submit(e)} noValidate>
        <ProblemNotice error={error} fields={['currentPassword', 'newPassword']} />
        <Field name="currentPassword" label={t.login.currentPassword} error={error}>
          {(a) => (
            <TextInput
              {...a}
              type="password"
              value={currentPassword}
              onValue={setCurrent}
              autocomplete="current-password"
            />
          )}
        </Field>
        <Field name="newPassword" label={t.login.newPassword} error={error}>
          {(a) => (
            <TextInput
              {...a}
              type="password"
              value={newPassword}
              onValue={setNew}
              autocomplete="new-password"
            />
          )}
        </Field>
        <button type="submit">{t.login.changeSubmit}</button>
      </form>
    </Page>
  );
}
