import type { EntryRef, LearnerRef, NamedTarget, RuleRef } from '../api-types';

/** The answers of the learner's own pages the shared api-types.ts does not describe. */

/** GET /v1/learners/{id}/eligibility: one rule and target, eligible or not, in words. */
export interface EligibilityItem {
  ruleId: string;
  ruleVersionId: string;
  rule: RuleRef;
  target: NamedTarget;
  eligible: boolean;
  creditsGranted: string;
  evidence: EntryRef[];
  reasons: string[];
  explanation: string[];
  openApplicationId: string | null;
  openApplication: { id: string; submittedAt: string; label: string } | null;
}

export interface Eligibility {
  learnerId: string;
  learner: LearnerRef;
  evaluatedAt: string;
  items: EligibilityItem[];
}

/** GET /v1/me/shares. */
export interface Share {
  id: string;
  grantee: { kind: 'INSTITUTION' | 'CERTIFICATION_BODY'; id: string; name: string };
  until: string;
  status: 'ACTIVE' | 'EXPIRED' | 'WITHDRAWN';
  withdrawnAt: string | null;
  createdAt: string;
}

/** GET /v1/institutions and /v1/certification-bodies (any signed-in caller). */
export interface Organisation {
  id: string;
  code: string;
  name: string;
}

/** GET /v1/me/access-log. */
export interface AccessLogEntry {
  seq: string;
  at: string;
  view: string;
  viewer: {
    userId: string | null;
    username: string;
    displayName: string | null;
    role: string;
    organisation: { id: string; name: string } | null;
  };
}

/** GET /v1/audit/events (a learner reads only their own). */
export interface AuditEvent {
  seq: string;
  type: string;
  actor: {
    userId: string | null;
    username: string | null;
    role: string | null;
    institutionId: string | null;
    certificationBodyId: string | null;
  } | null;
  occurredAt: string | null;
  appendedAt: string;
  changes: { kind: string; id: string; state: Record<string, unknown> }[];
  details: Record<string, unknown>;
}
