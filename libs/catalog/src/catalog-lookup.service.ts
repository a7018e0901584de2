import { Injectable } from '@nestjs/common';
import { EntityManager, In } from 'typeorm';
import { COURSE_TARGETS_SQL, NAMES_SQL, RECOGNISED_CREDITS_SQL } from './catalog.queries';
import { CatalogRefIds, CatalogRefs, readCatalogRefs } from './catalog-refs';
import { CertificateSchemeEntity } from './entities/certificate-scheme.entity';
import { CertificationBodyEntity } from './entities/certification-body.entity';
import { CourseEntity } from './entities/course.entity';
import { InstitutionEntity } from './entities/institution.entity';
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

/** A course as a target of exemption: what an exemption of it is worth and what caps it. */
export interface CourseTarget {
  id: string;
  institutionId: string;
  credits: string;
  programId: string | null;
  /** Null when the course belongs to no program. */
  programMaxExemptCredits: string | null;
}

/** A catalog item's id beside the code people and files know it by. */
export interface CodedId {
  id: string;
  code: string;
}

export interface CatalogName {
  code: string;
  name: string;
}

function courseFacts(course: CourseEntity): CourseFacts {
  return {
    id: course.id,
    institutionId: course.institutionId,
    programId: course.programId,
    code: course.code,
    name: course.name,
    credits: course.credits,
    category: course.category,
  };
}

/**
 * Read-only facts about the catalog for the areas that build on it (ledger, conversion). Every
 * method takes the caller's EntityManager so it runs inside the caller's transaction.
 */
@Injectable()
export class CatalogLookup {
  async hasInstitutions(manager: EntityManager): Promise<boolean> {
    return manager.getRepository(InstitutionEntity).exists({});
  }

  /** Institutions by their codes (unique in the bank); unknown codes are left out. */
  institutionsByCode(manager: EntityManager, codes: readonly string[]): Promise<CodedId[]> {
    return manager
      .getRepository(InstitutionEntity)
      .find({ select: { id: true, code: true }, where: { code: In(codes) } });
  }

  certificationBodiesByCode(manager: EntityManager, codes: readonly string[]): Promise<CodedId[]> {
    return manager
      .getRepository(CertificationBodyEntity)
      .find({ select: { id: true, code: true }, where: { code: In(codes) } });
  }

  schemesByCode(manager: EntityManager, codes: readonly string[]): Promise<CodedId[]> {
    return manager
      .getRepository(CertificateSchemeEntity)
      .find({ select: { id: true, code: true }, where: { code: In(codes) } });
  }

  /** Every program of the institutions (codes are unique within an institution). */
  programsOf(manager: EntityManager, institutionIds: readonly string[]): Promise<CodedId[]> {
    return manager
      .getRepository(ProgramEntity)
      .find({ select: { id: true, code: true }, where: { institutionId: In(institutionIds) } });
  }

  /** Every course of the institutions (codes are unique within an institution). */
  coursesOf(manager: EntityManager, institutionIds: readonly string[]): Promise<CodedId[]> {
    return manager
      .getRepository(CourseEntity)
      .find({ select: { id: true, code: true }, where: { institutionId: In(institutionIds) } });
  }

  async course(manager: EntityManager, id: string): Promise<CourseFacts | null> {
    return (await this.courses(manager, [id]))[0] ?? null;
  }

  async courses(manager: EntityManager, ids: readonly string[]): Promise<CourseFacts[]> {
    if (ids.length === 0) return [];
    const rows = await manager
      .getRepository(CourseEntity)
      .createQueryBuilder('c')
      .where('c.id IN (:...ids)', { ids })
      .getMany();
    return rows.map(courseFacts);
  }

  async program(manager: EntityManager, id: string): Promise<ProgramFacts | null> {
    return (await this.programs(manager, [id]))[0] ?? null;
  }

  async programs(manager: EntityManager, ids: readonly string[]): Promise<ProgramFacts[]> {
    if (ids.length === 0) return [];
    const rows = await manager
      .getRepository(ProgramEntity)
      .createQueryBuilder('p')
      .where('p.id IN (:...ids)', { ids })
      .getMany();
    return rows.map((program) => ({
      id: program.id,
      institutionId: program.institutionId,
      code: program.code,
      name: program.name,
      totalCredits: program.totalCredits,
      maxExemptCredits: program.maxExemptCredits,
    }));
  }

  async scheme(manager: EntityManager, id: string): Promise<SchemeFacts | null> {
    return (await this.schemes(manager, [id]))[0] ?? null;
  }

  /** Schemes with their levels (junior first) and each level's components (by code). */
  async schemes(manager: EntityManager, ids: readonly string[]): Promise<SchemeFacts[]> {
    if (ids.length === 0) return [];
    const schemes = await manager
      .getRepository(CertificateSchemeEntity)
      .createQueryBuilder('s')
      .where('s.id IN (:...ids)', { ids })
      .getMany();
    if (schemes.length === 0) return [];
    const levels = await manager
      .getRepository(SchemeLevelEntity)
      .createQueryBuilder('l')
      .where('l.scheme_id IN (:...ids)', { ids: schemes.map((scheme) => scheme.id) })
      .getMany();
    const components = levels.length
      ? await manager
          .getRepository(LevelComponentEntity)
          .createQueryBuilder('c')
          .where('c.scheme_level_id IN (:...ids)', { ids: levels.map((level) => level.id) })
          .orderBy('c.code')
          .getMany()
      : [];
    const order = ['JUNIOR', 'INTERMEDIATE', 'SENIOR'];
    levels.sort((a, b) => order.indexOf(a.level) - order.indexOf(b.level));
    return schemes.map((scheme) => ({
      id: scheme.id,
      code: scheme.code,
      name: scheme.name,
      certificationBodyId: scheme.certificationBodyId,
      levels: levels
        .filter((level) => level.schemeId === scheme.id)
        .map((level) => ({
          level: level.level,
          recognisedCredits: level.recognisedCredits,
          components: components
            .filter((component) => component.schemeLevelId === level.id)
            .map((component) => ({ code: component.code, name: component.name })),
        })),
    }));
  }

  /**
   * What a view cites, named, in one query: each kind's items by id (unknown ids are left out).
   * Courses come with their credits and category.
   */
  refs(manager: EntityManager, wanted: Partial<CatalogRefIds>): Promise<CatalogRefs> {
    return readCatalogRefs(manager, wanted);
  }

  /** The courses among `ids` as exemption targets: credits, program and the program's cap. */
  async courseTargets(manager: EntityManager, ids: readonly string[]): Promise<CourseTarget[]> {
    if (ids.length === 0) return [];
    return manager.query(COURSE_TARGETS_SQL, [ids]);
  }

  /** Code and name of every course, scheme, program, body and institution among `ids`, by id. */
  async names(manager: EntityManager, ids: readonly string[]): Promise<Map<string, CatalogName>> {
    if (ids.length === 0) return new Map();
    const rows: ({ id: string } & CatalogName)[] = await manager.query(NAMES_SQL, [ids]);
    return new Map(rows.map(({ id, code, name }) => [id, { code, name }]));
  }

  /** Recognised credits by scheme id, then level, for every level of the given schemes. */
  async recognisedCredits(
    manager: EntityManager,
    schemeIds: readonly string[],
  ): Promise<Map<string, Map<string, string>>> {
    const byScheme = new Map<string, Map<string, string>>();
    if (schemeIds.length === 0) return byScheme;
    const rows: { schemeId: string; level: string; recognisedCredits: string }[] =
      await manager.query(RECOGNISED_CREDITS_SQL, [schemeIds]);
    for (const row of rows) {
      const levels = byScheme.get(row.schemeId) ?? new Map<string, string>();
      levels.set(row.level, row.recognisedCredits);
      byScheme.set(row.schemeId, levels);
    }
    return byScheme;
  }

  /*
   * Codes in place of ids, for writes. Codes are compared exactly as stored: they are created
   * as 1–32 ASCII letters, digits, ".", "_" or "-", case kept, and the unique indexes compare
   * them exactly, so "web-101" and "WEB-101" may be two courses and no folding is sound.
   */

  /** The course with this code at the institution (course codes are unique per institution). */
  async courseByCode(
    manager: EntityManager,
    institutionId: string,
    code: string,
  ): Promise<CourseFacts | null> {
    const row = await manager
      .getRepository(CourseEntity)
      .findOne({ where: { institutionId, code } });
    return row ? courseFacts(row) : null;
  }

  /** The program with this code at the institution (program codes are unique per institution). */
  async programByCode(
    manager: EntityManager,
    institutionId: string,
    code: string,
  ): Promise<ProgramFacts | null> {
    const row = await manager
      .getRepository(ProgramEntity)
      .findOne({ select: { id: true }, where: { institutionId, code } });
    return row ? this.program(manager, row.id) : null;
  }

  /**
   * The scheme with this code. Scheme codes are unique in the whole bank, so the caller checks
   * the scheme's body against its own scope (an EXAMINER's body) and answers "not found" else.
   */
  async schemeByCode(manager: EntityManager, code: string): Promise<SchemeFacts | null> {
    const row = await manager
      .getRepository(CertificateSchemeEntity)
      .findOne({ select: { id: true }, where: { code } });
    return row ? this.scheme(manager, row.id) : null;
  }

  /** The program a write names by `programId` or by `programCode` at the caller's institution. */
  async programNamed(
    manager: EntityManager,
    institutionId: string | null,
    named: { programId?: string; programCode?: string },
  ): Promise<ProgramFacts | null> {
    if (named.programId !== undefined) return this.program(manager, named.programId);
    if (named.programCode === undefined || institutionId === null) return null;
    return this.programByCode(manager, institutionId, named.programCode);
  }

  /** The scheme a write names by `schemeId` or by `schemeCode` (bank-wide). */
  async schemeNamed(
    manager: EntityManager,
    named: { schemeId?: string; schemeCode?: string },
  ): Promise<SchemeFacts | null> {
    if (named.schemeId !== undefined) return this.scheme(manager, named.schemeId);
    if (named.schemeCode === undefined) return null;
    return this.schemeByCode(manager, named.schemeCode);
  }

  /**
   * The course a credit is recorded against, by `courseId` or by `courseCode` at the caller's
   * institution, read FOR SHARE: the row stays share-locked until the transaction ends, so a
   * correction of its credits waits for the recording (and then sees it), and a recording that
   * comes second reads the credits the correction left, never the ones before it.
   */
  async courseToRecord(
    manager: EntityManager,
    institutionId: string | null,
    named: { courseId?: string; courseCode?: string },
  ): Promise<CourseFacts | null> {
    const query = manager.getRepository(CourseEntity).createQueryBuilder('c');
    if (named.courseId !== undefined) query.where('c.id = :id', { id: named.courseId });
    else if (named.courseCode !== undefined && institutionId !== null)
      query.where('c.institution_id = :institutionId AND c.code = :code', {
        institutionId,
        code: named.courseCode,
      });
    else return null;
    const course = await query.setLock('pessimistic_read').getOne();
    return course ? courseFacts(course) : null;
  }
}
