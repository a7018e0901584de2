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
import { CertificateSchemeEntity, CourseEntity, ProgramEntity } from '@app/catalog/entities';

export const ENTRY_KINDS = [
  'COURSE_CREDIT',
  'CERTIFICATE',
  'DIPLOMA',
  'COURSE_EXEMPTION',
  'EXAM_EXEMPTION',
  'REVERSAL',
  'REVOCATION',
] as const;
export type EntryKind = (typeof ENTRY_KINDS)[number];

/**
 * One immutable learning-outcome fact. Rows are never updated or deleted (a trigger refuses
 * it); corrections are REVERSAL / REVOCATION entries pointing at what they cancel, and an
 * entry's status is derived from them. Kind-specific columns are checked per kind.
 * `learner_id` leads the indexes so the table can later be distributed by learner.
 */
@Entity({ name: 'ledger_entries' })
@Index('ledger_entries_learner_seq_idx', ['learnerId', 'seq'])
// Over ledger_document_number(certificate_no | diploma_no): expression indexes TypeORM cannot
// express, written by hand in the LedgerRecordingRules migration and left alone by the generator.
@Index('ledger_entries_certificate_number_key', { synchronize: false })
@Index('ledger_entries_diploma_number_idx', { synchronize: false })
@Index('ledger_entries_cancels_once_key', ['cancelsEntryId'], {
  unique: true,
  where: 'cancels_entry_id IS NOT NULL',
})
@Index('ledger_entries_learner_course_idx', ['learnerId', 'courseId'], {
  where: 'course_id IS NOT NULL',
})
// By course alone, for the guard that freezes a recorded course's credits (CatalogCorrections).
@Index('ledger_entries_course_idx', { synchronize: false })
@Check('ledger_entries_kind_check', `kind IN ('${ENTRY_KINDS.join("','")}')`)
@Check(
  'ledger_entries_shape_check',
  `(kind = 'COURSE_CREDIT' AND course_id IS NOT NULL AND institution_id IS NOT NULL AND term IS NOT NULL
      AND score IS NOT NULL AND passed IS NOT NULL AND credits IS NOT NULL AND completed_at IS NOT NULL)
   OR (kind = 'CERTIFICATE' AND scheme_id IS NOT NULL AND level IS NOT NULL AND certificate_no IS NOT NULL
      AND issued_at IS NOT NULL AND certification_body_id IS NOT NULL)
   OR (kind = 'DIPLOMA' AND program_id IS NOT NULL AND diploma_no IS NOT NULL AND graduated_at IS NOT NULL
      AND institution_id IS NOT NULL)
   OR (kind = 'COURSE_EXEMPTION' AND course_id IS NOT NULL AND rule_version_id IS NOT NULL
      AND credits IS NOT NULL AND evidence_entry_ids IS NOT NULL AND institution_id IS NOT NULL)
   OR (kind = 'EXAM_EXEMPTION' AND scheme_id IS NOT NULL AND level IS NOT NULL AND component IS NOT NULL
      AND rule_version_id IS NOT NULL AND evidence_entry_ids IS NOT NULL AND certification_body_id IS NOT NULL)
   OR (kind IN ('REVERSAL','REVOCATION') AND cancels_entry_id IS NOT NULL AND reason IS NOT NULL)`,
)
@Check('ledger_entries_score_check', 'score IS NULL OR (score >= 0 AND score <= 100)')
export class LedgerEntryEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** Global insertion order: cursor paging and "newest first". */
  @Index('ledger_entries_seq_key', { unique: true })
  @Column({ type: 'bigint', generated: 'identity', generatedIdentity: 'ALWAYS', insert: false })
  seq: string;

  @ManyToOne(() => LearnerEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'learner_id', foreignKeyConstraintName: 'ledger_entries_learner_fk' })
  learner?: LearnerEntity;

  @Column({ name: 'learner_id', type: 'uuid' })
  learnerId: string;

  @Column({ type: 'varchar', length: 24 })
  kind: EntryKind;

  @CreateDateColumn({ name: 'recorded_at', type: 'timestamptz' })
  recordedAt: Date;

  @Column({ name: 'recorded_by', type: 'uuid' })
  recordedBy: string;

  @Column({ name: 'recorder_role', type: 'varchar', length: 16 })
  recorderRole: string;

  /** The institution that owns the fact (course credit, diploma, course exemption). */
  @Column({ name: 'institution_id', type: 'uuid', nullable: true })
  institutionId: string | null;

  /** The body that owns the fact (certificate, exam exemption). */
  @Column({ name: 'certification_body_id', type: 'uuid', nullable: true })
  certificationBodyId: string | null;

  @ManyToOne(() => CourseEntity, { onDelete: 'RESTRICT', nullable: true })
  @JoinColumn({ name: 'course_id', foreignKeyConstraintName: 'ledger_entries_course_fk' })
  course?: CourseEntity | null;

  @Column({ name: 'course_id', type: 'uuid', nullable: true })
  courseId: string | null;

  @Column({ type: 'varchar', length: 16, nullable: true })
  term: string | null;

  @Column({ type: 'numeric', precision: 5, scale: 2, nullable: true })
  score: string | null;

  @Column({ type: 'boolean', nullable: true })
  passed: boolean | null;

  /** Credits earned (passing course credit) or granted (exemption). */
  @Column({ type: 'numeric', precision: 6, scale: 2, nullable: true })
  credits: string | null;

  @Column({ name: 'completed_at', type: 'date', nullable: true })
  completedAt: string | null;

  @ManyToOne(() => CertificateSchemeEntity, { onDelete: 'RESTRICT', nullable: true })
  @JoinColumn({ name: 'scheme_id', foreignKeyConstraintName: 'ledger_entries_scheme_fk' })
  scheme?: CertificateSchemeEntity | null;

  @Column({ name: 'scheme_id', type: 'uuid', nullable: true })
  schemeId: string | null;

  @Column({ type: 'varchar', length: 16, nullable: true })
  level: string | null;

  @Column({ type: 'varchar', length: 32, nullable: true })
  component: string | null;

  @Column({ name: 'certificate_no', type: 'varchar', length: 64, nullable: true })
  certificateNo: string | null;

  @Column({ name: 'issued_at', type: 'date', nullable: true })
  issuedAt: string | null;

  @Column({ name: 'valid_until', type: 'date', nullable: true })
  validUntil: string | null;

  @ManyToOne(() => ProgramEntity, { onDelete: 'RESTRICT', nullable: true })
  @JoinColumn({ name: 'program_id', foreignKeyConstraintName: 'ledger_entries_program_fk' })
  program?: ProgramEntity | null;

  @Column({ name: 'program_id', type: 'uuid', nullable: true })
  programId: string | null;

  @Column({ name: 'diploma_no', type: 'varchar', length: 64, nullable: true })
  diplomaNo: string | null;

  @Column({ name: 'graduated_at', type: 'date', nullable: true })
  graduatedAt: string | null;

  @Column({ name: 'rule_id', type: 'uuid', nullable: true })
  ruleId: string | null;

  @Column({ name: 'rule_version_id', type: 'uuid', nullable: true })
  ruleVersionId: string | null;

  @Column({ name: 'evidence_entry_ids', type: 'uuid', array: true, nullable: true })
  evidenceEntryIds: string[] | null;

  @Column({ name: 'application_id', type: 'uuid', nullable: true })
  applicationId: string | null;

  /** REVERSAL / REVOCATION: the entry this one cancels. */
  @ManyToOne(() => LedgerEntryEntity, { onDelete: 'RESTRICT', nullable: true })
  @JoinColumn({ name: 'cancels_entry_id', foreignKeyConstraintName: 'ledger_entries_cancels_fk' })
  cancels?: LedgerEntryEntity | null;

  @Column({ name: 'cancels_entry_id', type: 'uuid', nullable: true })
  cancelsEntryId: string | null;

  /**
   * A cascaded reversal names the correction that caused it; an exemption recorded again in
   * place of a cascaded one names that cascaded reversal.
   */
  @ManyToOne(() => LedgerEntryEntity, { onDelete: 'RESTRICT', nullable: true })
  @JoinColumn({ name: 'cause_entry_id', foreignKeyConstraintName: 'ledger_entries_cause_fk' })
  cause?: LedgerEntryEntity | null;

  @Column({ name: 'cause_entry_id', type: 'uuid', nullable: true })
  causeEntryId: string | null;

  @Column({ type: 'varchar', length: 500, nullable: true })
  reason: string | null;
}
