import type { Area } from '../area';
import { useT } from '../i18n/i18n';
import { Page } from '../ui/page';

function Start() {
  const t = useT();
  return <Page title={t.registrar.title}>{null}</Page>;
}

export const area: Area = {
  home: '/students',
  nav: [{ path: '/students', label: (t) => t.nav.students }],
  routes: [{ path: '/students', component: Start }],
};
