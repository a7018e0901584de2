import { Module } from '@nestjs/common';
import { CatalogLookup } from './catalog-lookup.service';

/** The read-only catalog facts other areas need; the catalog's own CRUD lives in CatalogModule. */
@Module({ providers: [CatalogLookup], exports: [CatalogLookup] })
export class CatalogLookupModule {}
