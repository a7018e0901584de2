import { Check, Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

export const ID_TYPES = [
  'RESIDENT_ID',
  'PASSPORT',
  'HKMO_PERMIT',
  'TW_PERMIT',
  'FOREIGN_PERMANENT_ID',
] as const;

/**
 * 个人学习账户: one per person. The identity number is personal data: kept encrypted, found by
 * a keyed hash (type + number), and shown masked to all but the learner and ADMIN.
 */
@Entity({ name: 'learners' })
@Check('learners_id_type_check', `id_type IN ('${ID_TYPES.join("','")}')`)
export class LearnerEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'varchar', length: 100 })
  name: string;

  @Column({ name: 'id_type', type: 'varchar', length: 32 })
  idType: string;

  /** HMAC-SHA256 of `type:number`: the look-up key, unique per identity. */
  @Index('learners_identity_key', { unique: true })
  @Column({ name: 'id_lookup_hash', type: 'char', length: 64 })
  idLookupHash: string;

  /** AES-256-GCM, versioned (`v1.iv.tag.ciphertext`). */
  @Column({ name: 'id_number_encrypted', type: 'text' })
  idNumberEncrypted: string;

  @Column({ name: 'id_number_masked', type: 'varchar', length: 32 })
  idNumberMasked: string;

  @Column({ name: 'birth_date', type: 'date', nullable: true })
  birthDate: string | null;

  /** The institution whose registrar opened the account, if any. */
  @Column({ name: 'opened_by_institution_id', type: 'uuid', nullable: true })
  openedByInstitutionId: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
