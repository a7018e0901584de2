import { INestApplicationContext } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { CreateRuleDto, RuleAuthoringService, RuleLifecycleService } from '@app/conversion';
import { Principal } from '@app/core';

/**
 * Ids of the demo catalog by code. The demo seed's `DemoSeedRefs` (demo-refs.ts) fits as it
 * is; only the codes below are read.
 */
export interface DemoRuleCatalog {
  courses: Record<string, string>;
  programs: Record<string, string>;
  schemes: Record<string, string>;
}

export interface DemoRuleIds {
  hunanFoundation: string;
  hunanCore: string;
  webTheoryExemption: string;
  mutualRecognition: string;
}

/** The codes the demo rules name (demo-schools.ts, demo-certificates.ts). */
export const DEMO_RULE_CODES = {
  webScheme: 'X-WEB-FE',
  softwareProgram: '510203',
  /** Higher vocational school: JUNIOR (or SENIOR) exempts these professional-foundation courses… */
  foundation: ['HV-WEB101', 'HV-WEB102'],
  /** …INTERMEDIATE (or SENIOR) these professional-core courses. */
  core: ['HV-WEB201', 'HV-WEB202'],
  /** 免试: graduates of 软件技术 with both at 70 or more skip the SENIOR THEORY exam. */
  theoryCourses: ['HV-SE101', 'HV-SE201'],
  /** 学分互认: the secondary school's 网页制作基础 counts for the college's 网页设计与制作. */
  mutualFrom: 'SV-WEB101',
  mutualTo: 'HV-WEB101',
} as const;

function id(ids: Record<string, string>, code: string, what: string): string {
  const found = ids[code];
  if (!found) throw new Error(`demo rules: the demo catalog has no ${what} ${code}`);
  return found;
}

/** The demo rules as API bodies: the Hunan college's 《X证书与专业课程转换办法》, a 免试 rule and a 学分互认 rule. */
export function demoRuleBodies(catalog: DemoRuleCatalog): Record<keyof DemoRuleIds, CreateRuleDto> {
  const codes = DEMO_RULE_CODES;
  const scheme = id(catalog.schemes, codes.webScheme, 'scheme');
  const course = (code: string) => id(catalog.courses, code, 'course');
  return {
    hunanFoundation: {
      kind: 'CERT_TO_COURSE',
      name: '《X证书与专业课程转换办法》Web前端开发初级（或高级）证书免修专业基础课',
      // JUNIOR exempts only foundation courses; SENIOR exempts both kinds; INTERMEDIATE not these.
      condition: {
        any: [
          { certificate: { schemeId: scheme, minLevel: 'JUNIOR', maxLevel: 'JUNIOR' } },
          { certificate: { schemeId: scheme, minLevel: 'SENIOR' } },
        ],
      },
      targets: codes.foundation.map((code) => ({ courseId: course(code) })),
      // One certificate exempts at most 8 credits (and never more than the bank recognises).
      maxCreditsPerEvidence: '8',
      effectiveFrom: '2024-09-01',
    },
    hunanCore: {
      kind: 'CERT_TO_COURSE',
      name: '《X证书与专业课程转换办法》Web前端开发中级（或高级）证书免修专业核心课',
      condition: { certificate: { schemeId: scheme, minLevel: 'INTERMEDIATE' } },
      targets: codes.core.map((code) => ({ courseId: course(code) })),
      maxCreditsPerEvidence: '8',
      effectiveFrom: '2024-09-01',
    },
    webTheoryExemption: {
      kind: 'COURSE_TO_EXAM',
      name: '软件技术专业毕业生免试Web前端开发（高级）理论知识',
      condition: {
        all: [
          { diploma: { programId: id(catalog.programs, codes.softwareProgram, 'program') } },
          ...codes.theoryCourses.map((code) => ({
            courseCredit: { courseId: course(code), minScore: 70 },
          })),
        ],
      },
      targets: [{ schemeId: scheme, level: 'SENIOR', component: 'THEORY' }],
      effectiveFrom: '2024-09-01',
    },
    mutualRecognition: {
      kind: 'COURSE_TO_COURSE',
      name: '中高职衔接学分互认：网页制作基础 → 网页设计与制作',
      condition: { courseCredit: { courseId: course(codes.mutualFrom), minScore: 70 } },
      targets: [{ courseId: course(codes.mutualTo) }],
      effectiveFrom: '2024-09-01',
    },
  };
}

/**
 * Creates and activates the demo rules through the application's own rule services (the same
 * validation and lifecycle as the API), in the caller's transaction, as `author` (an ADMIN may
 * write every one of them). A rule whose name is already present is left alone, so a second
 * call changes nothing.
 */
export async function createDemoRules(
  app: INestApplicationContext,
  manager: EntityManager,
  author: Principal,
  catalog: DemoRuleCatalog,
): Promise<DemoRuleIds> {
  const authoring = app.get(RuleAuthoringService, { strict: false });
  const lifecycle = app.get(RuleLifecycleService, { strict: false });
  const ids: Partial<DemoRuleIds> = {};
  for (const [key, body] of Object.entries(demoRuleBodies(catalog)) as [
    keyof DemoRuleIds,
    CreateRuleDto,
  ][]) {
    const existing = await authoring.firstRuleNamed(manager, body.name);
    if (existing) {
      ids[key] = existing;
      continue;
    }
    const rule = await authoring.createIn(manager, author, body);
    await lifecycle.activateIn(manager, author, rule.id);
    ids[key] = rule.id;
  }
  return ids as DemoRuleIds;
}
