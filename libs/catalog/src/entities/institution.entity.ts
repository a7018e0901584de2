import { Check, Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

export const INSTITUTION_KINDS = [
  'SECONDARY_VOCATIONAL',
  'HIGHER_VOCATIONAL',
  'VOCATIONAL_UNDERGRADUATE',
  'UNDERGRADUATE',
  'TECHNICIAN_COLLEGE',
  'TRAINING_ORG',
] as const;
export type InstitutionKind = (typeof INSTITUTION_KINDS)[number];

@Entity({ name: 'institutions' })
@Check('institutions_kind_check', `kind IN ('${INSTITUTION_KINDS.join("','")}')`)
export class InstitutionEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index('institutions_code_key', { unique: true })
  @Column({ type: 'varchar', length: 32 })
  code: string;

  @Column({ type: 'varchar', length: 200 })
  name: string;

  @Column({ type: 'varchar', length: 32 })
  kind: InstitutionKind;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
