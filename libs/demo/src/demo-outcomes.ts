import { EntityManager } from 'typeorm';
import { Role } from '@app/core';
import { CommandContext, CommandRunner } from '@app/commands';
import { RecordOutcomeService } from '@app/ledger';
import { DEMO_LOGINS, DEMO_OUTCOMES, DemoOutcome } from './demo-people';
import { DemoSeedRefs } from './demo-refs';
import { DEMO_SCHOOLS } from './demo-schools';

const KEY_PREFIX = 'demo-seed-';

/**
 * Records the demo outcomes as the demo staff would: course credits and diplomas by the
 * registrar of the school, certificates by the body's examiner. Skips everything when all the
 * keys are already claimed; otherwise records the missing ones (claimed keys replay, no new row).
 * Returns how many entries it wrote.
 */
export async function recordDemoOutcomes(
  { outcomes, commands }: { outcomes: RecordOutcomeService; commands: CommandRunner },
  manager: EntityManager,
  refs: DemoSeedRefs,
): Promise<number> {
  const staffIds = Object.values(refs.principals).map((principal) => principal.userId);
  const claimed = await commands.countClaimedKeys(manager, staffIds, KEY_PREFIX);
  if (claimed >= DEMO_OUTCOMES.length) return 0;
  let recorded = 0;
  for (const [index, outcome] of DEMO_OUTCOMES.entries()) {
    const learnerId = refs.learners[outcome.learner];
    const context = (username: string, what: string): CommandContext => ({
      principal: refs.principals[username],
      idempotencyKey: `${KEY_PREFIX}${index}`,
      method: 'POST',
      path: `/v1/learners/${learnerId}/${what}`,
    });
    const stored = await record(outcomes, outcome, learnerId, refs, context);
    if (!stored.replayed) recorded += 1;
  }
  return recorded;
}

function record(
  outcomes: RecordOutcomeService,
  outcome: DemoOutcome,
  learnerId: string,
  refs: DemoSeedRefs,
  context: (username: string, what: string) => CommandContext,
): Promise<{ replayed: boolean }> {
  switch (outcome.kind) {
    case 'credit': {
      const { course, term, score, completedAt } = outcome;
      const courseId = refs.courses[course];
      return outcomes.recordCourseCredit(
        context(registrarFor(course), 'course-credits'),
        learnerId,
        {
          courseId,
          term,
          score,
          completedAt,
        },
      );
    }
    case 'certificate': {
      const { scheme, level, certificateNo, issuedAt, validUntil } = outcome;
      const examiner = DEMO_LOGINS.find((login) => login.role === Role.EXAMINER)!.username;
      return outcomes.recordCertificate(context(examiner, 'certificates'), learnerId, {
        schemeId: refs.schemes[scheme],
        level,
        certificateNo,
        issuedAt,
        ...(validUntil ? { validUntil } : {}),
      });
    }
    case 'diploma': {
      const { program, diplomaNo, graduatedAt } = outcome;
      return outcomes.recordDiploma(context(registrarFor(program), 'diplomas'), learnerId, {
        programId: refs.programs[program],
        diplomaNo,
        graduatedAt,
      });
    }
  }
}

/** The registrar login of the school that owns a course or program code. */
function registrarFor(courseOrProgramCode: string): string {
  const school = DEMO_SCHOOLS.find(
    (candidate) =>
      candidate.courses.some((course) => course.code === courseOrProgramCode) ||
      candidate.programs.some((program) => program.code === courseOrProgramCode),
  )!;
  return DEMO_LOGINS.find(
    (login) => login.role === Role.REGISTRAR && login.scope?.school === school.key,
  )!.username;
}
