import { useT } from '../i18n/i18n';
import { Page } from '../ui/page';

export function NotFound() {
  const t = useT();
  return (
    <Page title={t.app.notFound}>
      <p>{t.app.notFoundHint}</p>
      <p>
        <a href="/">{t.app.backHome}</a>
      </p>
    </Page>
  );
}
