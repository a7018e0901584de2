import type { Area } from '../area';
import { useT } from '../i18n/i18n';
import { Page } from '../ui/page';

function Start() {
  const t = useT();
  return <Page title={t.learner.title}>{null}</Page>;
}

export const area: Area = {
  home: '/account',
  nav: [{ path: '/account', label: (t) => t.nav.account }],
  routes: [{ path: '/account', component: Start }],
};
