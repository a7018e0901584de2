import { OnWorkerEvent, WorkerHost } from '@nestjs/bullmq';
import { Logger } from '@nestjs/common';

/** At most one line per processor and minute while its connection keeps failing. */
const QUIET_MS = 60_000;

/**
 * The base of every processor. A BullMQ worker without an 'error' listener prints each failed
 * reconnect, a line per retry while Redis is away; this logs one warning a minute instead —
 * enough to see the outage, not enough to drown the logs.
 */
export abstract class QuietWorkerHost extends WorkerHost {
  private readonly connectionLogger = new Logger(this.constructor.name);
  private lastErrorLoggedAt = 0;

  @OnWorkerEvent('error')
  onWorkerError(error: Error): void {
    const now = Date.now();
    if (now - this.lastErrorLoggedAt < QUIET_MS) return;
    this.lastErrorLoggedAt = now;
    this.connectionLogger.warn(`worker cannot reach its queue backend: ${error.message}`);
  }
}
