import { Module } from '@nestjs/common';
import { AppConfig } from '@app/core';
import { OutboxModule } from '@app/outbox';
import { AccountsLookupModule } from './accounts-lookup.module';
import { IdentityCipher } from './identity';
import { LearnersService } from './learners.service';

/** Learning accounts. The identity cipher's keys are derived once from the configured master key. */
@Module({
  imports: [AccountsLookupModule, OutboxModule],
  providers: [
    {
      provide: IdentityCipher,
      useFactory: (config: AppConfig) => IdentityCipher.fromMasterKey(config.identityKey),
      inject: [AppConfig],
    },
    LearnersService,
  ],
  exports: [LearnersService, AccountsLookupModule],
})
export class AccountsModule {}
