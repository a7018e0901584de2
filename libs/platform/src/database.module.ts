import { DynamicModule, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AppConfig, dataSourceOptions } from '@app/core';
import { ENTITIES } from './entities';
import { MIGRATIONS } from './migrations';

@Module({})
export class DatabaseModule {
  static forRoot(config: AppConfig, applicationName: string): DynamicModule {
    return {
      module: DatabaseModule,
      imports: [
        TypeOrmModule.forRoot(dataSourceOptions(config, ENTITIES, MIGRATIONS, applicationName)),
      ],
    };
  }
}
