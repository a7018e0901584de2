import { Role } from '@app/core';
import {
  aCertificationBody,
  aCourse,
  aLearner,
  anActiveRule,
  anEnrolment,
  anInstitution,
  aProgram,
  aScheme,
} from './factories';
import { TestApp } from './test-app';

export interface ConversionWorld {
  school: string;
  otherSchool: string;
  program: string;
  body: string;
  scheme: string;
  admin: string;
  registrar: string;
  otherRegistrar: string;
  examiner: string;
  otherExaminer: string;
}

/** A school with a program (cap on exempted credits), a body with the Web scheme, and their staff. */
export async function aConversionWorld(
  t: TestApp,
  options: { maxExemptCredits?: string } = {},
): Promise<ConversionWorld> {
  const school = await anInstitution(t);
  const otherSchool = await anInstitution(t, { name: '长沙中等职业学校' });
  const program = await aProgram(t, {
    institutionId: school,
    maxExemptCredits: options.maxExemptCredits,
  });
  const body = await aCertificationBody(t);
  const scheme = await aScheme(t, { certificationBodyId: body });
  return {
    school,
    otherSchool,
    program,
    body,
    scheme,
    admin: await t.tokenFor(Role.ADMIN),
    registrar: await t.tokenFor(Role.REGISTRAR, { institutionId: school }),
    otherRegistrar: await t.tokenFor(Role.REGISTRAR, { institutionId: otherSchool }),
    examiner: await t.tokenFor(Role.EXAMINER, { certificationBodyId: body }),
    otherExaminer: await t.tokenFor(Role.EXAMINER, {
      certificationBodyId: await aCertificationBody(t),
    }),
  };
}

/**
 * A learner of the world's school (enrolled in its program) and registered for every level of
 * its scheme: both sides reach them, as an application by either needs.
 */
export async function aStudent(
  t: TestApp,
  w: ConversionWorld,
  options: { name?: string } = {},
): Promise<string> {
  const learnerId = await aLearner(t, { ...options, registeredFor: [w.scheme] });
  await anEnrolment(t, { learnerId, institutionId: w.school, programId: w.program });
  return learnerId;
}

/** Two core courses and a foundation course, with the Hunan-style core and foundation rules. */
export async function aHunanRuleSet(t: TestApp, options: { world: ConversionWorld }) {
  const { world } = options;
  const inProgram = { institutionId: world.school, programId: world.program };
  const coreA = await aCourse(t, { ...inProgram, name: 'Vue.js 应用开发' });
  const coreB = await aCourse(t, { ...inProgram, name: 'Node.js 后端开发' });
  const foundation = await aCourse(t, {
    ...inProgram,
    category: 'PROFESSIONAL_FOUNDATION',
    name: 'HTML5 基础',
  });
  const coreRule = await anActiveRule(t, {
    token: world.registrar,
    rule: {
      kind: 'CERT_TO_COURSE',
      name: '中级证书免修专业核心课',
      condition: { certificate: { schemeId: world.scheme, minLevel: 'INTERMEDIATE' } },
      targets: [{ courseId: coreA }, { courseId: coreB }],
      maxCreditsPerEvidence: '8',
    },
  });
  const foundationRule = await anActiveRule(t, {
    token: world.registrar,
    rule: {
      kind: 'CERT_TO_COURSE',
      name: '初级或高级证书免修专业基础课',
      condition: {
        any: [
          { certificate: { schemeId: world.scheme, minLevel: 'JUNIOR', maxLevel: 'JUNIOR' } },
          { certificate: { schemeId: world.scheme, minLevel: 'SENIOR' } },
        ],
      },
      targets: [{ courseId: foundation }],
      maxCreditsPerEvidence: '8',
    },
  });
  return { coreA, coreB, foundation, coreRule: coreRule.id, foundationRule: foundationRule.id };
}
