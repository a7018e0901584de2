import type {
  Application,
  EntryKind,
  EntryRef,
  Level,
  NamedTarget,
  RuleKind,
  RuleRef,
} from '../api-types';

/** The API's answers only the shared staff pages read (GET /docs-json is the reference). */

export type RuleVersionStatus = 'DRAFT' | 'ACTIVE' | 'SUPERSEDED' | 'RETIRED';
export type RuleLifecycle = 'DRAFT' | 'ACTIVE' | 'RETIRED';

export type ConditionTree =
  | { all: ConditionTree[] }
  | { any: ConditionTree[] }
  | { atLeast: { n: number; of: ConditionTree[] } }
  | { certificate: { schemeId: string; minLevel: Level; maxLevel?: Level; maxAgeYears?: number } }
  | { courseCredit: { courseId: string; minScore?: number } }
  | { diploma: { programId: string } };

export type RuleTarget =
  { courseId: string } | { schemeId: string; level: Level; component: string };

export interface RuleVersion {
  id: string;
  ruleId: string;
  version: number;
  status: RuleVersionStatus;
  name: string;
  condition: ConditionTree;
  targets: RuleTarget[];
  creditsGranted: string | null;
  maxCreditsPerEvidence: string | null;
  effectiveFrom: string;
  effectiveTo: string | null;
  createdAt: string;
  activatedAt: string | null;
  endedAt: string | null;
}

export interface Rule {
  id: string;
  kind: RuleKind;
  status: RuleLifecycle;
  ownerInstitutionId: string | null;
  ownerCertificationBodyId: string | null;
  createdAt: string;
  activeVersion: RuleVersion | null;
  versions?: RuleVersion[];
}

export interface OverlappingRule {
  type: 'OVERLAPPING_RULE';
  ruleId: string;
  version: number;
  name: string;
  kind: RuleKind;
  sharedTargets: RuleTarget[];
  sharedEvidenceIds: string[];
}

export interface OtherBodyCertificate {
  type: 'OTHER_BODY_CERTIFICATE';
  certificationBodyName: string;
  schemeCode: string;
  schemeName: string;
  paths: string[];
}

export type OverlapEntry = OverlappingRule | OtherBodyCertificate;

/** GET /v1/conversion-rules/{id}/overlaps. */
export interface OverlapPreview {
  ruleId: string;
  ruleVersionId: string;
  version: number;
  overlaps: OverlapEntry[];
}

export interface Activation extends Rule {
  overlaps: OverlapEntry[];
}

export interface Retirement extends Rule {
  closedApplicationIds: string[];
}

export interface CurrentEvaluation {
  evaluatedAt: string;
  version: number;
  rule: RuleRef | null;
  eligible: boolean;
  creditsGranted: string;
  evidence: EntryRef[];
  reasons: string[];
  explanation: string[];
}

export interface InboxItem extends Application {
  currentEvaluation: CurrentEvaluation | null;
  approvable: boolean;
  blockedBecause: string[];
}

export interface DecisionResult {
  application: Application;
  exemption: { id: string; kind: EntryKind; credits?: string; recordedAt: string } | null;
}

export interface ScanResult {
  version: number;
  evaluatedAt: string;
  scanned: number;
  eligibleCount: number;
  byTarget: { target: RuleTarget; eligibleCount: number }[];
}

export interface ScanJob {
  id: string;
  state: string;
  progress: number | string | boolean | object;
  result: ScanResult | null;
  failedReason: string | null;
}

export interface Institution {
  id: string;
  code: string;
  name: string;
}

export interface CertificationBody {
  id: string;
  code: string;
  name: string;
}

export interface Scheme {
  id: string;
  code: string;
  name: string;
  certificationBodyId: string;
  levels: {
    level: Level;
    recognisedCredits: string;
    components: { code: string; name: string }[];
  }[];
}

export interface Course {
  id: string;
  institutionId: string;
  code: string;
  name: string;
  credits: string;
}

export interface Program {
  id: string;
  institutionId: string;
  code: string;
  name: string;
}

export type { NamedTarget };
