import { randomBytes } from 'node:crypto';
import { CatalogLookup } from '@app/catalog';
import {
  AlreadyRegisteredError,
  EnrolmentCategory,
  EnrolmentsService,
  ExamRegistrationsService,
} from '@app/relationships';
import { TestApp } from '../test-app';
import { aProgram } from './catalog';
import { FACTORY_ADMIN } from './factory-admin';

/**
 * Relationships, written through the services as the factory admin (so each has its audit
 * event). Recording outcomes needs them: the outcome factories call these first.
 */

export function aStudentNo(): string {
  return `S${randomBytes(5).toString('hex').toUpperCase()}`;
}

/**
 * An enrolment of the learner at the school (in `programId`, or in the school's oldest program,
 * made when it has none), started long before any date a test records. A learner already
 * enrolled there (in that program, when given) keeps the enrolment they have.
 */
export async function anEnrolment(
  t: TestApp,
  options: {
    learnerId: string;
    institutionId: string;
    programId?: string;
    studentNo?: string;
    category?: EnrolmentCategory;
    startedAt?: string;
  },
): Promise<string> {
  const manager = t.dataSource.manager;
  const existing: { id: string }[] = await manager.query(
    `SELECT id FROM enrolments WHERE learner_id = $1 AND institution_id = $2
       AND ($3::uuid IS NULL OR program_id = $3::uuid) AND status = 'ACTIVE' LIMIT 1`,
    [options.learnerId, options.institutionId, options.programId ?? null],
  );
  if (existing.length > 0 && options.studentNo === undefined) return existing[0].id;
  const [oldest]: { id: string }[] = await manager.query(
    'SELECT id FROM programs WHERE institution_id = $1 ORDER BY created_at, id LIMIT 1',
    [options.institutionId],
  );
  const programId =
    options.programId ??
    oldest?.id ??
    (await aProgram(t, { institutionId: options.institutionId }));
  const enrolment = await t.app.get(EnrolmentsService).enrol(FACTORY_ADMIN, options.learnerId, {
    programId,
    studentNo: options.studentNo ?? aStudentNo(),
    category: options.category ?? 'FULL_TIME',
    startedAt: options.startedAt ?? '2015-09-01',
  });
  return enrolment.id;
}

/** A registration of the learner for the scheme's level (session `factory`), once. */
export async function anExamRegistration(
  t: TestApp,
  options: { learnerId: string; schemeId: string; level?: string; session?: string },
): Promise<void> {
  try {
    await t.app.get(ExamRegistrationsService).register(FACTORY_ADMIN, options.learnerId, {
      schemeId: options.schemeId,
      level: (options.level ?? 'INTERMEDIATE') as 'INTERMEDIATE',
      session: options.session ?? 'factory',
    });
  } catch (error) {
    if (!(error instanceof AlreadyRegisteredError)) throw error;
  }
}

/** Enrols the learner at the course's school, when they are not enrolled there yet. */
export async function enrolForCourse(
  t: TestApp,
  options: { learnerId: string; courseId: string },
): Promise<void> {
  const course = await t.app.get(CatalogLookup).course(t.dataSource.manager, options.courseId);
  if (!course) return; // the recording itself reports the unknown course
  await anEnrolment(t, { learnerId: options.learnerId, institutionId: course.institutionId });
}

/** Enrols the learner in the program, when they are not enrolled in it yet. */
export async function enrolForProgram(
  t: TestApp,
  options: { learnerId: string; programId: string },
): Promise<void> {
  const program = await t.app.get(CatalogLookup).program(t.dataSource.manager, options.programId);
  if (!program) return;
  await anEnrolment(t, {
    learnerId: options.learnerId,
    institutionId: program.institutionId,
    programId: program.id,
  });
}
