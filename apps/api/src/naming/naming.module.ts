import { Module } from '@nestjs/common';
import { AccountsLookupModule } from '@app/accounts';
import { CatalogLookupModule } from '@app/catalog';
import { ConversionModule } from '@app/conversion';
import { LedgerModule } from '@app/ledger';
import { RelationshipsModule } from '@app/relationships';
import { UsersModule } from '@app/users';
import { NamedResponses } from './named-responses.service';
import { ViewNames } from './view-names.service';

/** Names for the read views, asked of the library that owns each kind of thing. */
@Module({
  imports: [
    CatalogLookupModule,
    AccountsLookupModule,
    LedgerModule,
    ConversionModule,
    RelationshipsModule,
    UsersModule,
  ],
  providers: [ViewNames, NamedResponses],
  exports: [NamedResponses],
})
export class NamingModule {}
