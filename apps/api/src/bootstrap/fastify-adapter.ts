import type { IncomingMessage } from 'node:http';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import { AppConfig, requestIdFor } from '@app/core';

/**
 * Fastify with our limits: the body limit answers 413 before parsing, very long URLs are
 * refused, and one request id is chosen here and reused by the logger and error bodies.
 */
export function createFastifyAdapter(config: AppConfig): FastifyAdapter {
  return new FastifyAdapter({
    bodyLimit: config.bodyLimitBytes,
    routerOptions: { maxParamLength: 200 },
    requestIdHeader: false,
    genReqId: (request: IncomingMessage) => {
      const id = requestIdFor(request);
      (request as IncomingMessage & { id?: string }).id = id;
      return id;
    },
    trustProxy: false,
    http: { maxHeaderSize: 16 * 1024 },
  });
}
