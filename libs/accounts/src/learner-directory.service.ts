import { Injectable } from '@nestjs/common';
import { EntityManager, In } from 'typeorm';
import { LearnerEntity } from './entities/learner.entity';

/** Existence checks and names of learners for the other areas, inside their transaction. */
@Injectable()
export class LearnerDirectory {
  async exists(manager: EntityManager, learnerId: string): Promise<boolean> {
    return manager.getRepository(LearnerEntity).exists({ where: { id: learnerId } });
  }

  /** The name of each of these learners that exists, by id. */
  async names(manager: EntityManager, ids: readonly string[]): Promise<Map<string, string>> {
    if (ids.length === 0) return new Map();
    const rows = await manager
      .getRepository(LearnerEntity)
      .find({ select: { id: true, name: true }, where: { id: In([...ids]) } });
    return new Map(rows.map((row) => [row.id, row.name]));
  }
}
