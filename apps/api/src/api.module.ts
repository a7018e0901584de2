import { DynamicModule, Module, Type } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_INTERCEPTOR } from '@nestjs/core';
import { AppConfig, AuthGuard, CoreModule, LoggingModule, ProblemDetailsFilter } from '@app/core';
import { AccountsLookupModule, AccountsModule } from '@app/accounts';
import { CatalogModule } from '@app/catalog';
import { LedgerModule } from '@app/ledger';
import {
  AuditedTablesModule,
  DatabaseModule,
  LearnerReachModule,
  QueueModule,
  ReadinessService,
} from '@app/platform';
import { AuditModule } from '@app/audit';
import { ConversionModule } from '@app/conversion';
import { ImportsModule } from '@app/imports';
import { RelationshipsModule } from '@app/relationships';
import { UsersModule } from '@app/users';
import { AuditController } from './audit/audit.controller';
import { AuthController } from './auth/auth.controller';
import { ConversionRulesController } from './conversion/conversion-rules.controller';
import { ExemptionApplicationsController } from './conversion/exemption-applications.controller';
import { LearnerEligibilityController } from './conversion/learner-eligibility.controller';
import { JobsController } from './jobs/jobs.controller';
import { CertificateSchemesController } from './catalog/certificate-schemes.controller';
import { CertificationBodiesController } from './catalog/certification-bodies.controller';
import { CoursesController } from './catalog/courses.controller';
import { InstitutionsController } from './catalog/institutions.controller';
import { ProgramsController } from './catalog/programs.controller';
import { CommandResultInterceptor } from './bootstrap/command-result.interceptor';
import { requestThrottling } from './bootstrap/throttling';
import { HealthController } from './health/health.controller';
import { AccountController } from './ledger/account.controller';
import { NamingModule } from './naming/naming.module';
import { LearnersController } from './learners/learners.controller';
import { RecordingController } from './ledger/recording.controller';
import { UsersController } from './users/users.controller';
import { AccessLogController } from './relationships/access-log.controller';
import { ImportsController } from './imports/imports.controller';
import { EnrolmentsController } from './relationships/enrolments.controller';
import { SharesController } from './relationships/shares.controller';

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
        requestThrottling(config),
        LedgerModule,
        AccountsLookupModule,
        CatalogModule,
        AccountsModule,
        AuditedTablesModule,
        LearnerReachModule,
        AuditModule,
        ConversionModule,
        UsersModule,
        RelationshipsModule,
        NamingModule,
        ImportsModule,
        ...extraModules,
      ],
      controllers: [
        AuthController,
        UsersController,
        HealthController,
        RecordingController,
        AccountController,
        InstitutionsController,
        ProgramsController,
        CoursesController,
        CertificationBodiesController,
        CertificateSchemesController,
        LearnersController,
        AuditController,
        ConversionRulesController,
        LearnerEligibilityController,
        ExemptionApplicationsController,
        JobsController,
        EnrolmentsController,
        SharesController,
        AccessLogController,
        ImportsController,
      ],
      providers: [
        ReadinessService,
        { provide: APP_GUARD, useExisting: AuthGuard },
        { provide: APP_FILTER, useClass: ProblemDetailsFilter },
        { provide: APP_INTERCEPTOR, useClass: CommandResultInterceptor },
      ],
    };
  }
}
