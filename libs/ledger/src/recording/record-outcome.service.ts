import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Principal, Role } from '@app/core';
import {
  CatalogLookup,
  CourseNotFoundError,
  ProgramNotFoundError,
  SchemeNotFoundError,
} from '@app/catalog';
import { CommandContext, CommandResult, CommandRunner } from '@app/commands';
import { EnrolmentsService, ExamRegistrationsService, LearnerAccess } from '@app/relationships';
import {
  RecordCertificateDto,
  RecordCourseCreditDto,
  RecordDiplomaDto,
} from '../dto/record-outcome.dto';
import { LedgerEntryEntity } from '../entities/ledger-entry.entity';
import {
  CertificateLevelAlreadyHeldError,
  CourseAlreadyExemptedError,
  CreditAlreadyRecordedError,
  DiplomaAlreadyRecordedError,
  DiplomaNumberTakenError,
  LevelNotInSchemeError,
} from '../ledger.errors';
import type { EntryView } from '../dto/entry.dto';
import { toEntryView } from '../reading/entry-view';
import { LedgerWriter } from './ledger-writer.service';

export const PASSING_SCORE = 60;

/**
 * A certificate or diploma number as it is stored and compared: NFKC (full-width forms become
 * ASCII), trimmed, upper-case. The database's `ledger_document_number` computes the same for
 * its unique checks.
 */
export function documentNumber(number: string): string {
  return number.normalize('NFKC').trim().toUpperCase();
}

/**
 * Records learning outcomes: course credits (by the course's school), certificates (by the
 * scheme's body) and diplomas (by the program's school). Each is one entry plus its outbox event
 * in one transaction, at most once per Idempotency-Key. What lies outside the caller's scope is
 * reported as not found. Under the learner lock, each refuses what would count twice: a passing
 * credit while one stands or while the course is exempted; a second standing certificate of a
 * scheme and level; a second standing diploma of a program, or a diploma number the school
 * already has standing. The guard trigger checks the same.
 */
@Injectable()
export class RecordOutcomeService {
  constructor(
    private readonly writer: LedgerWriter,
    private readonly commands: CommandRunner,
    private readonly catalog: CatalogLookup,
    private readonly access: LearnerAccess,
    private readonly enrolments: EnrolmentsService,
    private readonly registrations: ExamRegistrationsService,
  ) {}

  recordCourseCredit(
    context: CommandContext,
    learnerId: string,
    body: RecordCourseCreditDto,
  ): Promise<CommandResult<EntryView>> {
    return this.recordForLearner(context, learnerId, body, (manager) =>
      this.courseCreditIn(manager, context.principal, learnerId, body),
    );
  }

  /**
   * The `…In` forms write in the caller's transaction, the caller having checked that it reaches
   * the learner: an import's rows, each under its own savepoint.
   */
  async courseCreditIn(
    manager: EntityManager,
    principal: Principal,
    learnerId: string,
    body: RecordCourseCreditDto,
  ): Promise<LedgerEntryEntity> {
    const course = await this.catalog.courseToRecord(manager, principal.institutionId, body);
    if (!course || !this.ownsInstitution(principal, course.institutionId)) {
      throw new CourseNotFoundError(body.courseCode);
    }
    await this.enrolments.assertEnrolledOn(
      manager,
      { learnerId, institutionId: course.institutionId },
      body.completedAt,
      'completedAt',
    );
    await this.writer.lockLearner(manager, learnerId);
    const passed = body.score >= PASSING_SCORE;
    if (passed) {
      const standing = await this.standingPassingCredit(manager, learnerId, course.id);
      if (standing) throw new CreditAlreadyRecordedError(standing);
      const exemption = await this.standingCourseExemption(manager, learnerId, course.id);
      if (exemption) throw new CourseAlreadyExemptedError(exemption);
    }
    return this.writer.insert(manager, principal, {
      learnerId,
      kind: 'COURSE_CREDIT',
      institutionId: course.institutionId,
      courseId: course.id,
      programId: course.programId,
      term: body.term,
      score: body.score.toFixed(2),
      passed,
      credits: passed ? course.credits : '0.00',
      completedAt: body.completedAt,
    });
  }

  recordCertificate(
    context: CommandContext,
    learnerId: string,
    body: RecordCertificateDto,
  ): Promise<CommandResult<EntryView>> {
    return this.recordForLearner(context, learnerId, body, (manager) =>
      this.certificateIn(manager, context.principal, learnerId, body),
    );
  }

  async certificateIn(
    manager: EntityManager,
    principal: Principal,
    learnerId: string,
    body: RecordCertificateDto,
  ): Promise<LedgerEntryEntity> {
    const scheme = await this.catalog.schemeNamed(manager, body);
    if (
      !scheme ||
      principal.role !== Role.EXAMINER ||
      principal.certificationBodyId !== scheme.certificationBodyId
    ) {
      throw new SchemeNotFoundError(body.schemeCode);
    }
    if (!scheme.levels.some((level) => level.level === body.level))
      throw new LevelNotInSchemeError(body.level);
    await this.registrations.assertRegistered(manager, learnerId, scheme.id, body.level);
    await this.writer.lockLearner(manager, learnerId);
    const held = await this.validCertificate(manager, learnerId, scheme.id, body);
    if (held) throw new CertificateLevelAlreadyHeldError(held);
    return this.writer.insert(manager, principal, {
      learnerId,
      kind: 'CERTIFICATE',
      certificationBodyId: scheme.certificationBodyId,
      schemeId: scheme.id,
      level: body.level,
      certificateNo: documentNumber(body.certificateNo),
      issuedAt: body.issuedAt,
      validUntil: body.validUntil ?? null,
    });
  }

  recordDiploma(
    context: CommandContext,
    learnerId: string,
    body: RecordDiplomaDto,
  ): Promise<CommandResult<EntryView>> {
    return this.recordForLearner(context, learnerId, body, (manager) =>
      this.diplomaIn(manager, context.principal, learnerId, body),
    );
  }

  async diplomaIn(
    manager: EntityManager,
    principal: Principal,
    learnerId: string,
    body: RecordDiplomaDto,
  ): Promise<LedgerEntryEntity> {
    const program = await this.catalog.programNamed(manager, principal.institutionId, body);
    if (!program || !this.ownsInstitution(principal, program.institutionId)) {
      throw new ProgramNotFoundError(body.programCode);
    }
    await this.enrolments.assertEnrolledOn(
      manager,
      { learnerId, institutionId: program.institutionId, programId: program.id },
      body.graduatedAt,
      'graduatedAt',
    );
    await this.writer.lockLearner(manager, learnerId);
    const held = await this.standingDiploma(manager, learnerId, program.id);
    if (held) throw new DiplomaAlreadyRecordedError(held);
    const diplomaNo = documentNumber(body.diplomaNo);
    if (await this.standingDiplomaNumbered(manager, program.institutionId, diplomaNo))
      throw new DiplomaNumberTakenError();
    return this.writer.insert(manager, principal, {
      learnerId,
      kind: 'DIPLOMA',
      institutionId: program.institutionId,
      programId: program.id,
      diplomaNo,
      graduatedAt: body.graduatedAt,
    });
  }

  private ownsInstitution(principal: Principal, institutionId: string): boolean {
    return principal.role === Role.REGISTRAR && principal.institutionId === institutionId;
  }

  private standingPassingCredit(
    manager: EntityManager,
    learnerId: string,
    courseId: string,
  ): Promise<string | null> {
    return this.firstStanding(
      manager,
      `e.learner_id = $1 AND e.course_id = $2 AND e.kind = 'COURSE_CREDIT' AND e.passed`,
      [learnerId, courseId],
    );
  }

  private standingCourseExemption(
    manager: EntityManager,
    learnerId: string,
    courseId: string,
  ): Promise<string | null> {
    return this.firstStanding(
      manager,
      `e.learner_id = $1 AND e.course_id = $2 AND e.kind = 'COURSE_EXEMPTION'`,
      [learnerId, courseId],
    );
  }

  /** A standing certificate of the scheme and level still valid on the new one's issue date. */
  private validCertificate(
    manager: EntityManager,
    learnerId: string,
    schemeId: string,
    body: RecordCertificateDto,
  ): Promise<string | null> {
    return this.firstStanding(
      manager,
      `e.learner_id = $1 AND e.kind = 'CERTIFICATE' AND e.scheme_id = $2 AND e.level = $3
       AND (e.valid_until IS NULL OR e.valid_until >= $4::date)`,
      [learnerId, schemeId, body.level, body.issuedAt],
    );
  }

  private standingDiploma(
    manager: EntityManager,
    learnerId: string,
    programId: string,
  ): Promise<string | null> {
    return this.firstStanding(
      manager,
      `e.learner_id = $1 AND e.kind = 'DIPLOMA' AND e.program_id = $2`,
      [learnerId, programId],
    );
  }

  /** Any learner's: the number belongs to the school. */
  private standingDiplomaNumbered(
    manager: EntityManager,
    institutionId: string,
    diplomaNo: string,
  ): Promise<string | null> {
    return this.firstStanding(
      manager,
      `e.kind = 'DIPLOMA' AND e.institution_id = $1
       AND ledger_document_number(e.diploma_no) = ledger_document_number($2)`,
      [institutionId, diplomaNo],
    );
  }

  /** The id of an entry matching `condition` (over alias `e`) that is not cancelled, or null. */
  private async firstStanding(
    manager: EntityManager,
    condition: string,
    parameters: unknown[],
  ): Promise<string | null> {
    const rows: { id: string }[] = await manager.query(
      `SELECT e.id FROM ledger_entries e WHERE ${condition} AND ledger_entry_stands(e.id) LIMIT 1`,
      parameters,
    );
    return rows[0]?.id ?? null;
  }

  /** One entry for a learner the caller reaches, written by `effect` in the command's transaction. */
  private recordForLearner(
    context: CommandContext,
    learnerId: string,
    body: object,
    effect: (manager: EntityManager) => Promise<LedgerEntryEntity>,
  ): Promise<CommandResult<EntryView>> {
    return this.commands.run(context, body, async (manager) => {
      await this.access.assertReaches(context.principal, learnerId, manager);
      return toEntryView(await effect(manager));
    });
  }
}
