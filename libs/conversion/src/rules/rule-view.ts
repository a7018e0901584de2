import type { Condition, RuleVersion as EngineRuleVersion, Target } from '../engine';
import { normaliseCredits } from '../engine';
import { ConversionRuleEntity, RuleKind } from '../entities/conversion-rule.entity';
import { RuleStatus, RuleVersionEntity } from '../entities/rule-version.entity';

export interface RuleVersionView {
  id: string;
  ruleId: string;
  version: number;
  status: RuleStatus;
  name: string;
  condition: Condition;
  targets: Target[];
  creditsGranted: string | null;
  maxCreditsPerEvidence: string | null;
  effectiveFrom: string;
  effectiveTo: string | null;
  createdBy: string;
  createdAt: string;
  activatedAt: string | null;
  endedAt: string | null;
}

/** ACTIVE while a version is active; RETIRED once retired with none active since; DRAFT before. */
export type RuleLifecycleStatus = 'DRAFT' | 'ACTIVE' | 'RETIRED';

export interface RuleView {
  id: string;
  kind: RuleKind;
  status: RuleLifecycleStatus;
  ownerInstitutionId: string | null;
  ownerCertificationBodyId: string | null;
  createdBy: string;
  createdAt: string;
  /** The version that applies now, if any. */
  activeVersion: RuleVersionView | null;
  /** Every version, newest first (only on the single-rule view and lifecycle answers). */
  versions?: RuleVersionView[];
}

function credits(value: string | null): string | null {
  return value === null ? null : normaliseCredits(value);
}

export function toVersionView(version: RuleVersionEntity): RuleVersionView {
  return {
    id: version.id,
    ruleId: version.ruleId,
    version: version.version,
    status: version.status,
    name: version.name,
    condition: version.condition as unknown as Condition,
    targets: version.targets as unknown as Target[],
    creditsGranted: credits(version.creditsGranted),
    maxCreditsPerEvidence: credits(version.maxCreditsPerEvidence),
    effectiveFrom: version.effectiveFrom,
    effectiveTo: version.effectiveTo,
    createdBy: version.createdBy,
    createdAt: version.createdAt.toISOString(),
    activatedAt: version.activatedAt?.toISOString() ?? null,
    endedAt: version.endedAt?.toISOString() ?? null,
  };
}

export function lifecycleStatus(
  versions: readonly Pick<RuleVersionEntity, 'status'>[],
): RuleLifecycleStatus {
  if (versions.some((version) => version.status === 'ACTIVE')) return 'ACTIVE';
  if (versions.some((version) => version.status === 'RETIRED')) return 'RETIRED';
  return 'DRAFT';
}

export function toRuleView(
  rule: ConversionRuleEntity,
  versions: readonly RuleVersionEntity[],
  withVersions: boolean,
): RuleView {
  const active = versions.find((version) => version.status === 'ACTIVE');
  const view: RuleView = {
    id: rule.id,
    kind: rule.kind,
    status: lifecycleStatus(versions),
    ownerInstitutionId: rule.ownerInstitutionId,
    ownerCertificationBodyId: rule.ownerCertificationBodyId,
    createdBy: rule.createdBy,
    createdAt: rule.createdAt.toISOString(),
    activeVersion: active ? toVersionView(active) : null,
  };
  if (withVersions) {
    view.versions = [...versions].sort((a, b) => b.version - a.version).map(toVersionView);
  }
  return view;
}

/** The engine's input for one stored version. */
export function toEngineRule(kind: RuleKind, version: RuleVersionEntity): EngineRuleVersion {
  return {
    ruleId: version.ruleId,
    versionId: version.id,
    version: version.version,
    kind,
    condition: version.condition as unknown as Condition,
    targets: version.targets as unknown as Target[],
    creditsGranted: version.creditsGranted,
    maxCreditsPerEvidence: version.maxCreditsPerEvidence,
    effectiveFrom: version.effectiveFrom,
    effectiveTo: version.effectiveTo,
  };
}
