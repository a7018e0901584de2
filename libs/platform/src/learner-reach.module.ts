import { Global, Module } from '@nestjs/common';
import { CONVERSION_REACH_SOURCES } from '@app/conversion';
import { LEDGER_REACH_SOURCES } from '@app/ledger';
import {
  LEARNER_REACH_SOURCES,
  LearnerReachSource,
  RELATIONSHIPS_REACH_SOURCES,
} from '@app/relationships';

/**
 * Every way a staff member reaches a learner, each described by the area that holds the
 * relationship. One list for the access decision (LearnerAccess) in the API and the worker.
 */
export function learnerReachSources(): LearnerReachSource[] {
  return [...RELATIONSHIPS_REACH_SOURCES, ...LEDGER_REACH_SOURCES, ...CONVERSION_REACH_SOURCES];
}

/** Global so that the relationships library can inject what the areas above it describe. */
@Global()
@Module({
  providers: [{ provide: LEARNER_REACH_SOURCES, useFactory: learnerReachSources }],
  exports: [LEARNER_REACH_SOURCES],
})
export class LearnerReachModule {}
