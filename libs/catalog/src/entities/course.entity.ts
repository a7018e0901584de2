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
import { InstitutionEntity } from './institution.entity';
import { ProgramEntity } from './program.entity';

export const COURSE_CATEGORIES = [
  'PUBLIC_BASIC',
  'PROFESSIONAL_FOUNDATION',
  'PROFESSIONAL_CORE',
  'PRACTICE',
  'ELECTIVE',
] as const;
export type CourseCategory = (typeof COURSE_CATEGORIES)[number];

@Entity({ name: 'courses' })
@Index('courses_institution_code_key', ['institutionId', 'code'], { unique: true })
@Check('courses_category_check', `category IN ('${COURSE_CATEGORIES.join("','")}')`)
@Check('courses_credits_check', 'credits > 0 AND hours >= 0')
export class CourseEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @ManyToOne(() => InstitutionEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'institution_id', foreignKeyConstraintName: 'courses_institution_fk' })
  institution?: InstitutionEntity;

  @Column({ name: 'institution_id', type: 'uuid' })
  institutionId: string;

  @ManyToOne(() => ProgramEntity, { onDelete: 'RESTRICT', nullable: true })
  @JoinColumn({ name: 'program_id', foreignKeyConstraintName: 'courses_program_fk' })
  program?: ProgramEntity | null;

  @Index('courses_program_idx')
  @Column({ name: 'program_id', type: 'uuid', nullable: true })
  programId: string | null;

  @Column({ type: 'varchar', length: 32 })
  code: string;

  @Column({ type: 'varchar', length: 200 })
  name: string;

  /** Exact decimal, at most two places. */
  @Column({ type: 'numeric', precision: 5, scale: 2 })
  credits: string;

  @Column({ type: 'integer' })
  hours: number;

  @Column({ type: 'varchar', length: 32 })
  category: CourseCategory;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
