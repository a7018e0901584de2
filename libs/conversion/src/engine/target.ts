import type { CourseTarget, CourseTargetContext, Target, TargetContext } from './engine.types';

export function isCourseTarget(target: Target): target is CourseTarget {
  return 'courseId' in target;
}

export function isCourseTargetContext(context: TargetContext): context is CourseTargetContext {
  return 'courseId' in context;
}

/**
 * A stable string key: equal targets give equal keys, whatever extra fields or key order the
 * objects carry. Parts are URI-encoded so an id containing ":" cannot collide with another.
 */
export function targetKey(target: Target): string {
  if (isCourseTarget(target)) return `course:${encodeURIComponent(target.courseId)}`;
  return ['exam', target.schemeId, target.level, target.component]
    .map(encodeURIComponent)
    .join(':');
}

export function sameTarget(a: Target, b: Target): boolean {
  return targetKey(a) === targetKey(b);
}

/** The bare target a context describes, without catalog details. */
export function targetOfContext(context: TargetContext): Target {
  if (isCourseTargetContext(context)) return { courseId: context.courseId };
  return { schemeId: context.schemeId, level: context.level, component: context.component };
}

/** "course X" or "the PRACTICAL exam of scheme S at INTERMEDIATE", for sentences. */
export function targetLabel(target: Target): string {
  if (isCourseTarget(target)) return `course ${target.courseId}`;
  return `the ${target.component} exam of scheme ${target.schemeId} at ${target.level}`;
}
