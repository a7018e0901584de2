import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { isUniqueViolation, Principal } from '@app/core';
import { actorOf, OutboxWriter } from '@app/outbox';
import { AUDITED_CERTIFICATION_BODIES } from './catalog-states';
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
  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: OutboxWriter,
  ) {}

  create(principal: Principal, input: CreateCertificationBodyDto): Promise<CertificationBodyDto> {
    return this.dataSource.transaction((manager) => this.createIn(manager, principal, input));
  }

  /** The body and its audit event, in the caller's transaction (the demo seed's). */
  async createIn(
    manager: EntityManager,
    principal: Principal,
    input: CreateCertificationBodyDto,
  ): Promise<CertificationBodyDto> {
    const repository = manager.getRepository(CertificationBodyEntity);
    let saved: CertificationBodyEntity;
    try {
      saved = await repository.save(repository.create({ code: input.code, name: input.name }));
    } catch (error) {
      if (isUniqueViolation(error, 'certification_bodies_code_key'))
        throw new CertificationBodyCodeTakenError(input.code);
      throw error;
    }
    await this.outbox.append(manager, {
      type: 'catalog.certification_body.created',
      learnerId: null,
      actor: actorOf(principal),
      changes: await AUDITED_CERTIFICATION_BODIES.changes(manager, [saved.id]),
      details: {},
    });
    return toView(saved);
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
