import { Check, Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

export const RULE_KINDS = ['CERT_TO_COURSE', 'COURSE_TO_EXAM', 'COURSE_TO_COURSE'] as const;
export type RuleKind = (typeof RULE_KINDS)[number];

/** 转换规则: the stable identity of a rule; its content lives in versions. */
@Entity({ name: 'conversion_rules' })
@Check('conversion_rules_kind_check', `kind IN ('${RULE_KINDS.join("','")}')`)
@Check(
  'conversion_rules_owner_check',
  '(owner_institution_id IS NULL) <> (owner_certification_body_id IS NULL)',
)
export class ConversionRuleEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'varchar', length: 24 })
  kind: RuleKind;

  /** The target course's institution (免修, 学分互认)… */
  @Column({ name: 'owner_institution_id', type: 'uuid', nullable: true })
  ownerInstitutionId: string | null;

  /** …or the target scheme's body (免试). */
  @Column({ name: 'owner_certification_body_id', type: 'uuid', nullable: true })
  ownerCertificationBodyId: string | null;

  @Column({ name: 'created_by', type: 'uuid' })
  createdBy: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
