import { CertificateSchemeEntity } from './certificate-scheme.entity';
import { CertificationBodyEntity } from './certification-body.entity';
import { CourseEntity } from './course.entity';
import { InstitutionEntity } from './institution.entity';
import { LevelComponentEntity } from './level-component.entity';
import { ProgramEntity } from './program.entity';
import { SchemeLevelEntity } from './scheme-level.entity';

export {
  CertificateSchemeEntity,
  CertificationBodyEntity,
  CourseEntity,
  InstitutionEntity,
  LevelComponentEntity,
  ProgramEntity,
  SchemeLevelEntity,
};

/** The catalog's tables, for the data source and the migration generator. */
export const CATALOG_ENTITIES = [
  InstitutionEntity,
  ProgramEntity,
  CourseEntity,
  CertificationBodyEntity,
  CertificateSchemeEntity,
  SchemeLevelEntity,
  LevelComponentEntity,
];
