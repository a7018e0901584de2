import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { LearnerEntity } from './entities/learner.entity';

/** Existence checks for the areas that write to a learner's account, inside their transaction. */
@Injectable()
export class LearnerDirectory {
  async exists(manager: EntityManager, learnerId: string): Promise<boolean> {
    return manager.getRepository(LearnerEntity).exists({ where: { id: learnerId } });
  }
}
