import type { Area } from '../area';
import { AuditPage } from './audit';
import { BodiesPage } from './bodies';
import { InstitutionPage } from './institution';
import { InstitutionsPage } from './institutions';
import { UsersPage } from './users';

/** The administrator's pages: the catalog (schools, bodies), logins and the audit log's health. */
export const area: Area = {
  home: '/institutions',
  nav: [
    { path: '/institutions', label: (t) => t.nav.institutions },
    { path: '/bodies', label: (t) => t.nav.bodies },
    { path: '/users', label: (t) => t.nav.users },
    { path: '/audit', label: (t) => t.nav.audit },
  ],
  routes: [
    { path: '/institutions', component: InstitutionsPage },
    { path: '/institutions/:id', component: InstitutionPage },
    { path: '/bodies', component: BodiesPage },
    { path: '/users', component: UsersPage },
    { path: '/audit', component: AuditPage },
  ],
};
