import { Module } from '@nestjs/common';
import { AccountsLookupModule } from '@app/accounts';
import { CatalogModule } from '@app/catalog';
import { UserScopeService } from './user-scope.service';
import { UsersService } from './users.service';

/** Logins and sign-in. Scope checks ask the catalog and the learner directory. */
@Module({
  imports: [CatalogModule, AccountsLookupModule],
  providers: [UsersService, UserScopeService],
  exports: [UsersService],
})
export class UsersModule {}
