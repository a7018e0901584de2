import { EntityManager } from 'typeorm';
import { LearnersService } from '@app/accounts';
import { CatalogLookup, CodedId } from '@app/catalog';
import { Principal } from '@app/core';
import { UsersService } from '@app/users';
import { DEMO_BODIES, DEMO_CERTIFICATES } from './demo-certificates';
import { DEMO_LEARNERS, DEMO_LOGINS, DemoLearnerKey } from './demo-people';
import { DEMO_SCHOOLS, WEB_FRONT_END_COURSES } from './demo-schools';

/**
 * What later seeds (the demo conversion rules) and tests need to find in the demo data: ids by
 * the codes and keys of demo-certificates.ts, demo-schools.ts and demo-people.ts.
 */
export interface DemoSeedRefs {
  institutions: Record<'higher' | 'secondary', string>;
  /** Program ids by program code (510203 软件技术, 530701, 710201, 700206). */
  programs: Record<string, string>;
  /** Course ids by course code (codes are unique across both demo schools). */
  courses: Record<string, string>;
  /** Scheme ids by scheme code (X-WEB-FE …). */
  schemes: Record<string, string>;
  /** Certification body ids by body code (MIIT-CEEC …). */
  bodies: Record<string, string>;
  learners: Record<DemoLearnerKey, string>;
  /** The demo logins' principals by username, to act as them. */
  principals: Record<string, Principal>;
  /** The courses the Web前端开发 certificate maps to, by code. */
  webFrontEnd: typeof WEB_FRONT_END_COURSES;
}

function byCode(rows: readonly CodedId[]): Record<string, string> {
  return Object.fromEntries(rows.map((row) => [row.code, row.id]));
}

/** The demo data's ids, or null when the demo schools are not in the database. */
export async function loadDemoRefs(
  manager: EntityManager,
  {
    catalog,
    learners,
    users,
  }: { catalog: CatalogLookup; learners: LearnersService; users: UsersService },
): Promise<DemoSeedRefs | null> {
  const schools = await catalog.institutionsByCode(
    manager,
    DEMO_SCHOOLS.map((school) => school.code),
  );
  if (schools.length !== DEMO_SCHOOLS.length) return null;
  const schoolIds = schools.map((school) => school.id);
  const programs = await catalog.programsOf(manager, schoolIds);
  const courses = await catalog.coursesOf(manager, schoolIds);
  const schemes = await catalog.schemesByCode(
    manager,
    DEMO_CERTIFICATES.map((certificate) => certificate.code),
  );
  const bodies = await catalog.certificationBodiesByCode(
    manager,
    DEMO_BODIES.map((body) => body.code),
  );
  const learnerIds = await learners.idsByIdentity(manager, DEMO_LEARNERS);
  const principals = await users.principalsOf(
    DEMO_LOGINS.map((login) => login.username),
    manager,
  );
  const schoolIdsByCode = byCode(schools);
  return {
    institutions: {
      higher: schoolIdsByCode[DEMO_SCHOOLS.find((school) => school.key === 'higher')!.code],
      secondary: schoolIdsByCode[DEMO_SCHOOLS.find((school) => school.key === 'secondary')!.code],
    },
    programs: byCode(programs),
    courses: byCode(courses),
    schemes: byCode(schemes),
    bodies: byCode(bodies),
    learners: Object.fromEntries(
      DEMO_LEARNERS.map((learner, index) => [learner.key, learnerIds[index]]),
    ) as Record<DemoLearnerKey, string>,
    principals: Object.fromEntries(principals.map((principal) => [principal.username, principal])),
    webFrontEnd: WEB_FRONT_END_COURSES,
  };
}
