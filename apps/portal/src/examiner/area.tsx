import type { Area } from '../area';
import { useT } from '../i18n/i18n';
import { Page } from '../ui/page';

function Start() {
  const t = useT();
  return <Page title={t.examiner.title}>{null}</Page>;
}

export const area: Area = {
  home: '/candidates',
  nav: [{ path: '/candidates', label: (t) => t.nav.candidates }],
  routes: [{ path: '/candidates', component: Start }],
};
