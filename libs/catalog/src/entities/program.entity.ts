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

/** 专业: a program of study with its total credits and the cap on exempted credits. */
@Entity({ name: 'programs' })
@Index('programs_institution_code_key', ['institutionId', 'code'], { unique: true })
@Check(
  'programs_credits_check',
  'total_credits > 0 AND max_exempt_credits >= 0 AND max_exempt_credits <= total_credits',
)
export class ProgramEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @ManyToOne(() => InstitutionEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'institution_id', foreignKeyConstraintName: 'programs_institution_fk' })
  institution?: InstitutionEntity;

  @Column({ name: 'institution_id', type: 'uuid' })
  institutionId: string;

  @Column({ type: 'varchar', length: 32 })
  code: string;

  @Column({ type: 'varchar', length: 200 })
  name: string;

  @Column({ name: 'total_credits', type: 'numeric', precision: 6, scale: 2 })
  totalCredits: string;

  @Column({ name: 'max_exempt_credits', type: 'numeric', precision: 6, scale: 2 })
  maxExemptCredits: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
