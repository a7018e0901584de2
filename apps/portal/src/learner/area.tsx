import type { Area } from '../area';
import { AccountPage } from './account-page';
import { ApplicationPage, ApplicationsPage } from './applications';
import { EligibilityPage } from './eligibility-page';
import { HistoryPage } from './history-page';
import { SharesPage } from './shares-page';

export const area: Area = {
  home: '/account',
  nav: [
    { path: '/account', label: (t) => t.nav.account },
    { path: '/eligibility', label: (t) => t.nav.eligibility },
    { path: '/applications', label: (t) => t.nav.applications },
    { path: '/history', label: (t) => t.nav.history },
    { path: '/shares', label: (t) => t.nav.shares },
  ],
  routes: [
    { path: '/account', component: AccountPage },
    { path: '/eligibility', component: EligibilityPage },
    { path: '/applications', component: ApplicationsPage },
    { path: '/applications/:id', component: ApplicationPage },
    { path: '/history', component: HistoryPage },
    { path: '/shares', component: SharesPage },
  ],
};
