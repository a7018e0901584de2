import { Check, Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { Role } from '@app/core';

@Entity({ name: 'users' })
// Usernames are unique regardless of letter case (`RTADMIN` and `rtadmin` are one login): a
// unique index on lower(username), written by hand in its migration (TypeORM cannot express it).
@Index('users_username_lower_key', { synchronize: false })
@Check(
  'users_scope_matches_role',
  `
  (role = 'ADMIN' AND institution_id IS NULL AND certification_body_id IS NULL AND learner_id IS NULL)
  OR (role = 'REGISTRAR' AND institution_id IS NOT NULL AND certification_body_id IS NULL AND learner_id IS NULL)
  OR (role = 'EXAMINER' AND certification_body_id IS NOT NULL AND institution_id IS NULL AND learner_id IS NULL)
  OR (role = 'LEARNER' AND learner_id IS NOT NULL AND institution_id IS NULL AND certification_body_id IS NULL)`,
)
export class UserEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** As typed at creation; compared in lower case. */
  @Column({ type: 'varchar', length: 64 })
  username: string;

  @Column({ name: 'password_hash', type: 'varchar', length: 255 })
  passwordHash: string;

  @Column({ type: 'varchar', length: 16 })
  role: Role;

  @Column({ name: 'institution_id', type: 'uuid', nullable: true })
  institutionId: string | null;

  @Column({ name: 'certification_body_id', type: 'uuid', nullable: true })
  certificationBodyId: string | null;

  @Index('users_learner_id_key', { unique: true, where: 'learner_id IS NOT NULL' })
  @Column({ name: 'learner_id', type: 'uuid', nullable: true })
  learnerId: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
