import { Check, Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

export const APPLICATION_STATUSES = ['SUBMITTED', 'APPROVED', 'REJECTED', 'CLOSED'] as const;
export type ApplicationStatus = (typeof APPLICATION_STATUSES)[number];

/**
 * A learner's (or staff's, on their behalf) request for an exemption under a rule. Decided by
 * the target's owner; approval writes the exemption entry. One open application per target.
 */
@Entity({ name: 'exemption_applications' })
@Index('exemption_applications_open_target_key', ['learnerId', 'targetKey'], {
  unique: true,
  where: `status = 'SUBMITTED'`,
})
@Index('exemption_applications_learner_idx', ['learnerId', 'submittedAt'])
@Index('exemption_applications_rule_open_idx', ['ruleId'], { where: `status = 'SUBMITTED'` })
@Index('exemption_applications_inbox_idx', [
  'status',
  'ownerInstitutionId',
  'ownerCertificationBodyId',
])
@Check('exemption_applications_status_check', `status IN ('${APPLICATION_STATUSES.join("','")}')`)
export class ExemptionApplicationEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'learner_id', type: 'uuid' })
  learnerId: string;

  @Column({ name: 'rule_id', type: 'uuid' })
  ruleId: string;

  @Column({ name: 'rule_version_id', type: 'uuid' })
  ruleVersionId: string;

  @Column({ type: 'jsonb' })
  target: Record<string, unknown>;

  @Column({ name: 'target_key', type: 'varchar', length: 200 })
  targetKey: string;

  @Column({ name: 'owner_institution_id', type: 'uuid', nullable: true })
  ownerInstitutionId: string | null;

  @Column({ name: 'owner_certification_body_id', type: 'uuid', nullable: true })
  ownerCertificationBodyId: string | null;

  @Column({ type: 'varchar', length: 16 })
  status: ApplicationStatus;

  /** The evaluation at submission (and, once decided, at decision time). */
  @Column({ type: 'jsonb' })
  evaluation: Record<string, unknown>;

  @Column({ name: 'submitted_by', type: 'uuid' })
  submittedBy: string;

  @CreateDateColumn({ name: 'submitted_at', type: 'timestamptz' })
  submittedAt: Date;

  @Column({ name: 'decided_by', type: 'uuid', nullable: true })
  decidedBy: string | null;

  @Column({ name: 'decided_at', type: 'timestamptz', nullable: true })
  decidedAt: Date | null;

  @Column({ name: 'decision_reason', type: 'varchar', length: 500, nullable: true })
  decisionReason: string | null;

  @Column({ name: 'exemption_entry_id', type: 'uuid', nullable: true })
  exemptionEntryId: string | null;
}
