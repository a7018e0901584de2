import type { Area } from '../area';
import type { Dictionary } from '../i18n/zh-CN';
import { staffNav, staffRoutes } from '../staff/routes';
import { CandidatePage } from './candidate';
import { Candidates } from './candidates';

export const area: Area = {
  home: '/candidates',
  nav: [
    { path: '/candidates', label: (t) => t.nav.candidates },
    // An examiner's rules are the 免试 rules of their body.
    ...staffNav.map((item) =>
      item.path === '/rules' ? { ...item, label: (t: Dictionary) => t.nav.examRules } : item,
    ),
  ],
  routes: [
    { path: '/candidates', component: Candidates },
    { path: '/candidates/:learnerId', component: CandidatePage },
    ...staffRoutes,
  ],
};
