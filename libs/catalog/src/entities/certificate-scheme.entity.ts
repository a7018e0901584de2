import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
} from 'typeorm';
import { CertificationBodyEntity } from './certification-body.entity';

/** 职业技能等级证书: a vocational skill level certificate, with three levels. */
@Entity({ name: 'certificate_schemes' })
export class CertificateSchemeEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index('certificate_schemes_code_key', { unique: true })
  @Column({ type: 'varchar', length: 32 })
  code: string;

  @Column({ type: 'varchar', length: 200 })
  name: string;

  @ManyToOne(() => CertificationBodyEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({
    name: 'certification_body_id',
    foreignKeyConstraintName: 'certificate_schemes_body_fk',
  })
  certificationBody?: CertificationBodyEntity;

  @Index('certificate_schemes_body_idx')
  @Column({ name: 'certification_body_id', type: 'uuid' })
  certificationBodyId: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
