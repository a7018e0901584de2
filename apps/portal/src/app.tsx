import { useEffect, useState } from 'preact/hooks';
import { LocationProvider, Route, Router, useLocation } from 'preact-iso';
import type { Area } from './area';
import { tokenStore } from './api';
import { I18nProvider, useT } from './i18n/i18n';
import { Layout } from './layout';
import { ChangePassword } from './pages/change-password';
import { Login } from './pages/login';
import { NotFound } from './pages/not-found';
import { SessionProvider, useSession, type Role } from './session';

/** Each role's pages are their own chunk: a learner's phone never downloads the staff desks. */
const AREAS: Record<Role, () => Promise<{ area: Area }>> = {
  LEARNER: () => import('./learner/area'),
  REGISTRAR: () => import('./registrar/area'),
  EXAMINER: () => import('./examiner/area'),
  ADMIN: () => import('./admin/area'),
};

/** After a client-side navigation, focus the new page's content, as a page load would. */
function focusMain() {
  document.getElementById('main')?.focus();
}

// A reload of a signed-in tab: fetch the role's pages now, alongside GET /v1/auth/me.
const lastRole = tokenStore.get() ? tokenStore.role() : null;
if (lastRole && lastRole in AREAS) void AREAS[lastRole as Role]();

function Redirect({ to }: { to: string }) {
  const { route } = useLocation();
  useEffect(() => route(to, true), [to]);
  return null;
}

function SignedIn({ role }: { role: Role }) {
  const t = useT();
  const [area, setArea] = useState<Area | null>(null);
  useEffect(() => {
    setArea(null);
    void AREAS[role]().then((module) => setArea(module.area));
  }, [role]);
  if (!area)
    return (
      <Layout area={null}>
        <p class="loading" role="status">
          {t.app.loading}
        </p>
      </Layout>
    );
  return (
    <Layout area={area}>
      <Router onRouteChange={focusMain}>
        <Route path="/" component={() => <Redirect to={area.home} />} />
        <Route path="/login" component={() => <Redirect to={area.home} />} />
        {area.routes.map((r) => (
          <Route key={r.path} path={r.path} component={r.component} />
        ))}
        <Route default component={NotFound} />
      </Router>
    </Layout>
  );
}

function SignedOut() {
  const { url } = useLocation();
  return (
    <Layout area={null}>
      <Router>
        <Route path="/login" component={Login} />
        <Route
          default
          component={() => (
            <Redirect to={url === '/' ? '/login' : `/login?next=${encodeURIComponent(url)}`} />
          )}
        />
      </Router>
    </Layout>
  );
}

function Root() {
  const { me, ready } = useSession();
  if (!ready) return null;
  if (!me) return <SignedOut />;
  if (me.passwordChangeRequired)
    return (
      <Layout area={null}>
        <ChangePassword />
      </Layout>
    );
  return <SignedIn role={me.role} />;
}

export function App() {
  return (
    <I18nProvider>
      <LocationProvider>
        <SessionProvider>
          <Root />
        </SessionProvider>
      </LocationProvider>
    </I18nProvider>
  );
}
