import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { DomainError, Principal, Role } from '@app/core';
import {
  CatalogLookup,
  CourseNotFoundError,
  ProgramNotFoundError,
  SchemeNotFoundError,
} from '@app/catalog';
import { CommandContext, CommandResult, CommandRunner } from '@app/commands';
import {
  EnrolmentsService,
  ExamRegistrationsService,
  LearnerAccess,
  NotEnrolledError,
} from '@app/relationships';
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
import type { NewCourseCredit } from './ledger-entry-state';
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

  /**
   * The rules of `courseCreditIn` for a batch of the registrar's rows at once (an import), in a
   * few set-based statements: each row's refusal, as `courseCreditIn` would throw it, or the
   * credit to write. Takes the same locks in the same order (the courses and the enrolments in
   * force, shared; then the learners, in id order) and holds them for the caller's transaction,
   * so that what it checked still holds when the caller writes the credits
   * (`LedgerWriter.insertCourseCredits`). Rows of one batch are checked against the ledger, not
   * against each other: two passes of one course in one batch fail the write (the guard
   * trigger), for the caller to redo row by row. Rows name their course by code.
   */
  async checkCourseCredits(
    manager: EntityManager,
    principal: Principal,
    rows: readonly { learnerId: string; body: RecordCourseCreditDto }[],
  ): Promise<(NewCourseCredit | DomainError)[]> {
    const institutionId = principal.role === Role.REGISTRAR ? principal.institutionId : null;
    if (rows.length === 0) return [];
    const codes = rows.map((row) => row.body.courseCode ?? null);
    const courses: { id: string; code: string; credits: string; program_id: string | null }[] =
      await manager.query(
        `SELECT id, code, credits::text, program_id FROM courses
          WHERE institution_id = $1 AND code = ANY($2::text[]) ORDER BY id FOR SHARE`,
        [institutionId, [...new Set(codes)]],
      );
    const courseByCode = new Map(courses.map((course) => [course.code, course]));
    const found = rows.map((row) => courseByCode.get(row.body.courseCode ?? ''));
    const located = rows.flatMap((row, index) => (found[index] ? [{ row, index }] : []));
    const enrolled: { n: number }[] = await manager.query(
      `SELECT r.n FROM unnest($2::int[], $3::uuid[], $4::date[]) AS r(n, learner_id, on_date)
         JOIN enrolments e ON e.learner_id = r.learner_id AND e.institution_id = $1
          AND e.started_at <= r.on_date AND (e.ended_at IS NULL OR e.ended_at >= r.on_date)
         FOR SHARE OF e`,
      [
        institutionId,
        located.map(({ index }) => index),
        located.map(({ row }) => row.learnerId),
        located.map(({ row }) => row.body.completedAt),
      ],
    );
    const inForce = new Set(enrolled.map((row) => row.n));
    const learners = [...new Set(located.map(({ row }) => row.learnerId))].sort();
    await this.writer.lockLearners(manager, learners);
    const passing = located.filter(
      ({ row, index }) => inForce.has(index) && row.body.score >= PASSING_SCORE,
    );
    const standing: { n: number; credit: string | null; exemption: string | null }[] =
      await manager.query(
        `SELECT r.n,
                (SELECT e.id FROM ledger_entries e WHERE e.learner_id = r.learner_id AND e.course_id = r.course_id
                    AND e.kind = 'COURSE_CREDIT' AND e.passed AND ledger_entry_stands(e.id) LIMIT 1) AS credit,
                (SELECT e.id FROM ledger_entries e WHERE e.learner_id = r.learner_id AND e.course_id = r.course_id
                    AND e.kind = 'COURSE_EXEMPTION' AND ledger_entry_stands(e.id) LIMIT 1) AS exemption
           FROM unnest($1::int[], $2::uuid[], $3::uuid[]) AS r(n, learner_id, course_id)`,
        [
          passing.map(({ index }) => index),
          passing.map(({ row }) => row.learnerId),
          passing.map(({ index }) => found[index]!.id),
        ],
      );
    const standingOf = new Map(standing.map((row) => [row.n, row]));
    return rows.map((row, index) => {
      const course = found[index];
      if (!course) return new CourseNotFoundError(row.body.courseCode);
      if (!inForce.has(index)) return new NotEnrolledError('completedAt', row.body.completedAt);
      const held = standingOf.get(index);
      if (held?.credit) return new CreditAlreadyRecordedError(held.credit);
      if (held?.exemption) return new CourseAlreadyExemptedError(held.exemption);
      const passed = row.body.score >= PASSING_SCORE;
      return {
        id: randomUUID(),
        learnerId: row.learnerId,
        institutionId: institutionId!,
        courseId: course.id,
        programId: course.program_id,
        term: row.body.term,
        score: row.body.score.toFixed(2),
        passed,
        credits: passed ? course.credits : '0.00',
        completedAt: row.body.completedAt,
      };
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
