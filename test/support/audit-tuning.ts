import { Global, Module, Type } from '@nestjs/common';
import { AUDIT_PIPELINE_OPTIONS, AuditPipelineOptions } from '@app/audit';

/**
 * A global module that overrides the audit pipeline's timings for one application (pass it in
 * createTestApp's `modules`): short re-send timeouts and polls keep fault tests fast.
 */
export function auditTuning(options: Partial<AuditPipelineOptions>): Type {
  @Global()
  @Module({
    providers: [{ provide: AUDIT_PIPELINE_OPTIONS, useValue: options }],
    exports: [AUDIT_PIPELINE_OPTIONS],
  })
  class AuditTuningModule {}
  return AuditTuningModule;
}
