import { Logger } from '@nestjs/common';
import { Client } from 'pg';
import { OUTBOX_CHANNEL } from '@app/outbox';

const RECONNECT_AFTER_MS = 1_000;

/**
 * A dedicated connection that LISTENs on `outbox_events` and calls `onWake` for each commit that
 * wrote an outbox row (the ledger NOTIFYs in its transaction, so only commits are announced).
 * Reconnects on its own; a missed notification costs at most one poll interval.
 */
export class OutboxListener {
  private client: Client | undefined;
  private retry: NodeJS.Timeout | undefined;
  private stopped = false;

  constructor(
    private readonly databaseUrl: string,
    private readonly onWake: () => void,
    private readonly logger: Logger,
  ) {}

  async start(): Promise<void> {
    if (this.stopped) return;
    const client = new Client({
      connectionString: this.databaseUrl,
      application_name: 'credit-bank-outbox-listener',
      connectionTimeoutMillis: 5_000,
    });
    client.on('notification', () => this.onWake());
    client.on('error', (error) => this.lost(client, error));
    client.on('end', () => this.lost(client));
    try {
      await client.connect();
      await client.query(`LISTEN ${OUTBOX_CHANNEL}`);
    } catch (error) {
      this.lost(client, error as Error);
      return;
    }
    if (this.stopped) {
      await client.end().catch(() => undefined);
      return;
    }
    this.client = client;
    // Commits made while not listening were not announced: look once now.
    this.onWake();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.retry);
    const client = this.client;
    this.client = undefined;
    await client?.end().catch(() => undefined);
  }

  private lost(client: Client, error?: Error): void {
    if (this.stopped || this.retry !== undefined) return;
    if (this.client !== undefined && this.client !== client) return;
    this.client = undefined;
    if (error)
      this.logger.warn(
        `outbox listener lost its connection (${error.message}); polling until it is back`,
      );
    void client.end().catch(() => undefined);
    this.retry = setTimeout(() => {
      this.retry = undefined;
      void this.start();
    }, RECONNECT_AFTER_MS);
  }
}
