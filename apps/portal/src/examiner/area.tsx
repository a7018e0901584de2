import type { Area } from '../area';
import { CandidatePage } from './candidate';
import { Candidates } from './candidates';

export const area: Area = {
  home: '/candidates',
  nav: [{ path: '/candidates', label: (t) => t.nav.candidates }],
  routes: [
    { path: '/candidates', component: Candidates },
    { path: '/candidates/:learnerId', component: CandidatePage },
  ],
};
