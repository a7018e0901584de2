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
import { LearnerEntity } from '@app/accounts/entities';
import { CertificationBodyEntity, InstitutionEntity } from '@app/catalog/entities';

/**
 * A learner lets one school or one body read their account until a date, and may withdraw
 * it sooner. A withdrawn share stays, as the record that it was given.
 */
@Entity({ name: 'learner_shares' })
@Index('learner_shares_learner_idx', ['learnerId'])
@Check('learner_shares_one_grantee', '(institution_id IS NULL) <> (certification_body_id IS NULL)')
export class LearnerShareEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'learner_id', type: 'uuid' })
  learnerId: string;

  @Column({ name: 'institution_id', type: 'uuid', nullable: true })
  institutionId: string | null;

  @Column({ name: 'certification_body_id', type: 'uuid', nullable: true })
  certificationBodyId: string | null;

  /** The last day the grantee may read the account. */
  @Column({ type: 'date' })
  until: string;

  @Column({ name: 'withdrawn_at', type: 'timestamptz', nullable: true })
  withdrawnAt: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @ManyToOne(() => LearnerEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'learner_id', foreignKeyConstraintName: 'learner_shares_learner_fk' })
  learner?: LearnerEntity;

  @ManyToOne(() => InstitutionEntity, { onDelete: 'RESTRICT', nullable: true })
  @JoinColumn({ name: 'institution_id', foreignKeyConstraintName: 'learner_shares_institution_fk' })
  institution?: InstitutionEntity | null;

  @ManyToOne(() => CertificationBodyEntity, { onDelete: 'RESTRICT', nullable: true })
  @JoinColumn({ name: 'certification_body_id', foreignKeyConstraintName: 'learner_shares_body_fk' })
  certificationBody?: CertificationBodyEntity | null;
}
