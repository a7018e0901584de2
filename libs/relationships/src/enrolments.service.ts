import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { Principal, Role, ValidationFailedError } from '@app/core';
import { LearnerNotFoundError, LearnersService } from '@app/accounts';
import { CatalogLookup, InstitutionNotFoundError, ProgramNotFoundError } from '@app/catalog';
import { actorOf, OutboxWriter } from '@app/outbox';
import { LearnerAccess } from './access/learner-access.service';
import {
  CreateEnrolmentDto,
  EndEnrolmentDto,
  EnrolmentDto,
  EnrolmentListDto,
} from './dto/enrolment.dto';
import { EnrolmentEntity } from './entities/enrolment.entity';
import { AUDITED_ENROLMENTS } from './relationship-states';
import {
  AlreadyEnrolledError,
  EnrolmentEndedError,
  EnrolmentNotFoundError,
  NotEnrolledError,
  StudentNumberTakenError,
} from './relationships.errors';

/**
 * 学籍: a registrar enrols a learner in one of the school's programs, and ends the enrolment
 * when they graduate, withdraw or transfer. Enrolling needs the school to know the learner
 * already (it opened the account, or holds another relationship) or the learner's identity
 * number in the request: holding an account's id is not enough.
 */
@Injectable()
export class EnrolmentsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly catalog: CatalogLookup,
    private readonly learners: LearnersService,
    private readonly access: LearnerAccess,
    private readonly outbox: OutboxWriter,
  ) {}

  enrol(principal: Principal, learnerId: string, input: CreateEnrolmentDto): Promise<EnrolmentDto> {
    return this.dataSource.transaction((manager) =>
      this.enrolIn(manager, principal, learnerId, input),
    );
  }

  /** The enrolment and its audit event, in the caller's transaction (the demo seed's). */
  async enrolIn(
    manager: EntityManager,
    principal: Principal,
    learnerId: string,
    input: CreateEnrolmentDto,
  ): Promise<EnrolmentDto> {
    const program = await this.catalog.programNamed(manager, principal.institutionId, input);
    if (!program || !this.ownsInstitution(principal, program.institutionId))
      throw new ProgramNotFoundError(input.programCode);
    await this.assertKnowsLearner(manager, principal, learnerId, input.idNumber);
    const repository = manager.getRepository(EnrolmentEntity);
    // ON CONFLICT rather than catching the unique violation, which would abort the transaction
    // before the enrolment in the way could be named.
    const inserted = await repository
      .createQueryBuilder()
      .insert()
      .values({
        learnerId,
        institutionId: program.institutionId,
        programId: program.id,
        studentNo: input.studentNo,
        category: input.category,
        status: 'ACTIVE',
        startedAt: input.startedAt,
        endedAt: null,
        createdBy: principal.userId,
      })
      .orIgnore()
      .returning(['id'])
      .execute();
    const savedId = (inserted.raw as { id: string }[])[0]?.id;
    if (!savedId) {
      const taken = await repository.findOneBy({
        institutionId: program.institutionId,
        studentNo: input.studentNo,
      });
      if (taken) throw new StudentNumberTakenError(input.studentNo, taken.id);
      const active = await repository.findOneByOrFail({
        learnerId,
        programId: program.id,
        status: 'ACTIVE',
      });
      throw new AlreadyEnrolledError(active.id);
    }
    const saved = await repository.findOneByOrFail({ id: savedId });
    await this.outbox.append(manager, {
      type: 'enrolment.opened',
      learnerId,
      actor: actorOf(principal),
      changes: await AUDITED_ENROLMENTS.changes(manager, [saved.id]),
      details: {},
    });
    return (await this.views(manager, [saved]))[0];
  }

  /** Ends an active enrolment (its school's REGISTRAR, ADMIN). */
  end(principal: Principal, enrolmentId: string, input: EndEnrolmentDto): Promise<EnrolmentDto> {
    return this.dataSource.transaction((manager) =>
      this.endIn(manager, principal, enrolmentId, input),
    );
  }

  /** The end and its audit event, in the caller's transaction (the demo seed's). */
  async endIn(
    manager: EntityManager,
    principal: Principal,
    enrolmentId: string,
    input: EndEnrolmentDto,
  ): Promise<EnrolmentDto> {
    const repository = manager.getRepository(EnrolmentEntity);
    // Locked: a credit recorded against this enrolment holds a share lock on it meanwhile.
    const enrolment = await repository.findOne({
      where: { id: enrolmentId },
      lock: { mode: 'pessimistic_write' },
    });
    if (!enrolment || !this.ownsInstitution(principal, enrolment.institutionId))
      throw new EnrolmentNotFoundError();
    if (enrolment.status !== 'ACTIVE') throw new EnrolmentEndedError(enrolment.status);
    if (input.endedAt < enrolment.startedAt) {
      throw new ValidationFailedError([
        {
          field: 'endedAt',
          message: `endedAt must not be before the enrolment started (${enrolment.startedAt})`,
        },
      ]);
    }
    await repository.update({ id: enrolment.id }, { status: input.status, endedAt: input.endedAt });
    await this.outbox.append(manager, {
      type: 'enrolment.ended',
      learnerId: enrolment.learnerId,
      actor: actorOf(principal),
      changes: await AUDITED_ENROLMENTS.changes(manager, [enrolment.id]),
      details: { status: input.status },
    });
    const ended = await repository.findOneByOrFail({ id: enrolment.id });
    return (await this.views(manager, [ended]))[0];
  }

  /** The learner's enrolments, newest first (the caller must reach the learner). */
  async forLearner(principal: Principal, learnerId: string): Promise<EnrolmentListDto> {
    await this.access.read(principal, learnerId, 'ENROLMENTS');
    const manager = this.dataSource.manager;
    const rows = await manager
      .getRepository(EnrolmentEntity)
      .find({ where: { learnerId }, order: { startedAt: 'DESC', createdAt: 'DESC' } });
    const items = await this.views(manager, rows);
    return { items, total: items.length };
  }

  /**
   * Each learner's student number at a school (their newest enrolment there), keyed
   * `learnerId|institutionId`, in one query: what inboxes and rosters show beside a name.
   */
  async studentNumbers(
    manager: EntityManager,
    pairs: readonly { learnerId: string; institutionId: string }[],
  ): Promise<Map<string, string>> {
    if (pairs.length === 0) return new Map();
    const rows: { key: string; student_no: string }[] = await manager.query(
      `SELECT DISTINCT ON (e.learner_id, e.institution_id)
              e.learner_id::text || '|' || e.institution_id::text AS key, e.student_no
         FROM enrolments e
         JOIN unnest($1::uuid[], $2::uuid[]) AS wanted(learner_id, institution_id)
           ON wanted.learner_id = e.learner_id AND wanted.institution_id = e.institution_id
        ORDER BY e.learner_id, e.institution_id, (e.status = 'ACTIVE') DESC, e.started_at DESC`,
      [pairs.map((pair) => pair.learnerId), pairs.map((pair) => pair.institutionId)],
    );
    return new Map(rows.map((row) => [row.key, row.student_no]));
  }

  /**
   * Refuses (422 RELATIONSHIPS.NOT_ENROLLED) unless the learner was enrolled at the school on
   * `date` (in `programId`, when given), and holds a share lock on that enrolment until the
   * caller's transaction ends, so that it cannot be ended back past the date meanwhile.
   */
  async assertEnrolledOn(
    manager: EntityManager,
    learner: { learnerId: string; institutionId: string; programId?: string },
    date: string,
    field: string,
  ): Promise<void> {
    const rows: unknown[] = await manager.query(
      `SELECT 1 FROM enrolments
        WHERE learner_id = $1 AND institution_id = $2 AND ($3::uuid IS NULL OR program_id = $3::uuid)
          AND started_at <= $4::date AND (ended_at IS NULL OR ended_at >= $4::date)
        LIMIT 1 FOR SHARE`,
      [learner.learnerId, learner.institutionId, learner.programId ?? null, date],
    );
    if (rows.length === 0) throw new NotEnrolledError(field, date);
  }

  /**
   * The caller may enrol (or register) the learner: ADMIN always; staff who already reach the
   * learner; otherwise only with the learner's identity number, which must match.
   */
  async assertKnowsLearner(
    manager: EntityManager,
    principal: Principal,
    learnerId: string,
    idNumber: string | undefined,
  ): Promise<void> {
    if (principal.role === Role.ADMIN) {
      if (!(await this.access.reaches(principal, learnerId, manager)))
        throw new LearnerNotFoundError();
      return;
    }
    if (idNumber !== undefined) {
      if (!(await this.learners.identityMatches(manager, learnerId, idNumber)))
        throw new LearnerNotFoundError();
      return;
    }
    if (!(await this.access.reaches(principal, learnerId, manager)))
      throw new LearnerNotFoundError();
  }

  private ownsInstitution(principal: Principal, institutionId: string): boolean {
    if (principal.role === Role.ADMIN) return true;
    return principal.role === Role.REGISTRAR && principal.institutionId === institutionId;
  }

  private async views(manager: EntityManager, rows: EnrolmentEntity[]): Promise<EnrolmentDto[]> {
    const names = await this.catalog.names(
      manager,
      rows.flatMap((row) => [row.institutionId, row.programId]),
    );
    return rows.map((row) => {
      const institution = names.get(row.institutionId);
      const program = names.get(row.programId);
      if (!institution) throw new InstitutionNotFoundError();
      return {
        id: row.id,
        learnerId: row.learnerId,
        institution: { id: row.institutionId, code: institution.code, name: institution.name },
        program: { id: row.programId, code: program?.code ?? '', name: program?.name ?? '' },
        studentNo: row.studentNo,
        category: row.category,
        status: row.status,
        startedAt: row.startedAt,
        endedAt: row.endedAt,
        createdAt: row.createdAt.toISOString(),
      };
    });
  }
}
