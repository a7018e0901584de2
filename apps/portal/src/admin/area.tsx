import type { Area } from '../area';
import { useT } from '../i18n/i18n';
import { Page } from '../ui/page';

function Start() {
  const t = useT();
  return <Page title={t.admin.title}>{null}</Page>;
}

export const area: Area = {
  home: '/institutions',
  nav: [{ path: '/institutions', label: (t) => t.nav.institutions }],
  routes: [{ path: '/institutions', component: Start }],
};
