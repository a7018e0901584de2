import { Module } from '@nestjs/common';
import { CommandRunner } from './transactional-command.runner';

/** The command runner, for every area whose writes take an Idempotency-Key. Needs a DataSource. */
@Module({
  providers: [CommandRunner],
  exports: [CommandRunner],
})
export class CommandsModule {}
