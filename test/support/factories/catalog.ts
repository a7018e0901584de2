import { randomBytes } from 'node:crypto';
import {
  CertificateSchemesService,
  CertificationBodiesService,
  CourseCategory,
  CoursesService,
  InstitutionKind,
  InstitutionsService,
  LEVELS,
  ProgramsService,
} from '@app/catalog';
import { TestApp } from '../test-app';
import { FACTORY_ADMIN } from './factory-admin';

/**
 * Catalog rows, created through the catalog's services (so each has its audit event, as the
 * audit verifier expects): suites of other areas need a school or a scheme to stand on, and the
 * catalog's own endpoints are tested by the catalog suites.
 */

export function uniqueCode(prefix: string): string {
  return `${prefix}-${randomBytes(3).toString('hex').toUpperCase()}`;
}

export async function anInstitution(
  t: TestApp,
  options: { name?: string; kind?: string } = {},
): Promise<string> {
  const institution = await t.app.get(InstitutionsService).create(FACTORY_ADMIN, {
    code: uniqueCode('INST'),
    name: options.name ?? '湖南示范职业技术学院',
    kind: (options.kind ?? 'HIGHER_VOCATIONAL') as InstitutionKind,
  });
  return institution.id;
}

export async function aProgram(
  t: TestApp,
  options: {
    institutionId: string;
    name?: string;
    totalCredits?: string;
    maxExemptCredits?: string;
  },
): Promise<string> {
  const program = await t.app.get(ProgramsService).create(FACTORY_ADMIN, options.institutionId, {
    code: uniqueCode('P'),
    name: options.name ?? '计算机应用技术',
    totalCredits: options.totalCredits ?? '140',
    maxExemptCredits: options.maxExemptCredits ?? '20',
  });
  return program.id;
}

export async function aCourse(
  t: TestApp,
  options: {
    institutionId: string;
    programId?: string | null;
    name?: string;
    credits?: string;
    category?: string;
  },
): Promise<string> {
  const course = await t.app.get(CoursesService).create(FACTORY_ADMIN, options.institutionId, {
    code: uniqueCode('C'),
    name: options.name ?? '网页设计与制作',
    credits: options.credits ?? '4',
    hours: 64,
    category: (options.category ?? 'PROFESSIONAL_CORE') as CourseCategory,
    programId: options.programId ?? undefined,
  });
  return course.id;
}

export async function aCertificationBody(
  t: TestApp,
  options: { name?: string } = {},
): Promise<string> {
  const body = await t.app.get(CertificationBodiesService).create(FACTORY_ADMIN, {
    code: uniqueCode('BODY'),
    name: options.name ?? '工业和信息化部教育与考试中心',
  });
  return body.id;
}

/** A scheme with the three levels (recognising 4 / 6 / 8 credits), each with THEORY and PRACTICAL. */
export async function aScheme(
  t: TestApp,
  options: { certificationBodyId: string; name?: string; recognisedCredits?: string[] },
): Promise<string> {
  const recognised = options.recognisedCredits ?? ['4', '6', '8'];
  const scheme = await t.app.get(CertificateSchemesService).create(FACTORY_ADMIN, {
    code: uniqueCode('X'),
    name: options.name ?? 'Web前端开发',
    certificationBodyId: options.certificationBodyId,
    levels: LEVELS.map((level, index) => ({
      level,
      recognisedCredits: recognised[index],
      components: [
        { code: 'THEORY', name: '理论知识' },
        { code: 'PRACTICAL', name: '实操技能' },
      ],
    })),
  });
  return scheme.id;
}

/** A scheme as POST /v1/certificate-schemes takes it: 4/6/8 credits, THEORY and PRACTICAL. */
export function schemeBody(
  certificationBodyId: string,
  code = uniqueCode('X'),
): Record<string, unknown> {
  return {
    code,
    name: 'Web前端开发职业技能等级证书',
    certificationBodyId,
    levels: [
      ['JUNIOR', '4'],
      ['INTERMEDIATE', '6'],
      ['SENIOR', '8'],
    ].map(([level, recognisedCredits]) => ({
      level,
      recognisedCredits,
      components: [
        { code: 'THEORY', name: '理论知识考试' },
        { code: 'PRACTICAL', name: '实操技能考核' },
      ],
    })),
  };
}
