import type { Area } from '../area';
import { staffNav, staffRoutes } from '../staff/routes';
import { Student } from './student';
import { Students } from './students';

export const area: Area = {
  home: '/students',
  nav: [{ path: '/students', label: (t) => t.nav.students }, ...staffNav],
  routes: [
    { path: '/students', component: Students },
    { path: '/students/:learnerId', component: Student },
    ...staffRoutes,
  ],
};
