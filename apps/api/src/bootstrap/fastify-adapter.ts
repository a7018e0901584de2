import type { IncomingMessage } from 'node:http';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import { AppConfig, requestIdFor } from '@app/core';
import { clientErrorHandler, frameworkErrors } from './request-guards';

/**
 * How long a client may take, in ms. Fastify's defaults (requestTimeout and connectionTimeout 0)
 * let a client that sends its headers and then stalls its body hold a socket for ever, and
 * Node checks its timers only every 30 s; abuse.e2e-spec checks these.
 */
export const HTTP_TIMEOUTS = {
  /** Whole request line, headers and body (≤ the body limit, JSON): slow links need seconds, not minutes. Node answers 408 and closes. */
  requestTimeout: 30_000,
  /** Headers alone (≤ 16 KiB); Node requires it not to exceed requestTimeout. */
  headersTimeout: 15_000,
  /** How often Node looks for requests past those limits. */
  connectionsCheckingInterval: 2_000,
  /**
   * A socket silent this long while a request is in flight is destroyed: ends clients that stop
   * reading a large response (/docs). Above the database statement timeout (15 s by default), so
   * it never cuts a handler that is still working.
   */
  connectionTimeout: 120_000,
  /** Idle keep-alive sockets: longer than the 60 s idle timeout of common load balancers (Fastify's default). */
  keepAliveTimeout: 72_000,
} as const;

function trustProxy(setting: AppConfig['trustProxy']): boolean | number | string[] {
  return typeof setting === 'object' ? [...setting] : setting;
}

/**
 * Fastify with our limits: the body limit answers 413 before parsing, very long URLs are
 * refused, slow clients are timed out, and one request id is chosen here and reused by the
 * logger and error bodies.
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
    // TRUST_PROXY: request.ip is the client behind those proxies; anyone else's X-Forwarded-For is ignored.
    trustProxy: trustProxy(config.trustProxy),
    frameworkErrors,
    clientErrorHandler,
    requestTimeout: HTTP_TIMEOUTS.requestTimeout,
    connectionTimeout: HTTP_TIMEOUTS.connectionTimeout,
    keepAliveTimeout: HTTP_TIMEOUTS.keepAliveTimeout,
    http: {
      maxHeaderSize: 16 * 1024,
      headersTimeout: HTTP_TIMEOUTS.headersTimeout,
      connectionsCheckingInterval: HTTP_TIMEOUTS.connectionsCheckingInterval,
    },
  });
}
