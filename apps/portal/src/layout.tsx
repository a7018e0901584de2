import type { ComponentChildren } from 'preact';
import { useLocation } from 'preact-iso';
import type { Area } from './area';
import { fill, useI18n } from './i18n/i18n';
import { useSession } from './session';

function LanguageSwitch() {
  const { t, lang, setLang } = useI18n();
  const other = lang === 'zh-CN' ? 'en' : 'zh-CN';
  return (
    <button
      type="button"
      class="button-link lang-switch"
      lang={other}
      aria-label={`${t.lang.label}: ${t.lang.switchTo}`}
      onClick={() => setLang(other)}
    >
      {t.lang.switchTo}
    </button>
  );
}

/** The header every page has: the product, the role's navigation, who is signed in, language. */
export function Layout({ area, children }: { area: Area | null; children: ComponentChildren }) {
  const { t } = useI18n();
  const { me, logout } = useSession();
  const { path, route } = useLocation();
  return (
    <>
      <a class="skip-link" href="#main">
        {t.app.skip}
      </a>
      <header class="site-header">
        <div class="site-bar">
          <a class="site-name" href="/">
            {t.app.name}
          </a>
          <div class="site-tools">
            <LanguageSwitch />
            {me && (
              <button
                type="button"
                class="button-link"
                onClick={() => void logout().then(() => route('/login'))}
              >
                {t.app.logout}
              </button>
            )}
          </div>
        </div>
        {me && (
          <p class="site-user">
            {me.role === 'LEARNER'
              ? me.displayName
              : fill(t.app.signedInAs, {
                  name: me.displayName,
                  scope: me.scopeName ?? t.roles[me.role],
                })}
          </p>
        )}
        {me && area && (
          <nav aria-label={t.app.mainNav} class="site-nav">
            <ul>
              {area.nav.map((item) => {
                const current = path === item.path || path.startsWith(`${item.path}/`);
                return (
                  <li key={item.path}>
                    <a href={item.path} aria-current={current ? 'page' : undefined}>
                      {item.label(t)}
                    </a>
                  </li>
                );
              })}
            </ul>
          </nav>
        )}
      </header>
      <main id="main" tabIndex={-1}>
        {children}
      </main>
    </>
  );
}
