import { DynamicModule, Global, Module } from '@nestjs/common';
import { JwtModule } from '@nestjs/jwt';
import { AppConfig } from './config/app-config.service';
import { PasswordService } from './auth/password.service';
import { TokenService } from './auth/token.service';
import { AuthGuard } from './auth/auth.guard';

/** Config and the auth primitives. Global: every library may inject AppConfig. */
@Global()
@Module({})
export class CoreModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: CoreModule,
      imports: [JwtModule.register({})],
      providers: [
        { provide: AppConfig, useValue: config },
        PasswordService,
        TokenService,
        AuthGuard,
      ],
      exports: [AppConfig, PasswordService, TokenService, AuthGuard],
    };
  }
}
