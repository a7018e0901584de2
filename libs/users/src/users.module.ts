import { Module } from '@nestjs/common';
import { AccountsLookupModule } from '@app/accounts';
import { CatalogModule } from '@app/catalog';
import { OutboxModule } from '@app/outbox';
import { UserScopeService } from './user-scope.service';
import { UserNames } from './user-names.service';
import { UsersService } from './users.service';

/** Logins and sign-in. Scope checks ask the catalog and the learner directory; changes are audited. */
@Module({
  imports: [CatalogModule, AccountsLookupModule, OutboxModule],
  providers: [UsersService, UserScopeService, UserNames],
  exports: [UsersService, UserNames],
})
export class UsersModule {}
