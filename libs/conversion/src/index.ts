export * from './conversion.module';
export * from './conversion.errors';
export * from './conversion-scope';
export { CONVERSION_REACH_SOURCES } from './conversion-reach';
export { CONVERSION_AUDITED_TABLES } from './conversion-states';
export * from './dto/rule.dto';
export * from './dto/application.dto';
export * from './rules/rule-view';
export * from './rules/rule-authoring.service';
export * from './rules/rule-lifecycle.service';
export * from './rules/rule-names.service';
export * from './eligibility/eligibility.service';
export * from './eligibility/exemption-evaluator.service';
export * from './eligibility/evaluation-view';
export * from './applications/application-view';
export * from './applications/applications.service';
export * from './applications/decision.service';
export * from './applications/application-cascade.service';
export * from './scan/eligibility-scan.job';
export * from './scan/scan-jobs.service';
export * from './scan/conversion-worker.module';
export { RULE_KINDS, type RuleKind } from './entities/conversion-rule.entity';
export { RULE_STATUSES, type RuleStatus } from './entities/rule-version.entity';
export {
  APPLICATION_STATUSES,
  type ApplicationStatus,
} from './entities/exemption-application.entity';
export {
  describeEvaluation,
  type DescribedEvaluation,
  type Evaluation,
  type EvaluationNames,
  type EvaluationSentences,
  type Language,
  type Target,
} from './engine';
