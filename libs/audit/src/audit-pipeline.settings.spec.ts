import { AuditPipelineSettings } from './audit-pipeline.settings';

describe('audit pipeline settings', () => {
  it('polls often and does not LISTEN on the embedded database, where NOTIFY does not reach listeners', () => {
    expect(new AuditPipelineSettings({ mode: 'embedded' })).toMatchObject({
      pollIntervalMs: 250,
      listen: false,
    });
  });

  it('LISTENs on a server and polls only as a fallback', () => {
    expect(new AuditPipelineSettings({ mode: 'server' })).toMatchObject({
      pollIntervalMs: 2_000,
      listen: true,
      resendAfterMs: 60_000,
    });
  });

  it('takes overrides and refuses nonsense', () => {
    expect(
      new AuditPipelineSettings({ mode: 'server' }, { resendAfterMs: 1_500 }).resendAfterMs,
    ).toBe(1_500);
    expect(() => new AuditPipelineSettings({ mode: 'server' }, { appendBatchSize: 0 })).toThrow(
      /appendBatchSize/,
    );
    expect(() => new AuditPipelineSettings({ mode: 'server' }, { pollIntervalMs: 1.5 })).toThrow(
      /pollIntervalMs/,
    );
  });
});
