import { Module } from '@nestjs/common';
import { OutboxModule } from '@app/outbox';
import { CatalogLookupModule } from './catalog-lookup.module';
import { CertificateSchemesService } from './certificate-schemes.service';
import { CertificationBodiesService } from './certification-bodies.service';
import { CoursesService } from './courses.service';
import { InstitutionsService } from './institutions.service';
import { ProgramsService } from './programs.service';

const SERVICES = [
  InstitutionsService,
  ProgramsService,
  CoursesService,
  CertificationBodiesService,
  CertificateSchemesService,
];

/**
 * The catalog's own create/list services, each writing its audit event in its transaction;
 * CatalogLookup (re-exported) serves the other areas.
 */
@Module({
  imports: [CatalogLookupModule, OutboxModule],
  providers: SERVICES,
  exports: [...SERVICES, CatalogLookupModule],
})
export class CatalogModule {}
