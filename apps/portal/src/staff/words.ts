import type { NamedTarget } from '../api-types';
import { fill } from '../i18n/i18n';
import type { Dictionary } from '../i18n/zh-CN';
import type { Catalog } from './catalog';
import type { ConditionTree, OverlapEntry, Rule, RuleTarget } from './types';

/** Rules, targets and reports in words, with the catalog's names for the ids they hold. */

const unknown = (t: Dictionary) => t.staff.unknownItem;

export function courseName(t: Dictionary, catalog: Catalog, courseId: string): string {
  const course = catalog.course.get(courseId);
  return course ? `${course.name}（${course.code}）` : unknown(t);
}

export function schemeName(t: Dictionary, catalog: Catalog, schemeId: string): string {
  const scheme = catalog.scheme.get(schemeId);
  return scheme ? `${scheme.name}（${scheme.code}）` : unknown(t);
}

function componentName(
  catalog: Catalog,
  target: { schemeId: string; level: string; component: string },
) {
  const level = catalog.scheme.get(target.schemeId)?.levels.find((l) => l.level === target.level);
  return level?.components.find((c) => c.code === target.component)?.name ?? target.component;
}

/** "课程 Vue.js 应用开发（HV-WEB201）" or "Web前端开发（X-WEB-FE）高级 · 理论知识". */
export function targetWords(t: Dictionary, catalog: Catalog, target: RuleTarget): string {
  if ('courseId' in target)
    return fill(t.staff.targetCourse, { course: courseName(t, catalog, target.courseId) });
  return fill(t.staff.targetExam, {
    scheme: schemeName(t, catalog, target.schemeId),
    level: t.enums.level[target.level],
    component: componentName(catalog, target),
  });
}

/** An application's target as the API names it. */
export function namedTargetWords(t: Dictionary, target: NamedTarget): string {
  if (target.course)
    return fill(t.staff.targetCourse, { course: `${target.course.name}（${target.course.code}）` });
  if (target.scheme)
    return fill(t.staff.targetExam, {
      scheme: `${target.scheme.name}（${target.scheme.code}）`,
      level: target.levelName ?? (target.level ? t.enums.level[target.level] : ''),
      component: target.component ?? '',
    });
  return unknown(t);
}

export function evidenceWords(t: Dictionary, catalog: Catalog, id: string): string {
  if (catalog.course.has(id))
    return fill(t.staff.evidenceCourse, { name: courseName(t, catalog, id) });
  if (catalog.scheme.has(id))
    return fill(t.staff.evidenceScheme, { name: schemeName(t, catalog, id) });
  const program = catalog.program.get(id);
  if (program) return fill(t.staff.evidenceProgram, { name: `${program.name}（${program.code}）` });
  return unknown(t);
}

/** A leaf, or a group with its parts, as nested lines (the tree is shown as a list). */
export interface ConditionLine {
  text: string;
  parts?: ConditionLine[];
}

export function conditionLines(
  t: Dictionary,
  catalog: Catalog,
  node: ConditionTree,
): ConditionLine {
  if ('all' in node)
    return {
      text: t.staff.groupAllWords,
      parts: node.all.map((n) => conditionLines(t, catalog, n)),
    };
  if ('any' in node)
    return {
      text: t.staff.groupAnyWords,
      parts: node.any.map((n) => conditionLines(t, catalog, n)),
    };
  if ('atLeast' in node)
    return {
      text: fill(t.staff.groupAtLeastWords, { n: node.atLeast.n }),
      parts: node.atLeast.of.map((n) => conditionLines(t, catalog, n)),
    };
  if ('certificate' in node) {
    const { schemeId, minLevel, maxLevel, maxAgeYears } = node.certificate;
    let text = fill(t.staff.leafCertificateWords, {
      scheme: schemeName(t, catalog, schemeId),
      level: t.enums.level[minLevel],
    });
    if (maxLevel) text += fill(t.staff.leafMaxLevelWords, { level: t.enums.level[maxLevel] });
    if (maxAgeYears !== undefined) text += fill(t.staff.leafMaxAgeWords, { years: maxAgeYears });
    return { text };
  }
  if ('courseCredit' in node) {
    const { courseId, minScore } = node.courseCredit;
    const course = courseName(t, catalog, courseId);
    return {
      text:
        minScore === undefined
          ? fill(t.staff.leafCourseWords, { course })
          : fill(t.staff.leafCourseScoreWords, { course, score: minScore }),
    };
  }
  const program = catalog.program.get(node.diploma.programId);
  return {
    text: fill(t.staff.leafDiplomaWords, {
      program: program ? `${program.name}（${program.code}）` : unknown(t),
    }),
  };
}

export function ownerWords(t: Dictionary, catalog: Catalog, rule: Rule): string {
  if (rule.ownerInstitutionId)
    return catalog.institution.get(rule.ownerInstitutionId)?.name ?? unknown(t);
  if (rule.ownerCertificationBodyId)
    return catalog.body.get(rule.ownerCertificationBodyId)?.name ?? unknown(t);
  return unknown(t);
}

/** One entry of an overlap report as a sentence. */
export function overlapWords(t: Dictionary, catalog: Catalog, entry: OverlapEntry): string {
  if (entry.type === 'OTHER_BODY_CERTIFICATE')
    return fill(t.staff.overlapOtherBody, {
      scheme: `${entry.schemeName}（${entry.schemeCode}）`,
      body: entry.certificationBodyName,
    });
  return fill(t.staff.overlapRule, {
    rule: entry.name,
    version: entry.version,
    kind: t.enums.ruleKind[entry.kind],
    targets: entry.sharedTargets
      .map((target) => targetWords(t, catalog, target))
      .join(t.staff.listSeparator),
    evidence: entry.sharedEvidenceIds
      .map((id) => evidenceWords(t, catalog, id))
      .join(t.staff.listSeparator),
  });
}

/** The newest version: what the rule says now, or what it will say once activated. */
export function newestVersion(rule: Rule) {
  return rule.versions?.[0] ?? rule.activeVersion;
}
