import { DynamicModule, Module, Type } from '@nestjs/common';
import { APP_FILTER, APP_GUARD } from '@nestjs/core';
import { AppConfig, AuthGuard, CoreModule, LoggingModule, ProblemDetailsFilter } from '@app/core';
import { DatabaseModule, QueueModule, ReadinessService } from '@app/platform';
import { AuthController } from './auth/auth.controller';
import { loginThrottling } from './bootstrap/throttling';
import { HealthController } from './health/health.controller';
import { UsersController } from './users/users.controller';

@Module({})
export class ApiModule {
  /** `extraModules`: in embedded mode, the worker's processors join the same application. */
  static forRoot(config: AppConfig, extraModules: Type[] = []): DynamicModule {
    return {
      module: ApiModule,
      imports: [
        CoreModule.forRoot(config),
        LoggingModule.forRoot(config),
        DatabaseModule.forRoot(config, 'credit-bank-api'),
        QueueModule.forRoot(config, extraModules.length ? 'worker' : 'producer'),
        loginThrottling(config),
        ...extraModules,
      ],
      controllers: [AuthController, UsersController, HealthController],
      providers: [
        ReadinessService,
        { provide: APP_GUARD, useExisting: AuthGuard },
        { provide: APP_FILTER, useClass: ProblemDetailsFilter },
      ],
    };
  }
}
