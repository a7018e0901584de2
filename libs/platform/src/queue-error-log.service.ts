import { getQueueToken } from '@nestjs/bullmq';
import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { Queue } from 'bullmq';
import { ALL_QUEUES } from '@app/core';

/** At most one line per queue and minute while the queue's connection keeps failing. */
const QUIET_MS = 60_000;

/**
 * BullMQ reports every failed reconnect as an 'error' event; without a listener each one is
 * printed. While Redis is away that is a line per retry. Here they become one warning a
 * minute per queue: enough to see the outage, not enough to drown the logs.
 */
@Injectable()
export class QueueErrorLog implements OnModuleInit {
  private readonly logger = new Logger('Queue');
  private readonly lastLogged = new Map<string, number>();

  constructor(private readonly moduleRef: ModuleRef) {}

  onModuleInit(): void {
    for (const name of ALL_QUEUES) {
      const queue = this.moduleRef.get<Queue>(getQueueToken(name), { strict: false });
      queue.on('error', (error: Error) => this.report(name, error));
    }
  }

  private report(queue: string, error: Error): void {
    const now = Date.now();
    if (now - (this.lastLogged.get(queue) ?? 0) < QUIET_MS) return;
    this.lastLogged.set(queue, now);
    this.logger.warn(`queue ${queue} cannot reach its backend: ${error.message}`);
  }
}
