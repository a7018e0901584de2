import { AuditedSqlTable, AuditedTable, utcTimestampSql } from '@app/outbox';

/*
 * Rules, their versions and exemption applications as the audit log records them: every stored
 * column as PostgreSQL prints it (ids in lower case, credits as numeric(5,2) text such as "8.00",
 * dates as YYYY-MM-DD), JSON columns as stored, times in UTC to the microsecond. A rule's
 * lifecycle status and an application's standing today are derived, not stored, and not part of
 * them. The events and the verifier read them through the same tables below.
 */

interface RuleRow {
  id: string;
  kind: string;
  owner_institution_id: string | null;
  owner_certification_body_id: string | null;
  created_by: string;
  created_at: string;
}

export const AUDITED_RULES = new AuditedSqlTable<RuleRow>({
  kind: 'conversion_rule',
  code: 'RULE',
  // A rule's identity (kind, owner, author) never changes; its content lives in versions.
  immutable: true,
  from: 'conversion_rules t',
  columns: `t.id::text AS id, t.kind, t.owner_institution_id::text AS owner_institution_id,
   t.owner_certification_body_id::text AS owner_certification_body_id,
   t.created_by::text AS created_by, ${utcTimestampSql('t.created_at')} AS created_at`,
  state: (row) => ({
    id: row.id,
    kind: row.kind,
    ownerInstitutionId: row.owner_institution_id,
    ownerCertificationBodyId: row.owner_certification_body_id,
    createdBy: row.created_by,
    createdAt: row.created_at,
  }),
});

interface RuleVersionRow {
  id: string;
  rule_id: string;
  version: number;
  status: string;
  name: string;
  condition: unknown;
  targets: unknown;
  credits_granted: string | null;
  max_credits_per_evidence: string | null;
  referenced_ids: string[];
  target_keys: string[];
  effective_from: string;
  effective_to: string | null;
  created_by: string;
  created_at: string;
  activated_at: string | null;
  ended_at: string | null;
}

/** A version's whole content (condition, targets, limits, dates) and its place in the lifecycle. */
export const AUDITED_RULE_VERSIONS = new AuditedSqlTable<RuleVersionRow>({
  kind: 'conversion_rule_version',
  code: 'RULE_VERSION',
  from: 'rule_versions t',
  columns: `t.id::text AS id, t.rule_id::text AS rule_id, t.version, t.status, t.name, t.condition,
   t.targets, t.credits_granted::text AS credits_granted,
   t.max_credits_per_evidence::text AS max_credits_per_evidence,
   t.referenced_ids::text[] AS referenced_ids, t.target_keys::text[] AS target_keys,
   t.effective_from::text AS effective_from, t.effective_to::text AS effective_to,
   t.created_by::text AS created_by, ${utcTimestampSql('t.created_at')} AS created_at,
   ${utcTimestampSql('t.activated_at')} AS activated_at, ${utcTimestampSql('t.ended_at')} AS ended_at`,
  state: (row) => ({
    id: row.id,
    ruleId: row.rule_id,
    version: row.version,
    status: row.status,
    name: row.name,
    condition: row.condition,
    targets: row.targets,
    creditsGranted: row.credits_granted,
    maxCreditsPerEvidence: row.max_credits_per_evidence,
    referencedIds: row.referenced_ids,
    targetKeys: row.target_keys,
    effectiveFrom: row.effective_from,
    effectiveTo: row.effective_to,
    createdBy: row.created_by,
    createdAt: row.created_at,
    activatedAt: row.activated_at,
    endedAt: row.ended_at,
  }),
});

interface ApplicationRow {
  id: string;
  learner_id: string;
  rule_id: string;
  rule_version_id: string;
  target: unknown;
  target_key: string;
  owner_institution_id: string | null;
  owner_certification_body_id: string | null;
  status: string;
  evaluation: unknown;
  submitted_by: string;
  submitted_at: string;
  decided_by: string | null;
  decided_at: string | null;
  decision_reason: string | null;
  exemption_entry_id: string | null;
}

/** The stored evaluation (at submission, decision or cascade) is part of it. */
export const AUDITED_APPLICATIONS = new AuditedSqlTable<ApplicationRow>({
  kind: 'exemption_application',
  code: 'APPLICATION',
  from: 'exemption_applications t',
  columns: `t.id::text AS id, t.learner_id::text AS learner_id, t.rule_id::text AS rule_id,
   t.rule_version_id::text AS rule_version_id, t.target, t.target_key,
   t.owner_institution_id::text AS owner_institution_id,
   t.owner_certification_body_id::text AS owner_certification_body_id, t.status, t.evaluation,
   t.submitted_by::text AS submitted_by, ${utcTimestampSql('t.submitted_at')} AS submitted_at,
   t.decided_by::text AS decided_by, ${utcTimestampSql('t.decided_at')} AS decided_at,
   t.decision_reason, t.exemption_entry_id::text AS exemption_entry_id`,
  state: (row) => ({
    id: row.id,
    learnerId: row.learner_id,
    ruleId: row.rule_id,
    ruleVersionId: row.rule_version_id,
    target: row.target,
    targetKey: row.target_key,
    ownerInstitutionId: row.owner_institution_id,
    ownerCertificationBodyId: row.owner_certification_body_id,
    status: row.status,
    evaluation: row.evaluation,
    submittedBy: row.submitted_by,
    submittedAt: row.submitted_at,
    decidedBy: row.decided_by,
    decidedAt: row.decided_at,
    decisionReason: row.decision_reason,
    exemptionEntryId: row.exemption_entry_id,
  }),
});

/** Conversion's audited tables, for the verifier (the platform composes AUDITED_TABLES). */
export const CONVERSION_AUDITED_TABLES: readonly AuditedTable[] = [
  AUDITED_RULES,
  AUDITED_RULE_VERSIONS,
  AUDITED_APPLICATIONS,
];
