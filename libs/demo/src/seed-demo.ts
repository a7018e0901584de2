import { INestApplicationContext, Logger } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { LearnersService } from '@app/accounts';
import {
  CatalogLookup,
  CertificateSchemesService,
  CertificationBodiesService,
  CoursesService,
  InstitutionsService,
  ProgramsService,
} from '@app/catalog';
import { CommandRunner } from '@app/commands';
import { Principal, Role } from '@app/core';
import { RecordOutcomeService } from '@app/ledger';
import { EnrolmentsService, ExamRegistrationsService } from '@app/relationships';
import { SYSTEM_ACTOR } from '@app/outbox';
import { UsersService } from '@app/users';
import { DEMO_BODIES, DEMO_CERTIFICATES, DEMO_COMPONENTS, DEMO_LEVELS } from './demo-certificates';
import { DEMO_LEARNERS, DEMO_LOGINS, DEMO_OUTCOMES, DemoLogin } from './demo-people';
import { loadDemoRefs, DemoSeedRefs } from './demo-refs';
import { recordDemoOutcomes } from './demo-outcomes';
import { createDemoRules } from './demo-rules';
import { DEMO_SCHOOLS } from './demo-schools';

export interface DemoSeedResult {
  /** True when this call wrote the demo catalog and people (a fresh database). */
  seeded: boolean;
  /** Outcomes recorded by this call (0 when they were already there). */
  outcomesRecorded: number;
  /** Null when the database holds other data and no demo set. */
  refs: DemoSeedRefs | null;
  logins: DemoLogin[];
}

/** The services the seed writes through, so demo data passes the same checks as API input. */
interface SeedServices {
  dataSource: DataSource;
  catalog: CatalogLookup;
  commands: CommandRunner;
  users: UsersService;
  institutions: InstitutionsService;
  programs: ProgramsService;
  courses: CoursesService;
  bodies: CertificationBodiesService;
  schemes: CertificateSchemesService;
  learners: LearnersService;
  enrolments: EnrolmentsService;
  registrations: ExamRegistrationsService;
  outcomes: RecordOutcomeService;
}

const logger = new Logger('DemoSeed');

/**
 * Seeds the demo data set when the database has no institutions yet, and is a no-op after that.
 * Catalog, logins and learners are written in one transaction, through the transaction's
 * manager only (on the embedded database anything else would wait for ever). Outcomes follow,
 * through RecordOutcomeService as the demo staff, so each gets its outbox event; they carry
 * fixed Idempotency-Keys, so a start interrupted half-way finishes them without duplicates.
 */
export async function seedDemo(app: INestApplicationContext): Promise<DemoSeedResult> {
  const get = <T>(type: abstract new (...args: never[]) => T): T =>
    app.get(type as never, { strict: false });
  const services: SeedServices = {
    dataSource: get(DataSource),
    catalog: get(CatalogLookup),
    commands: get(CommandRunner),
    users: get(UsersService),
    institutions: get(InstitutionsService),
    programs: get(ProgramsService),
    courses: get(CoursesService),
    bodies: get(CertificationBodiesService),
    schemes: get(CertificateSchemesService),
    learners: get(LearnersService),
    enrolments: get(EnrolmentsService),
    registrations: get(ExamRegistrationsService),
    outcomes: get(RecordOutcomeService),
  };
  const seeded = await services.dataSource.transaction(async (manager) => {
    // Several API processes may start at once: one seeds, the others then find institutions.
    await manager.query('SELECT pg_advisory_xact_lock(hashtext($1))', ['credit-bank:seed-demo']);
    if (await services.catalog.hasInstitutions(manager)) return false;
    await seedCatalogAndPeople(services, manager);
    return true;
  });
  const refs = await loadDemoRefs(services.dataSource.manager, services);
  if (!refs) return { seeded, outcomesRecorded: 0, refs: null, logins: [] };
  const outcomesRecorded = await recordDemoOutcomes(services, services.dataSource.manager, refs);
  // The Hunan college's 免修 rules, a 免试 rule and a 学分互认 rule between the two schools.
  await services.dataSource.transaction((manager) =>
    createDemoRules(app, manager, refs.principals['demo-admin'], refs),
  );
  if (seeded || outcomesRecorded > 0) {
    logger.log(
      `demo data seeded: ${DEMO_SCHOOLS.length} schools, ${DEMO_CERTIFICATES.length} certificates, ${outcomesRecorded} outcomes`,
    );
  }
  return { seeded, outcomesRecorded, refs, logins: DEMO_LOGINS };
}

async function seedCatalogAndPeople(s: SeedServices, manager: EntityManager): Promise<void> {
  const principals = new Map<string, Principal>();
  const addLogin = async (
    login: DemoLogin,
    scope: Partial<Record<'institutionId' | 'certificationBodyId' | 'learnerId', string>>,
  ) => {
    const user = await s.users.create(
      SYSTEM_ACTOR,
      {
        username: login.username,
        password: login.password,
        role: login.role,
        displayName: login.displayName,
        ...scope,
      },
      manager,
    );
    const { id: userId, username, role, institutionId, certificationBodyId, learnerId } = user;
    principals.set(login.username, {
      userId,
      username,
      role,
      institutionId,
      certificationBodyId,
      learnerId,
    });
  };
  const login = (predicate: (login: DemoLogin) => boolean) => DEMO_LOGINS.filter(predicate);

  for (const admin of login((entry) => !entry.scope)) await addLogin(admin, {});
  const admin = principals.get('demo-admin')!;

  const bodyIds = new Map<string, string>();
  for (const body of DEMO_BODIES)
    bodyIds.set(body.code, (await s.bodies.createIn(manager, admin, body)).id);
  for (const certificate of DEMO_CERTIFICATES) {
    await s.schemes.createIn(manager, admin, {
      code: certificate.code,
      name: certificate.name,
      certificationBodyId: bodyIds.get(certificate.bodyCode)!,
      levels: DEMO_LEVELS.map((level) => ({ ...level, components: DEMO_COMPONENTS })),
    });
  }

  const schoolIds = new Map<string, string>();
  const schoolProgramIds = new Map<string, Map<string, string>>();
  for (const school of DEMO_SCHOOLS) {
    const institution = await s.institutions.createIn(manager, admin, {
      code: school.code,
      name: school.name,
      kind: school.kind,
    });
    schoolIds.set(school.key, institution.id);
    const programIds = new Map<string, string>();
    schoolProgramIds.set(school.key, programIds);
    for (const program of school.programs) {
      programIds.set(
        program.code,
        (await s.programs.createIn(manager, admin, institution.id, program)).id,
      );
    }
    for (const { program, ...course } of school.courses) {
      const programId = program === undefined ? undefined : programIds.get(program);
      await s.courses.createIn(manager, admin, institution.id, { ...course, programId });
    }
  }

  for (const staff of login((entry) => Boolean(entry.scope?.school ?? entry.scope?.body))) {
    await addLogin(
      staff,
      staff.scope?.school
        ? { institutionId: schoolIds.get(staff.scope.school) }
        : { certificationBodyId: bodyIds.get(staff.scope!.body!) },
    );
  }
  const registrarOf = (school: string) =>
    principals.get(
      DEMO_LOGINS.find((entry) => entry.role === Role.REGISTRAR && entry.scope?.school === school)!
        .username,
    )!;

  const learnerIds = new Map<string, string>();
  for (const { key, openedBy, enrolment, ...learner } of DEMO_LEARNERS) {
    const opener = openedBy ? registrarOf(openedBy) : admin;
    const learnerId = (await s.learners.open(opener, learner, manager)).id;
    learnerIds.set(key, learnerId);
    // Admin enrols where no registrar opened the account: the school would need the number.
    const enroller = openedBy === enrolment.school ? registrarOf(enrolment.school) : admin;
    const enrolled = await s.enrolments.enrolIn(manager, enroller, learnerId, {
      programId: schoolProgramIds.get(enrolment.school)!.get(enrolment.program)!,
      studentNo: enrolment.studentNo,
      category: enrolment.category,
      startedAt: enrolment.startedAt,
    });
    if (enrolment.graduatedAt) {
      await s.enrolments.endIn(manager, enroller, enrolled.id, {
        status: 'GRADUATED',
        endedAt: enrolment.graduatedAt,
      });
    }
  }
  // Every certificate the demo records was earned at an exam the learner registered for.
  for (const outcome of DEMO_OUTCOMES) {
    if (outcome.kind !== 'certificate') continue;
    await s.registrations.registerIn(manager, admin, learnerIds.get(outcome.learner)!, {
      schemeId: (await s.catalog.schemesByCode(manager, [outcome.scheme]))[0].id,
      level: outcome.level,
      session: outcome.issuedAt.slice(0, 7),
    });
  }
  for (const learnerLogin of login((entry) => Boolean(entry.scope?.learner))) {
    await addLogin(learnerLogin, { learnerId: learnerIds.get(learnerLogin.scope!.learner!) });
  }
}

/** The lines main.ts prints at start so people can sign in to the demo. */
export function formatDemoLogins(logins: DemoLogin[]): string {
  if (logins.length === 0) return '';
  const width = Math.max(...logins.map((login) => login.username.length));
  return [
    '  Demo logins (SEED_DEMO=false turns the demo data off):',
    ...logins.map(
      (login) =>
        `    ${login.role.padEnd(9)} ${login.username.padEnd(width)}  ${login.password.padEnd(20)}  ${login.description}`,
    ),
    '',
  ].join('\n');
}
