import { Module } from '@nestjs/common';
import { CatalogLookupModule } from '@app/catalog';
import { LedgerFactsModule } from '@app/ledger';
import { RelationshipsModule } from '@app/relationships';
import { ExemptionEvaluator } from '../eligibility/exemption-evaluator.service';
import { LearnerFactsLoader } from '../facts/learner-facts.loader';
import { TargetContextLoader } from '../facts/target-context.loader';
import { EligibilityScanProcessor } from './eligibility-scan.processor';

/** The conversion area's processors, for the worker (WorkerProcessorsModule imports it). */
@Module({
  imports: [LedgerFactsModule, CatalogLookupModule, RelationshipsModule],
  providers: [
    EligibilityScanProcessor,
    ExemptionEvaluator,
    LearnerFactsLoader,
    TargetContextLoader,
  ],
})
export class ConversionWorkerModule {}
