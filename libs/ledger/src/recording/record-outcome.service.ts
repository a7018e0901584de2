import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Principal, Role } from '@app/core';
import { LearnerDirectory, LearnerNotFoundError } from '@app/accounts';
import {
  CatalogLookup,
  CourseNotFoundError,
  ProgramNotFoundError,
  SchemeNotFoundError,
} from '@app/catalog';
import { CommandContext, CommandResult, CommandRunner } from '@app/commands';
import {
  RecordCertificateDto,
  RecordCourseCreditDto,
  RecordDiplomaDto,
} from '../dto/record-outcome.dto';
import { LedgerEntryEntity } from '../entities/ledger-entry.entity';
import { CreditAlreadyRecordedError, LevelNotInSchemeError } from '../ledger.errors';
import type { EntryView } from '../dto/entry.dto';
import { toEntryView } from '../reading/entry-view';
import { LedgerWriter } from './ledger-writer.service';

export const PASSING_SCORE = 60;

/**
 * Records learning outcomes: course credits (by the course's school), certificates (by the
 * scheme's body) and diplomas (by the program's school). Each is one entry plus its outbox event
 * in one transaction, at most once per Idempotency-Key. What lies outside the caller's scope is
 * reported as not found.
 */
@Injectable()
export class RecordOutcomeService {
  constructor(
    private readonly writer: LedgerWriter,
    private readonly commands: CommandRunner,
    private readonly catalog: CatalogLookup,
    private readonly learners: LearnerDirectory,
  ) {}

  recordCourseCredit(
    context: CommandContext,
    learnerId: string,
    body: RecordCourseCreditDto,
  ): Promise<CommandResult<EntryView>> {
    return this.recordForLearner(context, learnerId, body, async (manager) => {
      const course = await this.catalog.course(manager, body.courseId);
      if (!course || !this.ownsInstitution(context.principal, course.institutionId)) {
        throw new CourseNotFoundError();
      }
      await this.writer.lockLearner(manager, learnerId);
      const passed = body.score >= PASSING_SCORE;
      if (passed) {
        const standing = await this.standingPassingCredit(manager, learnerId, course.id);
        if (standing) throw new CreditAlreadyRecordedError(standing);
      }
      return this.writer.insert(manager, context.principal, {
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
    });
  }

  recordCertificate(
    context: CommandContext,
    learnerId: string,
    body: RecordCertificateDto,
  ): Promise<CommandResult<EntryView>> {
    return this.recordForLearner(context, learnerId, body, async (manager) => {
      const scheme = await this.catalog.scheme(manager, body.schemeId);
      const principal = context.principal;
      if (
        !scheme ||
        principal.role !== Role.EXAMINER ||
        principal.certificationBodyId !== scheme.certificationBodyId
      ) {
        throw new SchemeNotFoundError();
      }
      if (!scheme.levels.some((level) => level.level === body.level))
        throw new LevelNotInSchemeError(body.level);
      await this.writer.lockLearner(manager, learnerId);
      return this.writer.insert(manager, principal, {
        learnerId,
        kind: 'CERTIFICATE',
        certificationBodyId: scheme.certificationBodyId,
        schemeId: scheme.id,
        level: body.level,
        certificateNo: body.certificateNo,
        issuedAt: body.issuedAt,
        validUntil: body.validUntil ?? null,
      });
    });
  }

  recordDiploma(
    context: CommandContext,
    learnerId: string,
    body: RecordDiplomaDto,
  ): Promise<CommandResult<EntryView>> {
    return this.recordForLearner(context, learnerId, body, async (manager) => {
      const program = await this.catalog.program(manager, body.programId);
      if (!program || !this.ownsInstitution(context.principal, program.institutionId)) {
        throw new ProgramNotFoundError();
      }
      await this.writer.lockLearner(manager, learnerId);
      return this.writer.insert(manager, context.principal, {
        learnerId,
        kind: 'DIPLOMA',
        institutionId: program.institutionId,
        programId: program.id,
        diplomaNo: body.diplomaNo,
        graduatedAt: body.graduatedAt,
      });
    });
  }

  private ownsInstitution(principal: Principal, institutionId: string): boolean {
    return principal.role === Role.REGISTRAR && principal.institutionId === institutionId;
  }

  private async standingPassingCredit(
    manager: EntityManager,
    learnerId: string,
    courseId: string,
  ): Promise<string | null> {
    const rows: { id: string }[] = await manager.query(
      `SELECT e.id FROM ledger_entries e
       WHERE e.learner_id = $1 AND e.course_id = $2 AND e.kind = 'COURSE_CREDIT' AND e.passed
         AND ledger_entry_stands(e.id)
       LIMIT 1`,
      [learnerId, courseId],
    );
    return rows[0]?.id ?? null;
  }

  /** One entry for an existing learner, written by `effect` in the command's transaction. */
  private recordForLearner(
    context: CommandContext,
    learnerId: string,
    body: object,
    effect: (manager: EntityManager) => Promise<LedgerEntryEntity>,
  ): Promise<CommandResult<EntryView>> {
    return this.commands.run(context, body, async (manager) => {
      if (!(await this.learners.exists(manager, learnerId))) throw new LearnerNotFoundError();
      return toEntryView(await effect(manager));
    });
  }
}
