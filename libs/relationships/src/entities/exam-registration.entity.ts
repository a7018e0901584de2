import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
} from 'typeorm';
import { LearnerEntity } from '@app/accounts/entities';
import { CertificateSchemeEntity, CertificationBodyEntity } from '@app/catalog/entities';

/**
 * 考核报名: a learner is registered for one level of a scheme's exam in one session. It lets
 * the scheme's body reach the learner and record the certificate the exam earns.
 */
@Entity({ name: 'exam_registrations' })
@Index('exam_registrations_session_key', ['learnerId', 'schemeId', 'level', 'session'], {
  unique: true,
})
@Index('exam_registrations_learner_body_idx', ['learnerId', 'certificationBodyId'])
// A body's candidates (GET /v1/certification-bodies/{id}/learners) without reading every row.
@Index('exam_registrations_body_learner_idx', ['certificationBodyId', 'learnerId'])
export class ExamRegistrationEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'learner_id', type: 'uuid' })
  learnerId: string;

  @Column({ name: 'scheme_id', type: 'uuid' })
  schemeId: string;

  /** The scheme's body, kept beside the scheme so that reach is one indexed look-up. */
  @Column({ name: 'certification_body_id', type: 'uuid' })
  certificationBodyId: string;

  @Column({ type: 'varchar', length: 16 })
  level: string;

  /** The exam session as the body names it, e.g. 2025-06 or 2025年第2批. */
  @Column({ type: 'varchar', length: 32 })
  session: string;

  @Column({ name: 'created_by', type: 'uuid', nullable: true })
  createdBy: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @ManyToOne(() => LearnerEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'learner_id', foreignKeyConstraintName: 'exam_registrations_learner_fk' })
  learner?: LearnerEntity;

  @ManyToOne(() => CertificateSchemeEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'scheme_id', foreignKeyConstraintName: 'exam_registrations_scheme_fk' })
  scheme?: CertificateSchemeEntity;

  @ManyToOne(() => CertificationBodyEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({
    name: 'certification_body_id',
    foreignKeyConstraintName: 'exam_registrations_body_fk',
  })
  certificationBody?: CertificationBodyEntity;
}
