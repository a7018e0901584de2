import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager, FindOptionsWhere } from 'typeorm';
import { isUniqueViolation, Principal, ValidationFailedError } from '@app/core';
import { actorOf, OutboxWriter } from '@app/outbox';
import { formatCredits } from './catalog-decimals';
import { guardDetail, sentFields } from './catalog-patch';
import { canEditInstitution } from './catalog-scope';
import { AUDITED_COURSES } from './catalog-states';
import {
  CourseCodeTakenError,
  CourseCreditsRecordedError,
  CourseNotFoundError,
  InstitutionNotFoundError,
} from './catalog.errors';
import {
  CourseDto,
  CourseListDto,
  CourseQueryDto,
  CreateCourseDto,
  UpdateCourseDto,
} from './dto/course.dto';
import { CourseEntity } from './entities/course.entity';
import { InstitutionEntity } from './entities/institution.entity';
import { ProgramEntity } from './entities/program.entity';

function toView(row: CourseEntity): CourseDto {
  return {
    id: row.id,
    institutionId: row.institutionId,
    programId: row.programId,
    code: row.code,
    name: row.name,
    credits: formatCredits(row.credits),
    hours: row.hours,
    category: row.category,
    createdAt: row.createdAt.toISOString(),
  };
}

/**
 * Courses of a school. ADMIN or the school's own REGISTRAR writes. Reads are open to every
 * signed-in caller, not only the school: examiners write 免试 rules that name schools' courses,
 * other schools' registrars write 学分互认 rules that name them, and learners apply for
 * exemptions from them. A school's course list is public information (its 培养方案).
 */
@Injectable()
export class CoursesService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: OutboxWriter,
  ) {}

  create(principal: Principal, institutionId: string, input: CreateCourseDto): Promise<CourseDto> {
    return this.dataSource.transaction((manager) =>
      this.createIn(manager, principal, institutionId, input),
    );
  }

  /** The course and its audit event, in the caller's transaction (the demo seed's). */
  async createIn(
    manager: EntityManager,
    principal: Principal,
    institutionId: string,
    input: CreateCourseDto,
  ): Promise<CourseDto> {
    if (!canEditInstitution(principal, institutionId)) throw new InstitutionNotFoundError();
    if (
      !(await manager.getRepository(InstitutionEntity).exists({ where: { id: institutionId } }))
    ) {
      throw new InstitutionNotFoundError();
    }
    // Programs are never deleted, so checking before the insert cannot be raced.
    if (
      input.programId !== undefined &&
      !(await manager
        .getRepository(ProgramEntity)
        .exists({ where: { id: input.programId, institutionId } }))
    ) {
      throw new ValidationFailedError([
        { field: 'programId', message: 'programId must name a program of this institution' },
      ]);
    }
    const repository = manager.getRepository(CourseEntity);
    let saved: CourseEntity;
    try {
      saved = await repository.save(
        repository.create({
          institutionId,
          programId: input.programId ?? null,
          code: input.code,
          name: input.name,
          credits: formatCredits(input.credits),
          hours: input.hours,
          category: input.category,
        }),
      );
    } catch (error) {
      if (isUniqueViolation(error, 'courses_institution_code_key'))
        throw new CourseCodeTakenError(input.code);
      throw error;
    }
    await this.outbox.append(manager, {
      type: 'catalog.course.created',
      learnerId: null,
      actor: actorOf(principal),
      changes: await AUDITED_COURSES.changes(manager, [saved.id]),
      details: {},
    });
    return toView(saved);
  }

  /**
   * Corrects the name, hours, category, credits or program (ADMIN, or the school's REGISTRAR;
   * another school's registrar is told the institution does not exist). Credits and program
   * are frozen once a ledger entry names the course: the database's courses_recorded_guard
   * refuses the change (409) under the row lock, which waits for every recording in flight (each
   * share-locks the course it names). Category and hours are descriptive: no rule or entry reads
   * them, so they stay correctable. Fields sent with the value they already have change nothing
   * and write no event.
   */
  async update(
    principal: Principal,
    institutionId: string,
    courseId: string,
    input: UpdateCourseDto,
  ): Promise<CourseDto> {
    const sent = sentFields(input, ['name', 'credits', 'hours', 'category', 'programId'] as const);
    return this.dataSource.transaction(async (manager) => {
      if (!canEditInstitution(principal, institutionId)) throw new InstitutionNotFoundError();
      const repository = manager.getRepository(CourseEntity);
      const row = await repository.findOne({
        where: { id: courseId, institutionId },
        lock: { mode: 'for_no_key_update' },
      });
      if (!row) throw new CourseNotFoundError();
      const now = {
        name: row.name,
        credits: formatCredits(row.credits),
        hours: row.hours,
        category: row.category,
        programId: row.programId,
      };
      const next = {
        name: input.name ?? now.name,
        credits: formatCredits(input.credits ?? now.credits),
        hours: input.hours ?? now.hours,
        category: input.category ?? now.category,
        // uuid text as PostgreSQL prints it, so that an upper-case id is no change.
        programId:
          input.programId === undefined ? now.programId : (input.programId?.toLowerCase() ?? null),
      };
      const changed = sent.filter((field) => next[field] !== now[field]);
      if (changed.length === 0) return toView(row);
      // Programs are never deleted, so checking before the update cannot be raced.
      if (
        changed.includes('programId') &&
        next.programId !== null &&
        !(await manager
          .getRepository(ProgramEntity)
          .exists({ where: { id: next.programId, institutionId } }))
      ) {
        throw new ValidationFailedError([
          { field: 'programId', message: 'programId must name a program of this institution' },
        ]);
      }
      try {
        await repository.update(
          { id: courseId },
          Object.fromEntries(changed.map((field) => [field, next[field]])),
        );
      } catch (error) {
        if (isUniqueViolation(error, 'courses_credits_recorded'))
          throw new CourseCreditsRecordedError(Number(guardDetail(error)));
        throw error;
      }
      await this.outbox.append(manager, {
        type: 'catalog.course.changed',
        learnerId: null,
        actor: actorOf(principal),
        changes: await AUDITED_COURSES.changes(manager, [courseId]),
        details: { fields: changed },
      });
      return toView(await repository.findOneOrFail({ where: { id: courseId } }));
    });
  }

  async list(
    institutionId: string,
    query: CourseQueryDto = {},
    manager: EntityManager = this.dataSource.manager,
  ): Promise<CourseListDto> {
    if (
      !(await manager.getRepository(InstitutionEntity).exists({ where: { id: institutionId } }))
    ) {
      throw new InstitutionNotFoundError();
    }
    const where: FindOptionsWhere<CourseEntity> = { institutionId };
    if (query.programId !== undefined) where.programId = query.programId;
    if (query.category !== undefined) where.category = query.category;
    const rows = await manager.getRepository(CourseEntity).find({ where, order: { code: 'ASC' } });
    return { items: rows.map(toView), total: rows.length };
  }
}
