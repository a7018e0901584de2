import { Check, Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { Role } from '@app/core';

@Entity({ name: 'users' })
// Usernames are unique regardless of letter case (`RTADMIN` and `rtadmin` are one login): a
// unique index on lower(username), written by hand in its migration (TypeORM cannot express it).
@Index('users_username_lower_key', { synchronize: false })
@Check('users_display_name_not_blank', `display_name IS NULL OR length(btrim(display_name)) > 0`)
@Check('users_token_version_positive', `token_version >= 1`)
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

  /** What the views call the person; null: they are called by their username. */
  @Column({ name: 'display_name', type: 'varchar', length: 100, nullable: true })
  displayName: string | null;

  /** Set while the login is disabled: it cannot sign in and its tokens are refused. */
  @Column({ name: 'disabled_at', type: 'timestamptz', nullable: true })
  disabledAt: Date | null;

  /** Every token carries the version it was issued at; a bump ends all of them. */
  @Column({ name: 'token_version', type: 'integer', default: 1 })
  tokenVersion: number;

  /** After an administrator's reset: the login must choose its own password first. */
  @Column({ name: 'password_change_required', type: 'boolean', default: false })
  passwordChangeRequired: boolean;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
