import { AppConfig } from '@app/core';

/**
 * Tuning of the relay, the appender and the signed tree heads. Production uses the defaults; tests
 * and the throughput script provide AUDIT_PIPELINE_OPTIONS (a partial override) from a global
 * module to shorten timeouts.
 */
export interface AuditPipelineOptions {
  /** Outbox rows claimed and handed to the queue per relay round. */
  relayBatchSize: number;
  /**
   * How often the relay looks for rows without being woken. On real PostgreSQL it is a fallback
   * (LISTEN outbox_events wakes it right after each commit); on the embedded database NOTIFY
   * does not reach another connection, so this poll is what moves rows there: keep it short.
   */
  pollIntervalMs: number;
  /** A row handed to the queue but still unaudited after this long is sent again (Redis may lose jobs). */
  resendAfterMs: number;
  /** Pending rows appended per chain-lock acquisition (one transaction). */
  appendBatchSize: number;
  /** Period of the tree head job scheduler; a head is signed only when the log grew. */
  treeHeadEveryMs: number;
  /** Wake the relay with LISTEN/NOTIFY (real PostgreSQL only). */
  listen: boolean;
}

export const AUDIT_PIPELINE_OPTIONS = Symbol('AUDIT_PIPELINE_OPTIONS');

export const EMBEDDED_POLL_INTERVAL_MS = 250;
export const SERVER_POLL_INTERVAL_MS = 2_000;

export function defaultPipelineOptions(config: Pick<AppConfig, 'mode'>): AuditPipelineOptions {
  const embedded = config.mode === 'embedded';
  return {
    relayBatchSize: 500,
    pollIntervalMs: embedded ? EMBEDDED_POLL_INTERVAL_MS : SERVER_POLL_INTERVAL_MS,
    resendAfterMs: 60_000,
    appendBatchSize: 500,
    treeHeadEveryMs: 60_000,
    // The embedded database delivers a NOTIFY to the notifier's own connection, never to a listener.
    listen: !embedded,
  };
}

/** The effective options (defaults for the mode, then overrides), injected by the audit services. */
export class AuditPipelineSettings implements AuditPipelineOptions {
  readonly relayBatchSize: number;
  readonly pollIntervalMs: number;
  readonly resendAfterMs: number;
  readonly appendBatchSize: number;
  readonly treeHeadEveryMs: number;
  readonly listen: boolean;

  constructor(config: Pick<AppConfig, 'mode'>, overrides: Partial<AuditPipelineOptions> = {}) {
    Object.assign(this, defaultPipelineOptions(config), overrides);
    for (const key of [
      'relayBatchSize',
      'pollIntervalMs',
      'resendAfterMs',
      'appendBatchSize',
      'treeHeadEveryMs',
    ] as const) {
      if (!Number.isSafeInteger(this[key]) || this[key] < 1)
        throw new RangeError(`audit pipeline: ${key} must be a positive integer`);
    }
    Object.freeze(this);
  }
}
