import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { Principal, Role } from '@app/core';
import { CatalogLookup, Level, LEVEL_NAMES, SchemeNotFoundError } from '@app/catalog';
import { actorOf, OutboxWriter } from '@app/outbox';
import { LearnerAccess } from './access/learner-access.service';
import {
  CreateExamRegistrationDto,
  ExamRegistrationDto,
  ExamRegistrationListDto,
} from './dto/exam-registration.dto';
import { ExamRegistrationEntity } from './entities/exam-registration.entity';
import { EnrolmentsService } from './enrolments.service';

import { AUDITED_EXAM_REGISTRATIONS } from './relationship-states';
import {
  AlreadyRegisteredError,
  LevelNotOfferedError,
  NotRegisteredError,
} from './relationships.errors';

/**
 * 考核报名: the body's examiner registers a learner for one level of a scheme's exam in a
 * session. The registration lets the body reach the learner and record the certificate.
 */
@Injectable()
export class ExamRegistrationsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly catalog: CatalogLookup,
    private readonly enrolments: EnrolmentsService,
    private readonly access: LearnerAccess,
    private readonly outbox: OutboxWriter,
  ) {}

  register(
    principal: Principal,
    learnerId: string,
    input: CreateExamRegistrationDto,
  ): Promise<ExamRegistrationDto> {
    return this.dataSource.transaction((manager) =>
      this.registerIn(manager, principal, learnerId, input),
    );
  }

  async registerIn(
    manager: EntityManager,
    principal: Principal,
    learnerId: string,
    input: CreateExamRegistrationDto,
  ): Promise<ExamRegistrationDto> {
    const scheme = await this.catalog.schemeNamed(manager, input);
    const owns =
      scheme !== null &&
      (principal.role === Role.ADMIN ||
        (principal.role === Role.EXAMINER &&
          principal.certificationBodyId === scheme.certificationBodyId));
    if (!scheme || !owns) throw new SchemeNotFoundError(input.schemeCode);
    if (!scheme.levels.some((level) => level.level === input.level))
      throw new LevelNotOfferedError(input.level);
    await this.enrolments.assertKnowsLearner(manager, principal, learnerId, input.idNumber);
    const repository = manager.getRepository(ExamRegistrationEntity);
    // ON CONFLICT rather than catching the unique violation, which would abort the transaction
    // before the existing registration could be named.
    const inserted = await repository
      .createQueryBuilder()
      .insert()
      .values({
        learnerId,
        schemeId: scheme.id,
        certificationBodyId: scheme.certificationBodyId,
        level: input.level,
        session: input.session,
        createdBy: principal.userId,
      })
      .orIgnore()
      .returning(['id'])
      .execute();
    const savedId = (inserted.raw as { id: string }[])[0]?.id;
    if (!savedId) {
      const existing = await repository.findOneByOrFail({
        learnerId,
        schemeId: scheme.id,
        level: input.level,
        session: input.session,
      });
      throw new AlreadyRegisteredError(existing.id);
    }
    const saved = await repository.findOneByOrFail({ id: savedId });
    await this.outbox.append(manager, {
      type: 'exam_registration.created',
      learnerId,
      actor: actorOf(principal),
      changes: await AUDITED_EXAM_REGISTRATIONS.changes(manager, [saved.id]),
      details: {},
    });
    return (await this.views(manager, [saved]))[0];
  }

  /** The learner's exam registrations, newest first (the caller must reach the learner). */
  async forLearner(principal: Principal, learnerId: string): Promise<ExamRegistrationListDto> {
    await this.access.read(principal, learnerId, 'EXAM_REGISTRATIONS');
    const manager = this.dataSource.manager;
    const rows = await manager
      .getRepository(ExamRegistrationEntity)
      .find({ where: { learnerId }, order: { createdAt: 'DESC' } });
    const items = await this.views(manager, rows);
    return { items, total: items.length };
  }

  /**
   * Refuses (422 RELATIONSHIPS.NOT_REGISTERED) unless the learner is registered for this level
   * of the scheme's exam, in any session.
   */
  async assertRegistered(
    manager: EntityManager,
    learnerId: string,
    schemeId: string,
    level: string,
  ): Promise<void> {
    const registered = await manager
      .getRepository(ExamRegistrationEntity)
      .exists({ where: { learnerId, schemeId, level } });
    if (!registered) throw new NotRegisteredError(level);
  }

  private async views(
    manager: EntityManager,
    rows: ExamRegistrationEntity[],
  ): Promise<ExamRegistrationDto[]> {
    const names = await this.catalog.names(
      manager,
      rows.flatMap((row) => [row.schemeId, row.certificationBodyId]),
    );
    return rows.map((row) => ({
      id: row.id,
      learnerId: row.learnerId,
      scheme: {
        id: row.schemeId,
        code: names.get(row.schemeId)?.code ?? '',
        name: names.get(row.schemeId)?.name ?? '',
      },
      certificationBody: {
        id: row.certificationBodyId,
        name: names.get(row.certificationBodyId)?.name ?? '',
      },
      level: row.level,
      levelName: LEVEL_NAMES[row.level as Level] ?? row.level,
      session: row.session,
      createdAt: row.createdAt.toISOString(),
    }));
  }
}
