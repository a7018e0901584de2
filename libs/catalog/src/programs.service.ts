import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { isUniqueViolation, Principal, ValidationFailedError } from '@app/core';
import { actorOf, OutboxWriter } from '@app/outbox';
import { formatCredits, toHundredths } from './catalog-decimals';
import { guardDetail, sentFields } from './catalog-patch';
import { canEditInstitution } from './catalog-scope';
import { AUDITED_PROGRAMS } from './catalog-states';
import {
  InstitutionNotFoundError,
  ProgramCapBelowExemptedError,
  ProgramCodeTakenError,
  ProgramNotFoundError,
} from './catalog.errors';
import { CreateProgramDto, ProgramDto, ProgramListDto, UpdateProgramDto } from './dto/program.dto';
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

  /**
   * Corrects the name, totalCredits or maxExemptCredits (ADMIN, or the school's REGISTRAR;
   * another school's registrar is told the institution does not exist). maxExemptCredits stays at
   * most totalCredits (422) and never drops below what a learner already has exempted in the
   * program (409; the database's programs_cap_guard checks it under the row lock, after every
   * exemption in flight, which share-locks the program, has committed). Fields sent with the
   * value they already have change nothing and write no event.
   */
  async update(
    principal: Principal,
    institutionId: string,
    programId: string,
    input: UpdateProgramDto,
  ): Promise<ProgramDto> {
    const sent = sentFields(input, ['name', 'totalCredits', 'maxExemptCredits'] as const);
    return this.dataSource.transaction(async (manager) => {
      if (!canEditInstitution(principal, institutionId)) throw new InstitutionNotFoundError();
      const repository = manager.getRepository(ProgramEntity);
      const row = await repository.findOne({
        where: { id: programId, institutionId },
        lock: { mode: 'for_no_key_update' },
      });
      if (!row) throw new ProgramNotFoundError();
      const now = {
        name: row.name,
        totalCredits: formatCredits(row.totalCredits),
        maxExemptCredits: formatCredits(row.maxExemptCredits),
      };
      const next = {
        name: input.name ?? now.name,
        totalCredits: formatCredits(input.totalCredits ?? now.totalCredits),
        maxExemptCredits: formatCredits(input.maxExemptCredits ?? now.maxExemptCredits),
      };
      if (toHundredths(next.maxExemptCredits) > toHundredths(next.totalCredits)) {
        const field = sent.includes('maxExemptCredits') ? 'maxExemptCredits' : 'totalCredits';
        throw new ValidationFailedError([
          {
            field,
            message: `maxExemptCredits (${next.maxExemptCredits}) must not exceed totalCredits (${next.totalCredits})`,
          },
        ]);
      }
      const changed = sent.filter((field) => next[field] !== now[field]);
      if (changed.length === 0) return toView(row);
      try {
        await repository.update(
          { id: programId },
          Object.fromEntries(changed.map((field) => [field, next[field]])),
        );
      } catch (error) {
        if (isUniqueViolation(error, 'programs_cap_below_exempted'))
          throw new ProgramCapBelowExemptedError(formatCredits(guardDetail(error)));
        throw error;
      }
      await this.outbox.append(manager, {
        type: 'catalog.program.changed',
        learnerId: null,
        actor: actorOf(principal),
        changes: await AUDITED_PROGRAMS.changes(manager, [programId]),
        details: { fields: changed },
      });
      return toView(await repository.findOneOrFail({ where: { id: programId } }));
    });
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
