import { UserEntity, WorkerHeartbeatEntity } from '@app/core';
import { COMMANDS_ENTITIES } from '@app/commands';
import { LearnerEntity } from '@app/accounts/entities/learner.entity';
import { CertificateSchemeEntity } from '@app/catalog/entities/certificate-scheme.entity';
import { CertificationBodyEntity } from '@app/catalog/entities/certification-body.entity';
import { CourseEntity } from '@app/catalog/entities/course.entity';
import { InstitutionEntity } from '@app/catalog/entities/institution.entity';
import { LevelComponentEntity } from '@app/catalog/entities/level-component.entity';
import { ProgramEntity } from '@app/catalog/entities/program.entity';
import { SchemeLevelEntity } from '@app/catalog/entities/scheme-level.entity';
import { LedgerEntryEntity } from '@app/ledger/entities/ledger-entry.entity';
import { OutboxEventEntity } from '@app/ledger/entities/outbox-event.entity';
import { ConversionRuleEntity } from '@app/conversion/entities/conversion-rule.entity';
import { ExemptionApplicationEntity } from '@app/conversion/entities/exemption-application.entity';
import { RuleVersionEntity } from '@app/conversion/entities/rule-version.entity';
import { AuditCheckpointEntity } from '@app/audit/entities/audit-checkpoint.entity';
import { AuditEventEntity } from '@app/audit/entities/audit-event.entity';

/** Every entity of the product, in one list for the data source and the migration generator. */
export const ENTITIES = [
  UserEntity,
  WorkerHeartbeatEntity,
  InstitutionEntity,
  ProgramEntity,
  CourseEntity,
  CertificationBodyEntity,
  CertificateSchemeEntity,
  SchemeLevelEntity,
  LevelComponentEntity,
  LearnerEntity,
  LedgerEntryEntity,
  OutboxEventEntity,
  ...COMMANDS_ENTITIES,
  ConversionRuleEntity,
  RuleVersionEntity,
  ExemptionApplicationEntity,
  AuditEventEntity,
  AuditCheckpointEntity,
];
