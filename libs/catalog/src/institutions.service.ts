import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { isUniqueViolation } from '@app/core';
import { InstitutionCodeTakenError, InstitutionNotFoundError } from './catalog.errors';
import { CreateInstitutionDto, InstitutionDto, InstitutionListDto } from './dto/institution.dto';
import { InstitutionEntity } from './entities/institution.entity';

export function toInstitutionView(row: InstitutionEntity): InstitutionDto {
  return {
    id: row.id,
    code: row.code,
    name: row.name,
    kind: row.kind,
    createdAt: row.createdAt.toISOString(),
  };
}

/**
 * Schools (ADMIN creates them). Every read is open to any signed-in caller: which schools exist
 * is public, and every role needs their names next to credits and rules.
 */
@Injectable()
export class InstitutionsService {
  constructor(private readonly dataSource: DataSource) {}

  /** Pass `manager` to create inside the caller's transaction (the demo seed does). */
  async create(
    input: CreateInstitutionDto,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<InstitutionDto> {
    const repository = manager.getRepository(InstitutionEntity);
    try {
      const saved = await repository.save(
        repository.create({ code: input.code, name: input.name, kind: input.kind }),
      );
      return toInstitutionView(saved);
    } catch (error) {
      if (isUniqueViolation(error, 'institutions_code_key'))
        throw new InstitutionCodeTakenError(input.code);
      throw error;
    }
  }

  async list(manager: EntityManager = this.dataSource.manager): Promise<InstitutionListDto> {
    const rows = await manager.getRepository(InstitutionEntity).find({ order: { code: 'ASC' } });
    return { items: rows.map(toInstitutionView), total: rows.length };
  }

  async get(id: string, manager: EntityManager = this.dataSource.manager): Promise<InstitutionDto> {
    const row = await manager.getRepository(InstitutionEntity).findOne({ where: { id } });
    if (!row) throw new InstitutionNotFoundError();
    return toInstitutionView(row);
  }

  async exists(id: string, manager: EntityManager = this.dataSource.manager): Promise<boolean> {
    return manager.getRepository(InstitutionEntity).exists({ where: { id } });
  }
}
