import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { CatalogLookup } from '@app/catalog';
import { FieldError, Principal, Role, ValidationFailedError } from '@app/core';
import { OwnedByTarget } from '../conversion-scope';
import { RuleContentDto } from '../dto/rule.dto';
import {
  collectReferences,
  leafPaths,
  normaliseCredits,
  parseHundredths,
  targetKey,
  validateCondition,
  type Condition,
  type LeafCondition,
  type Target,
} from '../engine';
import { RuleKind } from '../entities/conversion-rule.entity';
import { parseTargets, UUID } from './rule-targets';

/** A rule version that passed every check, ready to store. */
export interface ValidatedRule {
  condition: Condition;
  targets: Target[];
  owner: OwnedByTarget;
  referencedIds: string[];
  targetKeys: string[];
}

/** What evidence each kind must name, so that a rule's kind says what it converts. */
const EVIDENCE_OF_KIND: Record<RuleKind, { leaves: string[]; words: string }> = {
  CERT_TO_COURSE: { leaves: ['certificate'], words: 'a certificate' },
  COURSE_TO_EXAM: { leaves: ['courseCredit', 'diploma'], words: 'a course credit or a diploma' },
  COURSE_TO_COURSE: { leaves: ['courseCredit'], words: 'a course credit' },
};

const ID_FIELD = {
  certificate: 'schemeId',
  courseCredit: 'courseId',
  diploma: 'programId',
} as const;

function leafKey(leaf: LeafCondition): 'certificate' | 'courseCredit' | 'diploma' {
  return 'certificate' in leaf
    ? 'certificate'
    : 'courseCredit' in leaf
      ? 'courseCredit'
      : 'diploma';
}

function fail(errors: FieldError[]): void {
  if (errors.length > 0) throw new ValidationFailedError(errors, 'The rule is not valid.');
}

/**
 * Checks a rule version in depth, naming the path of every fault: the condition's shape (the
 * engine's own validator), the targets' shape, that every course, scheme, level and program
 * named exists, and that the targets exist, lie in the author's scope and share one owner.
 * A target outside the author's scope is reported exactly like one that does not exist (422),
 * so the answer says nothing about other schools' catalogues.
 */
@Injectable()
export class RuleValidator {
  constructor(private readonly catalog: CatalogLookup) {}

  async validate(
    manager: EntityManager,
    principal: Principal,
    kind: RuleKind,
    content: RuleContentDto,
    expectedOwner?: OwnedByTarget,
  ): Promise<ValidatedRule> {
    const errors: FieldError[] = validateCondition(content.condition).map((problem) => ({
      field: problem.path,
      message: problem.message,
    }));
    const targets = parseTargets(kind, content.targets, errors);
    fail(errors);
    // A copy whose ids are lower-cased as the database writes them: the engine compares ids as text.
    const condition = structuredClone(content.condition) as unknown as Condition;
    const leaves = leafPaths(condition);
    const wanted = EVIDENCE_OF_KIND[kind];
    if (!leaves.some(({ leaf }) => wanted.leaves.includes(leafKey(leaf)))) {
      errors.push({ field: 'condition', message: `a ${kind} rule must name ${wanted.words}` });
    }
    for (const { path, leaf } of leaves) {
      const key = leafKey(leaf);
      const body = (leaf as unknown as Record<string, Record<string, unknown>>)[key];
      const field = ID_FIELD[key];
      const id = body[field];
      if (typeof id !== 'string' || !UUID.test(id))
        errors.push({ field: `${path}.${field}`, message: 'must be a UUID' });
      else body[field] = id.toLowerCase();
    }
    fail(errors);
    await this.checkReferences(manager, leaves, errors);
    const owner = await this.checkTargets(
      manager,
      principal,
      targets,
      content.creditsGranted,
      errors,
    );
    if (owner && expectedOwner && !sameOwner(owner, expectedOwner)) {
      errors.push({
        field: 'targets',
        message: "a new version must keep the rule's owner (the same institution or body)",
      });
    }
    fail(errors);
    const references = collectReferences(condition);
    return {
      condition,
      targets,
      owner: owner as OwnedByTarget,
      referencedIds: [
        ...references.courseIds,
        ...references.schemeIds,
        ...references.programIds,
      ].sort(),
      targetKeys: targets.map(targetKey),
    };
  }

  private async checkReferences(
    manager: EntityManager,
    leaves: Array<{ path: string; leaf: LeafCondition }>,
    errors: FieldError[],
  ): Promise<void> {
    const ids = (key: keyof typeof ID_FIELD) =>
      leaves.flatMap(({ leaf }) =>
        key in leaf
          ? [(leaf as unknown as Record<string, Record<string, string>>)[key][ID_FIELD[key]]]
          : [],
      );
    const courses = new Set(
      (await this.catalog.courses(manager, ids('courseCredit'))).map((course) => course.id),
    );
    const programs = new Set(
      (await this.catalog.programs(manager, ids('diploma'))).map((program) => program.id),
    );
    const schemes = await this.catalog.schemes(manager, ids('certificate'));
    for (const { path, leaf } of leaves) {
      if ('courseCredit' in leaf && !courses.has(leaf.courseCredit.courseId)) {
        errors.push({ field: `${path}.courseId`, message: 'no such course' });
      } else if ('diploma' in leaf && !programs.has(leaf.diploma.programId)) {
        errors.push({ field: `${path}.programId`, message: 'no such program' });
      } else if ('certificate' in leaf) {
        const { schemeId, minLevel, maxLevel } = leaf.certificate;
        const scheme = schemes.find((row) => row.id === schemeId);
        if (!scheme) {
          errors.push({ field: `${path}.schemeId`, message: 'no such certificate scheme' });
          continue;
        }
        for (const [field, level] of [
          ['minLevel', minLevel],
          ['maxLevel', maxLevel],
        ] as const) {
          if (level !== undefined && !scheme.levels.some((row) => row.level === level)) {
            errors.push({ field: `${path}.${field}`, message: `the scheme has no ${level} level` });
          }
        }
      }
    }
  }

  /**
   * The owner the targets share, or null (with errors) when they do not exist, stray or disagree.
   * A grant is never worth more than a target: `creditsGranted` must not pass a course's credits,
   * nor for an exam component the credits its level recognises (the engine checks it again).
   */
  private async checkTargets(
    manager: EntityManager,
    principal: Principal,
    targets: Target[],
    creditsGranted: string | null | undefined,
    errors: FieldError[],
  ): Promise<OwnedByTarget | null> {
    // JSON null passes @IsOptional: it means "the default", as an absent field does.
    const granted = creditsGranted == null ? undefined : parseHundredths(creditsGranted);
    const overTarget = (worth: string, describe: (cap: string) => string) => {
      if (granted === undefined || granted <= parseHundredths(worth)) return;
      const cap = normaliseCredits(worth);
      errors.push({ field: 'creditsGranted', message: `must be at most ${cap}: ${describe(cap)}` });
    };
    const owners = new Set<string>();
    const courseIds = targets.flatMap((target) => ('courseId' in target ? [target.courseId] : []));
    const schemeIds = targets.flatMap((target) => ('schemeId' in target ? [target.schemeId] : []));
    const courses = await this.catalog.courses(manager, courseIds);
    const schemes = await this.catalog.schemes(manager, schemeIds);
    const scoped = principal.role !== Role.ADMIN;
    targets.forEach((target, index) => {
      const path = `targets[${index}]`;
      if ('courseId' in target) {
        const course = courses.find((row) => row.id === target.courseId);
        if (
          !course ||
          (scoped &&
            !(
              principal.role === Role.REGISTRAR && principal.institutionId === course.institutionId
            ))
        ) {
          const where = scoped ? ' in your institution' : '';
          errors.push({ field: `${path}.courseId`, message: `no such course${where}` });
        } else {
          owners.add(`institution:${course.institutionId}`);
          overTarget(
            course.credits,
            (cap) => `${path} is course ${course.name} (${course.code}), worth ${credits(cap)}`,
          );
        }
        return;
      }
      const scheme = schemes.find((row) => row.id === target.schemeId);
      const bodyId = scheme?.certificationBodyId;
      const level = scheme?.levels.find((row) => row.level === target.level);
      if (
        !bodyId ||
        (scoped && !(principal.role === Role.EXAMINER && principal.certificationBodyId === bodyId))
      ) {
        const where = scoped ? " among your body's schemes" : '';
        errors.push({ field: `${path}.schemeId`, message: `no such certificate scheme${where}` });
      } else if (!level) {
        errors.push({ field: `${path}.level`, message: `the scheme has no ${target.level} level` });
      } else if (!level.components.some((component) => component.code === target.component)) {
        errors.push({
          field: `${path}.component`,
          message: `${target.level} has no exam component ${target.component}`,
        });
      } else {
        owners.add(`body:${bodyId}`);
        overTarget(
          level.recognisedCredits,
          (cap) =>
            `${path} is an exam of ${scheme.name} (${scheme.code}) at ${target.level}, ` +
            `which recognises ${credits(cap)}`,
        );
      }
    });
    if (owners.size > 1) {
      errors.push({
        field: 'targets',
        message: 'all targets must belong to one institution (or one certification body)',
      });
    }
    if (errors.length > 0 || owners.size !== 1) return null;
    const [owner] = [...owners];
    const [side, id] = owner.split(':');
    return side === 'institution'
      ? { ownerInstitutionId: id, ownerCertificationBodyId: null }
      : { ownerInstitutionId: null, ownerCertificationBodyId: id };
  }
}

function credits(amount: string): string {
  return amount === '1' ? '1 credit' : `${amount} credits`;
}

function sameOwner(a: OwnedByTarget, b: OwnedByTarget): boolean {
  return (
    a.ownerInstitutionId === b.ownerInstitutionId &&
    a.ownerCertificationBodyId === b.ownerCertificationBodyId
  );
}
