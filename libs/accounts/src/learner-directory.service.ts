import { Injectable } from '@nestjs/common';
import { EntityManager, In } from 'typeorm';
import { LearnerEntity } from './entities/learner.entity';

/**
 * Existence checks for the areas that write to a learner's account, inside their transaction,
 * and learners' names for the views that show whose record or application it is.
 */
@Injectable()
export class LearnerDirectory {
  async exists(manager: EntityManager, learnerId: string): Promise<boolean> {
    return manager.getRepository(LearnerEntity).exists({ where: { id: learnerId } });
  }

  /** Each learner's name by id, in one query; unknown ids are left out. */
  async names(manager: EntityManager, ids: readonly string[]): Promise<Map<string, string>> {
    if (ids.length === 0) return new Map();
    const rows = await manager
      .getRepository(LearnerEntity)
      .find({ select: { id: true, name: true }, where: { id: In([...new Set(ids)]) } });
    return new Map(rows.map((row) => [row.id, row.name]));
  }
}
