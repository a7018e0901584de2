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
import { InstitutionEntity, ProgramEntity } from '@app/catalog/entities';

/** Who vocational schools serve, from the reform's list; a learner outside school enrols under one. */
export const ENROLMENT_CATEGORIES = [
  'FULL_TIME',
  'PART_TIME',
  'SOCIAL_LEARNER',
  'VETERAN',
  'RETIRED_ATHLETE',
  'LAID_OFF_WORKER',
  'MIGRANT_WORKER',
  'NEW_FARMER',
] as const;
export type EnrolmentCategory = (typeof ENROLMENT_CATEGORIES)[number];

export const ENROLMENT_STATUSES = ['ACTIVE', 'GRADUATED', 'WITHDRAWN', 'TRANSFERRED'] as const;
export type EnrolmentStatus = (typeof ENROLMENT_STATUSES)[number];
export type EnrolmentEnd = Exclude<EnrolmentStatus, 'ACTIVE'>;

/**
 * 学籍: a learner studies a program at a school from `startedAt`, until it ends (graduated,
 * withdrawn, transferred). It is what lets the school's registrar reach the learner and record
 * their credits and diploma.
 */
@Entity({ name: 'enrolments' })
@Index('enrolments_student_no_key', ['institutionId', 'studentNo'], { unique: true })
@Index('enrolments_one_active_key', ['learnerId', 'programId'], {
  unique: true,
  where: `status = 'ACTIVE'`,
})
@Index('enrolments_learner_institution_idx', ['learnerId', 'institutionId'])
@Check('enrolments_category_check', `category IN ('${ENROLMENT_CATEGORIES.join("','")}')`)
@Check('enrolments_status_check', `status IN ('${ENROLMENT_STATUSES.join("','")}')`)
@Check(
  'enrolments_end_check',
  `(status = 'ACTIVE' AND ended_at IS NULL) OR (status <> 'ACTIVE' AND ended_at IS NOT NULL AND ended_at >= started_at)`,
)
export class EnrolmentEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'learner_id', type: 'uuid' })
  learnerId: string;

  @Column({ name: 'institution_id', type: 'uuid' })
  institutionId: string;

  @Column({ name: 'program_id', type: 'uuid' })
  programId: string;

  @Column({ name: 'student_no', type: 'varchar', length: 32 })
  studentNo: string;

  @Column({ type: 'varchar', length: 24 })
  category: EnrolmentCategory;

  @Column({ type: 'varchar', length: 16 })
  status: EnrolmentStatus;

  @Column({ name: 'started_at', type: 'date' })
  startedAt: string;

  @Column({ name: 'ended_at', type: 'date', nullable: true })
  endedAt: string | null;

  @Column({ name: 'created_by', type: 'uuid', nullable: true })
  createdBy: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @ManyToOne(() => LearnerEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'learner_id', foreignKeyConstraintName: 'enrolments_learner_fk' })
  learner?: LearnerEntity;

  @ManyToOne(() => InstitutionEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'institution_id', foreignKeyConstraintName: 'enrolments_institution_fk' })
  institution?: InstitutionEntity;

  @ManyToOne(() => ProgramEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'program_id', foreignKeyConstraintName: 'enrolments_program_fk' })
  program?: ProgramEntity;
}
