import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** 培训评价组织: the training-and-evaluation organisation that issues a certificate scheme. */
@Entity({ name: 'certification_bodies' })
export class CertificationBodyEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index('certification_bodies_code_key', { unique: true })
  @Column({ type: 'varchar', length: 32 })
  code: string;

  @Column({ type: 'varchar', length: 200 })
  name: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
