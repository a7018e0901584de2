import type { Area } from '../area';
import { ImportDetailPage } from '../imports/import-detail';
import { ImportsPage } from '../imports/imports';
import { ApplicationPage, InboxPage } from './inbox';
import { RuleDetailPage } from './rule-detail';
import { NewRulePage } from './rule-new';
import { RulesPage } from './rules';

/**
 * The pages registrars and examiners share: the decision inbox, the conversion rules and bulk
 * import. Each role's area module adds these to its own routes and navigation (they load in its
 * chunk).
 */
export const staffRoutes: Area['routes'] = [
  { path: '/inbox', component: InboxPage },
  { path: '/inbox/:applicationId', component: ApplicationPage },
  { path: '/rules', component: RulesPage },
  { path: '/rules/new', component: NewRulePage },
  { path: '/rules/:ruleId', component: RuleDetailPage },
  { path: '/imports', component: ImportsPage },
  { path: '/imports/:importId', component: ImportDetailPage },
];

export const staffNav: Area['nav'] = [
  { path: '/inbox', label: (t) => t.nav.inbox },
  { path: '/rules', label: (t) => t.nav.rules },
  { path: '/imports', label: (t) => t.imports.nav },
];
