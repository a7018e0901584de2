import { Module } from '@nestjs/common';
import { IdempotencyRecordEntity } from './entities/idempotency-record.entity';
import { CommandRunner } from './transactional-command.runner';

/** The tables this library owns, for the product's data source and migrations. */
export const COMMANDS_ENTITIES = [IdempotencyRecordEntity];

/** The command runner, for every area whose writes take an Idempotency-Key. Needs a DataSource. */
@Module({
  providers: [CommandRunner],
  exports: [CommandRunner],
})
export class CommandsModule {}
