import {
  Check,
  Column,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
} from 'typeorm';
import { CertificateSchemeEntity } from './certificate-scheme.entity';

export const LEVELS = ['JUNIOR', 'INTERMEDIATE', 'SENIOR'] as const;
export type Level = (typeof LEVELS)[number];

/** One level of a scheme: the credits the credit bank recognises for it. */
@Entity({ name: 'scheme_levels' })
@Index('scheme_levels_scheme_level_key', ['schemeId', 'level'], { unique: true })
@Check('scheme_levels_level_check', `level IN ('JUNIOR','INTERMEDIATE','SENIOR')`)
@Check('scheme_levels_credits_check', 'recognised_credits >= 0')
export class SchemeLevelEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @ManyToOne(() => CertificateSchemeEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'scheme_id', foreignKeyConstraintName: 'scheme_levels_scheme_fk' })
  scheme?: CertificateSchemeEntity;

  @Column({ name: 'scheme_id', type: 'uuid' })
  schemeId: string;

  @Column({ type: 'varchar', length: 16 })
  level: Level;

  @Column({ name: 'recognised_credits', type: 'numeric', precision: 5, scale: 2 })
  recognisedCredits: string;
}
