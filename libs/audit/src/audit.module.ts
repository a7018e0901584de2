import { Module } from '@nestjs/common';
import { AppConfig } from '@app/core';
import { OutboxModule } from '@app/outbox';
import { AuditAppender } from './append/audit-appender.service';
import {
  AUDIT_PIPELINE_OPTIONS,
  AuditPipelineOptions,
  AuditPipelineSettings,
} from './audit-pipeline.settings';
import { AccessLogReader } from './reading/access-log-reader.service';
import { AuditReader } from './reading/audit-reader.service';
import { AuditTrust } from './signing/audit-trust';
import { AuditProofs } from './tree/audit-proofs.service';
import { TreeHeadService } from './tree-heads/tree-head.service';
import { AuditVerifier } from './verification/audit-verifier.service';

/** The audit log's services, for the API (reading, proofs, verification, tree heads) and the worker. */
@Module({
  imports: [OutboxModule],
  providers: [
    {
      provide: AuditPipelineSettings,
      useFactory: (config: AppConfig, overrides?: Partial<AuditPipelineOptions>) =>
        new AuditPipelineSettings(config, overrides ?? {}),
      inject: [AppConfig, { token: AUDIT_PIPELINE_OPTIONS, optional: true }],
    },
    // Keys and the pinned head come from configuration only; a bad one stops the boot.
    {
      provide: AuditTrust,
      useFactory: (config: AppConfig) => new AuditTrust(config),
      inject: [AppConfig],
    },
    AuditAppender,
    AuditVerifier,
    TreeHeadService,
    AuditProofs,
    AuditReader,
    AccessLogReader,
  ],
  exports: [
    AuditPipelineSettings,
    AuditTrust,
    AuditAppender,
    AuditVerifier,
    TreeHeadService,
    AuditProofs,
    AuditReader,
    AccessLogReader,
  ],
})
export class AuditModule {}
