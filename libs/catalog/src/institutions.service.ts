import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { isUniqueViolation, Principal } from '@app/core';
import { actorOf, OutboxWriter } from '@app/outbox';
import { sentFields } from './catalog-patch';
import { AUDITED_INSTITUTIONS } from './catalog-states';
import { InstitutionCodeTakenError, InstitutionNotFoundError } from './catalog.errors';
import {
  CreateInstitutionDto,
  InstitutionDto,
  InstitutionListDto,
  UpdateInstitutionDto,
} from './dto/institution.dto';
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
  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: OutboxWriter,
  ) {}

  create(principal: Principal, input: CreateInstitutionDto): Promise<InstitutionDto> {
    return this.dataSource.transaction((manager) => this.createIn(manager, principal, input));
  }

  /** The school and its audit event, in the caller's transaction (the demo seed's). */
  async createIn(
    manager: EntityManager,
    principal: Principal,
    input: CreateInstitutionDto,
  ): Promise<InstitutionDto> {
    const repository = manager.getRepository(InstitutionEntity);
    let saved: InstitutionEntity;
    try {
      saved = await repository.save(
        repository.create({ code: input.code, name: input.name, kind: input.kind }),
      );
    } catch (error) {
      if (isUniqueViolation(error, 'institutions_code_key'))
        throw new InstitutionCodeTakenError(input.code);
      throw error;
    }
    await this.outbox.append(manager, {
      type: 'catalog.institution.created',
      learnerId: null,
      actor: actorOf(principal),
      changes: await AUDITED_INSTITUTIONS.changes(manager, [saved.id]),
      details: {},
    });
    return toInstitutionView(saved);
  }

  /**
   * Corrects the name or kind (ADMIN; the controller admits no one else). The row is locked for
   * the read and the write; the event lists the fields that changed, with the row as stored.
   * Fields sent with the value they already have change nothing and write no event.
   */
  async update(
    principal: Principal,
    id: string,
    input: UpdateInstitutionDto,
  ): Promise<InstitutionDto> {
    const sent = sentFields(input, ['name', 'kind'] as const);
    return this.dataSource.transaction(async (manager) => {
      const repository = manager.getRepository(InstitutionEntity);
      const row = await repository.findOne({ where: { id }, lock: { mode: 'for_no_key_update' } });
      if (!row) throw new InstitutionNotFoundError();
      const changed = sent.filter((field) => input[field] !== row[field]);
      if (changed.length === 0) return toInstitutionView(row);
      await repository.update({ id }, Object.fromEntries(changed.map((f) => [f, input[f]])));
      await this.outbox.append(manager, {
        type: 'catalog.institution.changed',
        learnerId: null,
        actor: actorOf(principal),
        changes: await AUDITED_INSTITUTIONS.changes(manager, [id]),
        details: { fields: changed },
      });
      return toInstitutionView(await repository.findOneOrFail({ where: { id } }));
    });
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
