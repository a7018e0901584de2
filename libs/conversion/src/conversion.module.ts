import { Module } from '@nestjs/common';
import { AccountsLookupModule } from '@app/accounts';
import { CatalogLookupModule } from '@app/catalog';
import { CommandsModule } from '@app/commands';
import { LedgerModule } from '@app/ledger';
import { OutboxModule } from '@app/outbox';
import { RelationshipsModule } from '@app/relationships';
import { ApplicationCascade } from './applications/application-cascade.service';
import { ApplicationsService } from './applications/applications.service';
import { DecisionService } from './applications/decision.service';
import { ExemptionRepointing } from './applications/exemption-repointing.service';
import { EligibilityService } from './eligibility/eligibility.service';
import { ExemptionEvaluator } from './eligibility/exemption-evaluator.service';
import { LearnerFactsLoader } from './facts/learner-facts.loader';
import { TargetContextLoader } from './facts/target-context.loader';
import { RuleAuthoringService } from './rules/rule-authoring.service';
import { RuleLifecycleService } from './rules/rule-lifecycle.service';
import { RuleNames } from './rules/rule-names.service';
import { RuleValidator } from './rules/rule-validator';
import { ScanJobsService } from './scan/scan-jobs.service';

const EXPORTED = [
  RuleAuthoringService,
  RuleLifecycleService,
  EligibilityService,
  ApplicationsService,
  DecisionService,
  ScanJobsService,
  RuleNames,
];

/** Rules, eligibility, applications and decisions, for the API. Needs QueueModule (scans). */
@Module({
  imports: [
    LedgerModule,
    CatalogLookupModule,
    AccountsLookupModule,
    CommandsModule,
    OutboxModule,
    RelationshipsModule,
  ],
  providers: [
    ...EXPORTED,
    ApplicationCascade,
    ExemptionRepointing,
    RuleValidator,
    ExemptionEvaluator,
    LearnerFactsLoader,
    TargetContextLoader,
  ],
  exports: EXPORTED,
})
export class ConversionModule {}
