import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { CatalogLookup } from '@app/catalog';
import {
  isCourseTarget,
  targetKey,
  type ExamTarget,
  type Target,
  type TargetContext,
} from '../engine';

/** A target as the engine needs it, plus who owns the course (for the exemption entry). */
export interface LoadedTarget {
  context: TargetContext;
  institutionId: string | null;
}

/**
 * Catalog facts around rules: the target contexts the engine evaluates against (a course's
 * credits, program and the program's cap; an exam level's recognised credits) and readable names
 * for ids in the engine's sentences.
 */
@Injectable()
export class TargetContextLoader {
  constructor(private readonly catalog: CatalogLookup) {}

  /** Keyed by targetKey; a course that does not exist is simply absent. */
  async contexts(
    manager: EntityManager,
    targets: readonly Target[],
  ): Promise<Map<string, LoadedTarget>> {
    const result = new Map<string, LoadedTarget>();
    const courseIds = [...new Set(targets.filter(isCourseTarget).map((target) => target.courseId))];
    for (const course of await this.catalog.courseTargets(manager, courseIds)) {
      result.set(targetKey({ courseId: course.id }), {
        context: {
          courseId: course.id,
          credits: course.credits,
          programId: course.programId,
          programMaxExemptCredits: course.programMaxExemptCredits,
        },
        institutionId: course.institutionId,
      });
    }
    const exams = targets.filter((target): target is ExamTarget => !isCourseTarget(target));
    const recognised = await this.catalog.recognisedCredits(manager, [
      ...new Set(exams.map((target) => target.schemeId)),
    ]);
    for (const target of exams) {
      result.set(targetKey(target), {
        context: {
          schemeId: target.schemeId,
          level: target.level,
          component: target.component,
          // A level the catalog does not know recognises nothing.
          recognisedCredits: recognised.get(target.schemeId)?.get(target.level) ?? '0',
        },
        institutionId: null,
      });
    }
    return result;
  }
}
