import { Module } from '@nestjs/common';
import { TOKEN_VERSIONS } from '@app/core';
import { AccountsLookupModule } from '@app/accounts';
import { CatalogModule } from '@app/catalog';
import { OutboxModule } from '@app/outbox';
import { OwnLoginService } from './own-login.service';
import { UserTokenVersions } from './token-versions.service';
import { UserAdminService } from './user-admin.service';
import { UserScopeService } from './user-scope.service';
import { UserNames } from './user-names.service';
import { UserViews } from './user-views.service';
import { UsersService } from './users.service';

/**
 * Logins, sign-in, and their administration. Scope checks and scope names ask the catalog and
 * the learner directory; changes are audited; TOKEN_VERSIONS answers the global guard.
 */
@Module({
  imports: [CatalogModule, AccountsLookupModule, OutboxModule],
  providers: [
    UsersService,
    UserScopeService,
    UserNames,
    UserViews,
    UserAdminService,
    OwnLoginService,
    UserTokenVersions,
    { provide: TOKEN_VERSIONS, useExisting: UserTokenVersions },
  ],
  exports: [UsersService, UserNames, UserAdminService, OwnLoginService, TOKEN_VERSIONS],
})
export class UsersModule {}
