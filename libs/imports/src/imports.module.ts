import { Module } from '@nestjs/common';
import { OutboxModule } from '@app/outbox';
import { UsersModule } from '@app/users';
import { ImportsService } from './imports.service';

/** Imports for the API: upload, read back, commit. Needs QueueModule (the imports queue). */
@Module({
  imports: [OutboxModule, UsersModule],
  providers: [ImportsService],
  exports: [ImportsService],
})
export class ImportsModule {}
