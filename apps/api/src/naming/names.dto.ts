import type { RuleKind } from '@app/conversion';

/**
 * How responses name what they cite: each id a person would otherwise have to look up sits
 * beside one of these, holding its code and name (or a label in words).
 */

/** A school, program, certification body or scheme. */
export class CatalogRefDto {
  id: string;
  code: string;
  name: string;
}

export class CourseRefDto extends CatalogRefDto {
  /** An exact decimal, e.g. "4.00". */
  credits: string;
  /** PUBLIC_BASIC, PROFESSIONAL_FOUNDATION, PROFESSIONAL_CORE, PRACTICE or ELECTIVE. */
  category: string;
}

/** A staff member or learner by the name they are shown under. */
export class PersonRefDto {
  id: string;
  /** The user's display name. */
  name: string;
}

/** The learner a record or application belongs to. */
export class LearnerRefDto {
  id: string;
  name: string;
  /** In the decision inbox: the learner's student number at the deciding school, if enrolled there. */
  studentNo?: string | null;
}

/** A rule version: "rule 中级证书免修专业核心课, version 2". */
export class RuleRefDto {
  /** The rule's id (`ruleId`). */
  id: string;
  /** The version's id (`ruleVersionId`). */
  versionId: string;
  /** The version's name. */
  name: string;
  kind: RuleKind;
  /** The version number, from 1. */
  version: number;
}

/** A ledger entry another record cites (evidence, cause, what a correction cancels). */
export class EntryRefDto {
  id: string;
  kind: string;
  /** In words, e.g. "职业技能等级证书 · Web前端开发 (S-1) 中级 · CERT-0001". */
  label: string;
}

/** An exemption application another record cites. */
export class ApplicationRefDto {
  id: string;
  /** In words, e.g. "申请 · 免修 Vue.js 应用开发 (C-1)". */
  label: string;
}

/** What an exemption is for: a course (免修) or an exam component of a scheme level (免试). */
export class NamedTargetDto {
  courseId?: string;
  course?: CourseRefDto | null;
  schemeId?: string;
  scheme?: CatalogRefDto | null;
  /** JUNIOR, INTERMEDIATE or SENIOR. */
  level?: string;
  /** The level in words: 初级, 中级 or 高级. */
  levelName?: string;
  /** The exam component's code, e.g. THEORY. */
  component?: string;
}
