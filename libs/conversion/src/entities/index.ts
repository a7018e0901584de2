import { ConversionRuleEntity } from './conversion-rule.entity';
import { ExemptionApplicationEntity } from './exemption-application.entity';
import { RuleVersionEntity } from './rule-version.entity';

export { ConversionRuleEntity, ExemptionApplicationEntity, RuleVersionEntity };

/** The conversion engine's tables, for the data source and the migration generator. */
export const CONVERSION_ENTITIES = [
  ConversionRuleEntity,
  RuleVersionEntity,
  ExemptionApplicationEntity,
];
