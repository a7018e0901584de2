import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { CertificateSchemeEntity } from './entities/certificate-scheme.entity';
import { CourseEntity } from './entities/course.entity';
import { LevelComponentEntity } from './entities/level-component.entity';
import { ProgramEntity } from './entities/program.entity';
import { Level, SchemeLevelEntity } from './entities/scheme-level.entity';

export interface CourseFacts {
  id: string;
  institutionId: string;
  programId: string | null;
  code: string;
  name: string;
  credits: string;
  category: string;
}

export interface ProgramFacts {
  id: string;
  institutionId: string;
  code: string;
  name: string;
  totalCredits: string;
  maxExemptCredits: string;
}

export interface SchemeLevelFacts {
  level: Level;
  recognisedCredits: string;
  components: { code: string; name: string }[];
}

export interface SchemeFacts {
  id: string;
  code: string;
  name: string;
  certificationBodyId: string;
  levels: SchemeLevelFacts[];
}

/**
 * Read-only facts about the catalog for the areas that build on it (ledger, conversion). Every
 * method takes the caller's EntityManager so it runs inside the caller's transaction.
 */
@Injectable()
export class CatalogLookup {
  async course(manager: EntityManager, id: string): Promise<CourseFacts | null> {
    const course = await manager.getRepository(CourseEntity).findOne({ where: { id } });
    return course
      ? {
          id: course.id,
          institutionId: course.institutionId,
          programId: course.programId,
          code: course.code,
          name: course.name,
          credits: course.credits,
          category: course.category,
        }
      : null;
  }

  async courses(manager: EntityManager, ids: string[]): Promise<CourseFacts[]> {
    if (ids.length === 0) return [];
    const rows = await manager
      .getRepository(CourseEntity)
      .createQueryBuilder('c')
      .where('c.id IN (:...ids)', { ids })
      .getMany();
    return rows.map((course) => ({
      id: course.id,
      institutionId: course.institutionId,
      programId: course.programId,
      code: course.code,
      name: course.name,
      credits: course.credits,
      category: course.category,
    }));
  }

  async program(manager: EntityManager, id: string): Promise<ProgramFacts | null> {
    const program = await manager.getRepository(ProgramEntity).findOne({ where: { id } });
    return program
      ? {
          id: program.id,
          institutionId: program.institutionId,
          code: program.code,
          name: program.name,
          totalCredits: program.totalCredits,
          maxExemptCredits: program.maxExemptCredits,
        }
      : null;
  }

  async scheme(manager: EntityManager, id: string): Promise<SchemeFacts | null> {
    const scheme = await manager.getRepository(CertificateSchemeEntity).findOne({ where: { id } });
    if (!scheme) return null;
    const levels = await manager.getRepository(SchemeLevelEntity).find({ where: { schemeId: id } });
    const components = levels.length
      ? await manager
          .getRepository(LevelComponentEntity)
          .createQueryBuilder('c')
          .where('c.scheme_level_id IN (:...ids)', { ids: levels.map((level) => level.id) })
          .orderBy('c.code')
          .getMany()
      : [];
    const order = ['JUNIOR', 'INTERMEDIATE', 'SENIOR'];
    return {
      id: scheme.id,
      code: scheme.code,
      name: scheme.name,
      certificationBodyId: scheme.certificationBodyId,
      levels: levels
        .sort((a, b) => order.indexOf(a.level) - order.indexOf(b.level))
        .map((level) => ({
          level: level.level,
          recognisedCredits: level.recognisedCredits,
          components: components
            .filter((component) => component.schemeLevelId === level.id)
            .map((component) => ({ code: component.code, name: component.name })),
        })),
    };
  }
}
