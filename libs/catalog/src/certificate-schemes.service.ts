import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager, In } from 'typeorm';
import { FieldError, isUniqueViolation, Principal, ValidationFailedError } from '@app/core';
import { actorOf, OutboxWriter } from '@app/outbox';
import { formatCredits } from './catalog-decimals';
import { canEditBody } from './catalog-scope';
import { AUDITED_CERTIFICATE_SCHEMES } from './catalog-states';
import {
  SchemeNotFoundError,
  CertificationBodyNotFoundError,
  SchemeCodeTakenError,
} from './catalog.errors';
import {
  CertificateSchemeDto,
  CertificateSchemeListDto,
  CreateCertificateSchemeDto,
  SchemeQueryDto,
} from './dto/certificate-scheme.dto';
import { CertificateSchemeEntity } from './entities/certificate-scheme.entity';
import { CertificationBodyEntity } from './entities/certification-body.entity';
import { LevelComponentEntity } from './entities/level-component.entity';
import { LEVELS, SchemeLevelEntity } from './entities/scheme-level.entity';

/** The three levels each once, and component codes unique within each level. */
export function schemeShapeErrors(input: CreateCertificateSchemeDto): FieldError[] {
  const errors: FieldError[] = [];
  const given = input.levels.map((level) => level.level);
  if (given.length !== LEVELS.length || LEVELS.some((level) => !given.includes(level))) {
    errors.push({
      field: 'levels',
      message: 'levels must be JUNIOR, INTERMEDIATE and SENIOR, each once',
    });
  }
  input.levels.forEach((level, index) => {
    const codes = level.components.map((component) => component.code);
    if (new Set(codes).size !== codes.length) {
      errors.push({
        field: `levels.${index}.components`,
        message: 'component codes must be unique within a level',
      });
    }
  });
  return errors;
}

/**
 * 职业技能等级证书 with their levels and exam components. ADMIN or an EXAMINER of the scheme's
 * body creates one, with its levels and components, in one transaction; every signed-in caller
 * reads them (learners and schools need to know what a certificate is worth).
 */
@Injectable()
export class CertificateSchemesService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: OutboxWriter,
  ) {}

  create(principal: Principal, input: CreateCertificateSchemeDto): Promise<CertificateSchemeDto> {
    return this.dataSource.transaction((manager) => this.createIn(manager, principal, input));
  }

  /** The scheme, its levels and components, and its audit event, in the caller's transaction. */
  async createIn(
    manager: EntityManager,
    principal: Principal,
    input: CreateCertificateSchemeDto,
  ): Promise<CertificateSchemeDto> {
    if (!canEditBody(principal, input.certificationBodyId))
      throw new CertificationBodyNotFoundError();
    const errors = schemeShapeErrors(input);
    if (errors.length) throw new ValidationFailedError(errors);
    if (
      !(await manager
        .getRepository(CertificationBodyEntity)
        .exists({ where: { id: input.certificationBodyId } }))
    ) {
      throw new CertificationBodyNotFoundError();
    }
    const schemeId = randomUUID();
    try {
      await manager.getRepository(CertificateSchemeEntity).insert({
        id: schemeId,
        code: input.code,
        name: input.name,
        certificationBodyId: input.certificationBodyId,
      });
    } catch (error) {
      if (isUniqueViolation(error, 'certificate_schemes_code_key'))
        throw new SchemeCodeTakenError(input.code);
      throw error;
    }
    const levels = input.levels.map((level) => ({
      id: randomUUID(),
      schemeId,
      level: level.level,
      recognisedCredits: formatCredits(level.recognisedCredits),
    }));
    await manager.getRepository(SchemeLevelEntity).insert(levels);
    await manager.getRepository(LevelComponentEntity).insert(
      input.levels.flatMap((level, index) =>
        level.components.map((component) => ({
          schemeLevelId: levels[index].id,
          code: component.code,
          name: component.name,
        })),
      ),
    );
    await this.outbox.append(manager, {
      type: 'catalog.certificate_scheme.created',
      learnerId: null,
      actor: actorOf(principal),
      changes: await AUDITED_CERTIFICATE_SCHEMES.changes(manager, [schemeId]),
      details: {},
    });
    return (await this.load(manager, { ids: [schemeId] }))[0];
  }

  async list(
    query: SchemeQueryDto = {},
    manager: EntityManager = this.dataSource.manager,
  ): Promise<CertificateSchemeListDto> {
    const items = await this.load(manager, { certificationBodyId: query.certificationBodyId });
    return { items, total: items.length };
  }

  async get(
    id: string,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<CertificateSchemeDto> {
    const [scheme] = await this.load(manager, { ids: [id] });
    if (!scheme) throw new SchemeNotFoundError();
    return scheme;
  }

  /** Schemes with levels and components in three queries, whatever the number of schemes. */
  private async load(
    manager: EntityManager,
    filter: { ids?: string[]; certificationBodyId?: string },
  ): Promise<CertificateSchemeDto[]> {
    const where = {
      ...(filter.ids ? { id: In(filter.ids) } : {}),
      ...(filter.certificationBodyId ? { certificationBodyId: filter.certificationBodyId } : {}),
    };
    const schemes = await manager
      .getRepository(CertificateSchemeEntity)
      .find({ where, order: { code: 'ASC' } });
    if (schemes.length === 0) return [];
    const levels = await manager
      .getRepository(SchemeLevelEntity)
      .find({ where: { schemeId: In(schemes.map((scheme) => scheme.id)) } });
    const components = levels.length
      ? await manager.getRepository(LevelComponentEntity).find({
          where: { schemeLevelId: In(levels.map((level) => level.id)) },
          order: { code: 'ASC' },
        })
      : [];
    return schemes.map((scheme) => ({
      id: scheme.id,
      code: scheme.code,
      name: scheme.name,
      certificationBodyId: scheme.certificationBodyId,
      levels: levels
        .filter((level) => level.schemeId === scheme.id)
        .sort((a, b) => LEVELS.indexOf(a.level) - LEVELS.indexOf(b.level))
        .map((level) => ({
          level: level.level,
          recognisedCredits: formatCredits(level.recognisedCredits),
          components: components
            .filter((component) => component.schemeLevelId === level.id)
            .map((component) => ({ code: component.code, name: component.name })),
        })),
      createdAt: scheme.createdAt.toISOString(),
    }));
  }
}
