import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { isUniqueViolation, Principal, ValidationFailedError } from '@app/core';
import { actorOf, OutboxWriter } from '@app/outbox';
import { formatCredits, toHundredths } from './catalog-decimals';
import { canEditInstitution } from './catalog-scope';
import { AUDITED_PROGRAMS } from './catalog-states';
import { InstitutionNotFoundError, ProgramCodeTakenError } from './catalog.errors';
import { CreateProgramDto, ProgramDto, ProgramListDto } from './dto/program.dto';
import { InstitutionEntity } from './entities/institution.entity';
import { ProgramEntity } from './entities/program.entity';

function toView(row: ProgramEntity): ProgramDto {
  return {
    id: row.id,
    institutionId: row.institutionId,
    code: row.code,
    name: row.name,
    totalCredits: formatCredits(row.totalCredits),
    maxExemptCredits: formatCredits(row.maxExemptCredits),
    createdAt: row.createdAt.toISOString(),
  };
}

/**
 * 专业 of a school. ADMIN or the school's own REGISTRAR writes; another school's registrar is told
 * the institution does not exist. Reads are open to every signed-in caller (see CoursesService).
 */
@Injectable()
export class ProgramsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: OutboxWriter,
  ) {}

  create(
    principal: Principal,
    institutionId: string,
    input: CreateProgramDto,
  ): Promise<ProgramDto> {
    return this.dataSource.transaction((manager) =>
      this.createIn(manager, principal, institutionId, input),
    );
  }

  /** The program and its audit event, in the caller's transaction (the demo seed's). */
  async createIn(
    manager: EntityManager,
    principal: Principal,
    institutionId: string,
    input: CreateProgramDto,
  ): Promise<ProgramDto> {
    if (!canEditInstitution(principal, institutionId)) throw new InstitutionNotFoundError();
    if (
      !(await manager.getRepository(InstitutionEntity).exists({ where: { id: institutionId } }))
    ) {
      throw new InstitutionNotFoundError();
    }
    if (toHundredths(input.maxExemptCredits) > toHundredths(input.totalCredits)) {
      throw new ValidationFailedError([
        { field: 'maxExemptCredits', message: 'maxExemptCredits must not exceed totalCredits' },
      ]);
    }
    const repository = manager.getRepository(ProgramEntity);
    let saved: ProgramEntity;
    try {
      saved = await repository.save(
        repository.create({
          institutionId,
          code: input.code,
          name: input.name,
          totalCredits: formatCredits(input.totalCredits),
          maxExemptCredits: formatCredits(input.maxExemptCredits),
        }),
      );
    } catch (error) {
      if (isUniqueViolation(error, 'programs_institution_code_key'))
        throw new ProgramCodeTakenError(input.code);
      throw error;
    }
    await this.outbox.append(manager, {
      type: 'catalog.program.created',
      learnerId: null,
      actor: actorOf(principal),
      changes: await AUDITED_PROGRAMS.changes(manager, [saved.id]),
      details: {},
    });
    return toView(saved);
  }

  async list(
    institutionId: string,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<ProgramListDto> {
    if (
      !(await manager.getRepository(InstitutionEntity).exists({ where: { id: institutionId } }))
    ) {
      throw new InstitutionNotFoundError();
    }
    const rows = await manager
      .getRepository(ProgramEntity)
      .find({ where: { institutionId }, order: { code: 'ASC' } });
    return { items: rows.map(toView), total: rows.length };
  }
}
