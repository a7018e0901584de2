import { FieldError, ValidationFailedError } from '@app/core';
import { isLevel, LEVELS, targetKey, type Level, type Target } from '../engine';
import { RuleKind } from '../entities/conversion-rule.entity';

export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const COMPONENT = /^[A-Za-z0-9_-]{1,32}$/;

/** Shape of each target for the rule's kind; duplicates refused. */
export function parseTargets(kind: RuleKind, raw: unknown[], errors: FieldError[]): Target[] {
  const exam = kind === 'COURSE_TO_EXAM';
  const allowed = exam ? ['schemeId', 'level', 'component'] : ['courseId'];
  const targets: Target[] = [];
  const seen = new Set<string>();
  raw.forEach((value, index) => {
    const path = `targets[${index}]`;
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      errors.push({ field: path, message: `must be an object {${allowed.join(', ')}}` });
      return;
    }
    const target = value as Record<string, unknown>;
    const before = errors.length;
    for (const key of Object.keys(target).filter((name) => !allowed.includes(name))) {
      errors.push({
        field: `${path}.${key}`,
        message: `unknown field for a ${kind} target (expected ${allowed.join(', ')})`,
      });
    }
    const idField = exam ? 'schemeId' : 'courseId';
    if (typeof target[idField] !== 'string' || !UUID.test(target[idField])) {
      errors.push({ field: `${path}.${idField}`, message: 'must be a UUID' });
    }
    if (exam && !isLevel(target.level)) {
      errors.push({ field: `${path}.level`, message: `must be one of ${LEVELS.join(', ')}` });
    }
    if (exam && (typeof target.component !== 'string' || !COMPONENT.test(target.component))) {
      errors.push({
        field: `${path}.component`,
        message: 'must be a component code such as THEORY',
      });
    }
    if (errors.length > before) return;
    const parsed: Target = exam
      ? {
          schemeId: (target.schemeId as string).toLowerCase(),
          level: target.level as Level,
          component: target.component as string,
        }
      : { courseId: (target.courseId as string).toLowerCase() };
    const key = targetKey(parsed);
    if (seen.has(key)) errors.push({ field: path, message: 'duplicate target' });
    seen.add(key);
    targets.push(parsed);
  });
  return targets;
}

/** `{courseId}` or `{schemeId, level, component}`, ids lower-cased as the database writes them. */
export function parseTarget(raw: Record<string, unknown>): Target {
  const keys = Object.keys(raw).sort().join(',');
  if (keys === 'courseId' && typeof raw.courseId === 'string' && UUID.test(raw.courseId)) {
    return { courseId: raw.courseId.toLowerCase() };
  }
  if (
    keys === 'component,level,schemeId' &&
    typeof raw.schemeId === 'string' &&
    UUID.test(raw.schemeId) &&
    isLevel(raw.level) &&
    typeof raw.component === 'string'
  ) {
    return { schemeId: raw.schemeId.toLowerCase(), level: raw.level, component: raw.component };
  }
  throw new ValidationFailedError([
    {
      field: 'target',
      message: 'must be {courseId} or {schemeId, level, component} with UUID ids',
    },
  ]);
}
