import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { isCourseTarget, targetKey, type Target, type TargetContext } from '../engine';

interface CourseContextRow {
  id: string;
  institution_id: string;
  credits: string;
  program_id: string | null;
  max_exempt_credits: string | null;
}

interface NameRow {
  id: string;
  code: string;
  name: string;
}

/** A target as the engine needs it, plus who owns the course (for the exemption entry). */
export interface LoadedTarget {
  context: TargetContext;
  institutionId: string | null;
}

/**
 * Catalog facts around rules: the target contexts the engine evaluates against (a course's
 * credits, program and the program's cap) and readable names for ids in the engine's sentences.
 */
@Injectable()
export class TargetContextLoader {
  /** Keyed by targetKey; a course that does not exist is simply absent. */
  async contexts(
    manager: EntityManager,
    targets: readonly Target[],
  ): Promise<Map<string, LoadedTarget>> {
    const result = new Map<string, LoadedTarget>();
    const courseIds = [...new Set(targets.filter(isCourseTarget).map((target) => target.courseId))];
    if (courseIds.length > 0) {
      const rows: CourseContextRow[] = await manager.query(
        `SELECT c.id, c.institution_id, c.credits::text AS credits, c.program_id,
                p.max_exempt_credits::text AS max_exempt_credits
         FROM courses c LEFT JOIN programs p ON p.id = c.program_id
         WHERE c.id = ANY($1::uuid[])`,
        [courseIds],
      );
      for (const row of rows) {
        result.set(targetKey({ courseId: row.id }), {
          context: {
            courseId: row.id,
            credits: row.credits,
            programId: row.program_id,
            programMaxExemptCredits: row.max_exempt_credits,
          },
          institutionId: row.institution_id,
        });
      }
    }
    for (const target of targets) {
      if (!isCourseTarget(target)) {
        result.set(targetKey(target), {
          context: { schemeId: target.schemeId, level: target.level, component: target.component },
          institutionId: null,
        });
      }
    }
    return result;
  }

  /** "名称 (CODE)" for every course, scheme and program among `ids`. */
  async names(manager: EntityManager, ids: Iterable<string>): Promise<Map<string, string>> {
    const unique = [...new Set(ids)];
    if (unique.length === 0) return new Map();
    const rows: NameRow[] = await manager.query(
      `SELECT id::text AS id, code, name FROM courses WHERE id = ANY($1::uuid[])
       UNION ALL SELECT id::text, code, name FROM certificate_schemes WHERE id = ANY($1::uuid[])
       UNION ALL SELECT id::text, code, name FROM programs WHERE id = ANY($1::uuid[])`,
      [unique],
    );
    return new Map(rows.map((row) => [row.id, `${row.name} (${row.code})`]));
  }
}
