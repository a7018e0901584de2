import { Role } from '@app/core';
import {
  aCertificationBody,
  aCourse,
  anActiveRule,
  anEnrolment,
  anInstitution,
  aProgram,
  aScheme,
  aSignedInLearner,
  recordCertificate,
} from './factories';
import { TestApp } from './test-app';

/**
 * The catalog and rules the race properties play on, shared by every run (each run has a
 * learner of its own, and every cap is per learner):
 *
 * - a program capping exempted credits at 10, with five courses (4, 3, 2.5, 4, 2 credits);
 * - two schemes recognising 4 / 6 / 8 credits per level;
 * - rule A (scheme 1, any level) exempts courses 0–3, at most 6 credits per certificate;
 * - rule B (scheme 2, any level) exempts courses 2–4, at most 5 credits per certificate:
 *   courses 2 and 3 can be exempted under either rule, so "at most once" is tested across rules.
 *
 * A run's learner starts with three certificates: scheme 1 JUNIOR (its 4 recognised credits bind
 * before the rule's 6), scheme 1 SENIOR (chosen first while it stands), scheme 2 INTERMEDIATE.
 */

export const PROGRAM_CAP = 10;
export const COURSE_CREDITS = ['4', '3', '2.5', '4', '2'] as const;
export const RECOGNISED: Record<string, number> = { JUNIOR: 4, INTERMEDIATE: 6, SENIOR: 8 };
export const LEVELS = ['JUNIOR', 'INTERMEDIATE', 'SENIOR'] as const;

export interface RaceRule {
  id: string;
  schemeId: string;
  /** Indexes into RaceWorld.courses. */
  targets: number[];
  maxCreditsPerEvidence: number;
}

export interface RaceWorld {
  programId: string;
  courses: string[];
  school: string;
  schemes: string[];
  rules: RaceRule[];
  registrar: string;
  examiner: string;
}

export async function aRaceWorld(t: TestApp): Promise<RaceWorld> {
  const school = await anInstitution(t);
  const programId = await aProgram(t, {
    institutionId: school,
    maxExemptCredits: String(PROGRAM_CAP),
  });
  const courses: string[] = [];
  for (const credits of COURSE_CREDITS)
    courses.push(await aCourse(t, { institutionId: school, programId, credits }));
  const body = await aCertificationBody(t);
  const schemes = [
    await aScheme(t, { certificationBodyId: body }),
    await aScheme(t, { certificationBodyId: body }),
  ];
  const registrar = await t.tokenFor(Role.REGISTRAR, { institutionId: school });
  const examiner = await t.tokenFor(Role.EXAMINER, { certificationBodyId: body });
  const specs = [
    { scheme: 0, targets: [0, 1, 2, 3], cap: 6 },
    { scheme: 1, targets: [2, 3, 4], cap: 5 },
  ];
  const rules: RaceRule[] = [];
  for (const spec of specs) {
    const rule = await anActiveRule(t, {
      token: registrar,
      rule: {
        kind: 'CERT_TO_COURSE',
        name: `证书免修 ${spec.scheme + 1}`,
        condition: { certificate: { schemeId: schemes[spec.scheme], minLevel: 'JUNIOR' } },
        targets: spec.targets.map((index) => ({ courseId: courses[index] })),
        maxCreditsPerEvidence: String(spec.cap),
      },
    });
    rules.push({
      id: rule.id,
      schemeId: schemes[spec.scheme],
      targets: spec.targets,
      maxCreditsPerEvidence: spec.cap,
    });
  }
  return { school, programId, courses, schemes, rules, registrar, examiner };
}

export interface RaceLearner {
  id: string;
  token: string;
  /** Certificate entry ids, in the order they were recorded. */
  certificates: string[];
}

export async function aRaceLearner(
  t: TestApp,
  options: { world: RaceWorld },
): Promise<RaceLearner> {
  const { world } = options;
  // A student of the school, registered for every exam the run may record a certificate of.
  const learner = await aSignedInLearner(t, { registeredFor: world.schemes });
  await anEnrolment(t, {
    learnerId: learner.id,
    institutionId: world.school,
    programId: world.programId,
  });
  const certificates: string[] = [];
  for (const [scheme, level] of [
    [0, 'JUNIOR'],
    [0, 'SENIOR'],
    [1, 'INTERMEDIATE'],
  ] as const) {
    certificates.push(
      await recordCertificate(t, {
        token: world.examiner,
        learnerId: learner.id,
        schemeId: world.schemes[scheme],
        level,
      }),
    );
  }
  return { ...learner, certificates };
}
