import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
} from 'typeorm';
import { ConversionRuleEntity } from './conversion-rule.entity';

export const RULE_STATUSES = ['DRAFT', 'ACTIVE', 'SUPERSEDED', 'RETIRED'] as const;
export type RuleStatus = (typeof RULE_STATUSES)[number];

/** A version's content never changes once it leaves DRAFT; exemptions name the version they were granted under. */
@Entity({ name: 'rule_versions' })
@Index('rule_versions_rule_version_key', ['ruleId', 'version'], { unique: true })
@Index('rule_versions_one_active_key', ['ruleId'], { unique: true, where: `status = 'ACTIVE'` })
@Check('rule_versions_status_check', `status IN ('${RULE_STATUSES.join("','")}')`)
export class RuleVersionEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @ManyToOne(() => ConversionRuleEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'rule_id', foreignKeyConstraintName: 'rule_versions_rule_fk' })
  rule?: ConversionRuleEntity;

  @Column({ name: 'rule_id', type: 'uuid' })
  ruleId: string;

  @Column({ type: 'integer' })
  version: number;

  @Column({ type: 'varchar', length: 16 })
  status: RuleStatus;

  @Column({ type: 'varchar', length: 200 })
  name: string;

  @Column({ type: 'jsonb' })
  condition: Record<string, unknown>;

  @Column({ type: 'jsonb' })
  targets: Record<string, unknown>[];

  @Column({ name: 'credits_granted', type: 'numeric', precision: 5, scale: 2, nullable: true })
  creditsGranted: string | null;

  @Column({
    name: 'max_credits_per_evidence',
    type: 'numeric',
    precision: 5,
    scale: 2,
    nullable: true,
  })
  maxCreditsPerEvidence: string | null;

  /**
   * Every course, scheme and program the condition names: the evidence the rule "touches". Lets
   * eligibility and overlap checks select rules in SQL (`referenced_ids && $1`).
   */
  @Column({ name: 'referenced_ids', type: 'uuid', array: true, default: () => "'{}'" })
  referencedIds: string[];

  /** The engine's targetKey of every target, for overlap checks in SQL. */
  @Column({ name: 'target_keys', type: 'varchar', length: 200, array: true, default: () => "'{}'" })
  targetKeys: string[];

  @Column({ name: 'effective_from', type: 'date' })
  effectiveFrom: string;

  @Column({ name: 'effective_to', type: 'date', nullable: true })
  effectiveTo: string | null;

  @Column({ name: 'created_by', type: 'uuid' })
  createdBy: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column({ name: 'activated_at', type: 'timestamptz', nullable: true })
  activatedAt: Date | null;

  @Column({ name: 'ended_at', type: 'timestamptz', nullable: true })
  endedAt: Date | null;
}
