import { Module } from '@nestjs/common';
import { AppConfig } from '@app/core';
import { OutboxModule } from '@app/outbox';
import { AuditAppender } from './append/audit-appender.service';
import {
  AUDIT_PIPELINE_OPTIONS,
  AuditPipelineOptions,
  AuditPipelineSettings,
} from './audit-pipeline.settings';
import { CheckpointService } from './checkpoints/checkpoint.service';
import { AuditReader } from './reading/audit-reader.service';
import { AuditSigningKey } from './signing/audit-signing-key.service';
import { AuditVerifier } from './verification/audit-verifier.service';

/** The audit chain's services, for the API (reading, verification, checkpoints) and the worker. */
@Module({
  imports: [OutboxModule],
  providers: [
    {
      provide: AuditPipelineSettings,
      useFactory: (config: AppConfig, overrides?: Partial<AuditPipelineOptions>) =>
        new AuditPipelineSettings(config, overrides ?? {}),
      inject: [AppConfig, { token: AUDIT_PIPELINE_OPTIONS, optional: true }],
    },
    AuditSigningKey,
    AuditAppender,
    AuditVerifier,
    CheckpointService,
    AuditReader,
  ],
  exports: [
    AuditPipelineSettings,
    AuditSigningKey,
    AuditAppender,
    AuditVerifier,
    CheckpointService,
    AuditReader,
  ],
})
export class AuditModule {}
