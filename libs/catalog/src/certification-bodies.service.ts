import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { isUniqueViolation } from '@app/core';
import { CertificationBodyCodeTakenError } from './catalog.errors';
import {
  CertificationBodyDto,
  CertificationBodyListDto,
  CreateCertificationBodyDto,
} from './dto/certification-body.dto';
import { CertificationBodyEntity } from './entities/certification-body.entity';

function toView(row: CertificationBodyEntity): CertificationBodyDto {
  return { id: row.id, code: row.code, name: row.name, createdAt: row.createdAt.toISOString() };
}

/** 培训评价组织 (ADMIN creates them); readable by every signed-in caller. */
@Injectable()
export class CertificationBodiesService {
  constructor(private readonly dataSource: DataSource) {}

  async create(
    input: CreateCertificationBodyDto,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<CertificationBodyDto> {
    const repository = manager.getRepository(CertificationBodyEntity);
    try {
      return toView(
        await repository.save(repository.create({ code: input.code, name: input.name })),
      );
    } catch (error) {
      if (isUniqueViolation(error, 'certification_bodies_code_key'))
        throw new CertificationBodyCodeTakenError(input.code);
      throw error;
    }
  }

  async list(manager: EntityManager = this.dataSource.manager): Promise<CertificationBodyListDto> {
    const rows = await manager
      .getRepository(CertificationBodyEntity)
      .find({ order: { code: 'ASC' } });
    return { items: rows.map(toView), total: rows.length };
  }

  async exists(id: string, manager: EntityManager = this.dataSource.manager): Promise<boolean> {
    return manager.getRepository(CertificationBodyEntity).exists({ where: { id } });
  }
}
