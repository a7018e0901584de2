import { isLevel, levelAtLeast, LEVELS, type Level } from './level';
import { compareText } from './order';

/**
 * A certificate of the scheme at `minLevel` or above (and at most `maxLevel`, when given),
 * optionally issued fewer than `maxAgeYears` ago. `maxLevel` expresses rules such as "JUNIOR
 * exempts only foundation courses": {minLevel: JUNIOR, maxLevel: JUNIOR}.
 */
export interface CertificateLeaf {
  certificate: { schemeId: string; minLevel: Level; maxLevel?: Level; maxAgeYears?: number };
}

/** A passed course credit for the course, optionally with a score of at least `minScore`. */
export interface CourseCreditLeaf {
  courseCredit: { courseId: string; minScore?: number };
}

/** A diploma of the program. */
export interface DiplomaLeaf {
  diploma: { programId: string };
}

export type LeafCondition = CertificateLeaf | CourseCreditLeaf | DiplomaLeaf;

export type Condition =
  | { all: Condition[] }
  | { any: Condition[] }
  | { atLeast: { n: number; of: Condition[] } }
  | LeafCondition;

export interface ConditionProblem {
  /** Where the problem is, e.g. "condition.all[1].certificate.minLevel". */
  path: string;
  message: string;
}

export interface ConditionReferences {
  courseIds: string[];
  schemeIds: string[];
  programIds: string[];
}

/** Deeper trees are refused: nobody can read them, and they are usually a generator's mistake. */
export const MAX_CONDITION_DEPTH = 8;

const NODE_KEYS = ['all', 'any', 'atLeast', 'certificate', 'courseCredit', 'diploma'] as const;

const BODY_KEYS: Record<string, readonly string[]> = {
  atLeast: ['n', 'of'],
  certificate: ['schemeId', 'minLevel', 'maxLevel', 'maxAgeYears'],
  courseCredit: ['courseId', 'minScore'],
  diploma: ['programId'],
};

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isId(value: unknown): boolean {
  return typeof value === 'string' && value.trim() !== '';
}

/** Structural problems of a condition tree; an empty list means it can be evaluated. */
export function validateCondition(condition: unknown, path = 'condition'): ConditionProblem[] {
  const problems: ConditionProblem[] = [];
  validateNode(condition, path, 1, problems);
  return problems;
}

export function isCondition(value: unknown): value is Condition {
  return validateCondition(value).length === 0;
}

function validateNode(node: unknown, path: string, depth: number, problems: ConditionProblem[]) {
  if (depth > MAX_CONDITION_DEPTH) {
    problems.push({ path, message: `nested deeper than ${MAX_CONDITION_DEPTH} levels` });
    return;
  }
  if (!isPlainObject(node)) {
    problems.push({ path, message: `must be an object with one of: ${NODE_KEYS.join(', ')}` });
    return;
  }
  const keys = Object.keys(node);
  if (keys.length !== 1) {
    problems.push({
      path,
      message: `must have exactly one key (one of: ${NODE_KEYS.join(', ')}), found ${keys.length}`,
    });
    return;
  }
  const key = keys[0];
  const body = node[key];
  const bodyPath = `${path}.${key}`;
  switch (key) {
    case 'all':
    case 'any':
      validateChildren(body, bodyPath, depth, problems);
      return;
    case 'atLeast':
      validateAtLeast(body, bodyPath, depth, problems);
      return;
    case 'certificate':
    case 'courseCredit':
    case 'diploma':
      validateLeaf(key, body, bodyPath, problems);
      return;
    default:
      problems.push({ path: bodyPath, message: `unknown condition "${key}"` });
  }
}

function validateChildren(
  children: unknown,
  path: string,
  depth: number,
  problems: ConditionProblem[],
): children is unknown[] {
  if (!Array.isArray(children)) {
    problems.push({ path, message: 'must be a list of conditions' });
    return false;
  }
  if (children.length === 0) {
    problems.push({ path, message: 'must not be empty' });
    return false;
  }
  children.forEach((child, index) => validateNode(child, `${path}[${index}]`, depth + 1, problems));
  return true;
}

function validateAtLeast(body: unknown, path: string, depth: number, problems: ConditionProblem[]) {
  if (!validateBody('atLeast', body, path, problems)) return;
  const childrenValid = validateChildren(body.of, `${path}.of`, depth, problems);
  const count = Array.isArray(body.of) ? body.of.length : 0;
  const n = body.n;
  if (typeof n !== 'number' || !Number.isInteger(n) || n < 1 || (childrenValid && n > count)) {
    problems.push({
      path: `${path}.n`,
      message: `must be a whole number from 1 to the number of conditions (${count})`,
    });
  }
}

function validateBody(
  key: string,
  body: unknown,
  path: string,
  problems: ConditionProblem[],
): body is Record<string, unknown> {
  if (!isPlainObject(body)) {
    problems.push({ path, message: 'must be an object' });
    return false;
  }
  for (const unknownKey of Object.keys(body).filter((name) => !BODY_KEYS[key].includes(name))) {
    problems.push({ path: `${path}.${unknownKey}`, message: `unknown field "${unknownKey}"` });
  }
  return true;
}

function requireId(
  body: Record<string, unknown>,
  field: string,
  path: string,
  problems: ConditionProblem[],
) {
  if (!isId(body[field])) {
    problems.push({ path: `${path}.${field}`, message: 'must be a non-empty id' });
  }
}

function validateLeaf(key: string, body: unknown, path: string, problems: ConditionProblem[]) {
  if (!validateBody(key, body, path, problems)) return;
  if (key === 'certificate') {
    requireId(body, 'schemeId', path, problems);
    if (!isLevel(body.minLevel)) {
      problems.push({ path: `${path}.minLevel`, message: `must be one of ${LEVELS.join(', ')}` });
    }
    const maxLevel = body.maxLevel;
    if (maxLevel !== undefined) {
      if (!isLevel(maxLevel)) {
        problems.push({ path: `${path}.maxLevel`, message: `must be one of ${LEVELS.join(', ')}` });
      } else if (isLevel(body.minLevel) && !levelAtLeast(maxLevel, body.minLevel)) {
        problems.push({
          path: `${path}.maxLevel`,
          message: `must not be below minLevel ${body.minLevel}`,
        });
      }
    }
    const maxAge = body.maxAgeYears;
    if (
      maxAge !== undefined &&
      !(typeof maxAge === 'number' && Number.isInteger(maxAge) && maxAge > 0)
    ) {
      problems.push({ path: `${path}.maxAgeYears`, message: 'must be a positive whole number' });
    }
  } else if (key === 'courseCredit') {
    requireId(body, 'courseId', path, problems);
    const minScore = body.minScore;
    if (
      minScore !== undefined &&
      !(
        typeof minScore === 'number' &&
        Number.isFinite(minScore) &&
        minScore >= 0 &&
        minScore <= 100
      )
    ) {
      problems.push({ path: `${path}.minScore`, message: 'must be a number from 0 to 100' });
    }
  } else {
    requireId(body, 'programId', path, problems);
  }
}

/** Children of a group node, or undefined for a leaf. */
export function groupChildren(condition: Condition): Condition[] | undefined {
  if ('all' in condition) return condition.all;
  if ('any' in condition) return condition.any;
  if ('atLeast' in condition) return condition.atLeast.of;
  return undefined;
}

/** Every course, scheme and program a (valid) condition names, sorted and without repeats. */
export function collectReferences(condition: Condition): ConditionReferences {
  const courseIds = new Set<string>();
  const schemeIds = new Set<string>();
  const programIds = new Set<string>();
  const visit = (node: Condition): void => {
    const children = groupChildren(node);
    if (children) children.forEach(visit);
    else if ('certificate' in node) schemeIds.add(node.certificate.schemeId);
    else if ('courseCredit' in node) courseIds.add(node.courseCredit.courseId);
    else if ('diploma' in node) programIds.add(node.diploma.programId);
  };
  visit(condition);
  const sorted = (ids: Set<string>) => [...ids].sort(compareText);
  return {
    courseIds: sorted(courseIds),
    schemeIds: sorted(schemeIds),
    programIds: sorted(programIds),
  };
}

/** Every leaf of a (valid) condition with its path, in tree order ("condition.all[1].certificate"). */
export function leafPaths(
  condition: Condition,
  path = 'condition',
): Array<{ path: string; leaf: LeafCondition }> {
  if ('all' in condition) {
    return condition.all.flatMap((child, index) => leafPaths(child, `${path}.all[${index}]`));
  }
  if ('any' in condition) {
    return condition.any.flatMap((child, index) => leafPaths(child, `${path}.any[${index}]`));
  }
  if ('atLeast' in condition) {
    return condition.atLeast.of.flatMap((child, index) =>
      leafPaths(child, `${path}.atLeast.of[${index}]`),
    );
  }
  const key =
    'certificate' in condition
      ? 'certificate'
      : 'courseCredit' in condition
        ? 'courseCredit'
        : 'diploma';
  return [{ path: `${path}.${key}`, leaf: condition }];
}
