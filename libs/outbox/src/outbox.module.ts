import { Module } from '@nestjs/common';
import { AppConfig } from '@app/core';
import { OutboxHmac } from './outbox-hmac';
import { OutboxStore } from './outbox-store.service';
import { OutboxWriter } from './outbox.writer';

/**
 * Writing audit-bound events in the caller's transaction, and reading them for the pipeline.
 * The HMAC key is the configured OUTBOX_HMAC_KEY.
 */
@Module({
  providers: [
    {
      provide: OutboxHmac,
      useFactory: (config: AppConfig) => OutboxHmac.fromBase64(config.outboxHmacKey),
      inject: [AppConfig],
    },
    OutboxWriter,
    OutboxStore,
  ],
  exports: [OutboxWriter, OutboxStore, OutboxHmac],
})
export class OutboxModule {}
