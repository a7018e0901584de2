import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager, FindOptionsWhere } from 'typeorm';
import { isUniqueViolation, Principal, ValidationFailedError } from '@app/core';
import { actorOf, OutboxWriter } from '@app/outbox';
import { formatCredits } from './catalog-decimals';
import { canEditInstitution } from './catalog-scope';
import { AUDITED_COURSES } from './catalog-states';
import { CourseCodeTakenError, InstitutionNotFoundError } from './catalog.errors';
import { CourseDto, CourseListDto, CourseQueryDto, CreateCourseDto } from './dto/course.dto';
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
