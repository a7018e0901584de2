import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { DynamicModule, Module } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import { AppConfig } from '../config/app-config.service';
import { CLIENT_CLOSED_REQUEST } from '../errors/problem-details.filter';

const REQUEST_ID = /^[A-Za-z0-9._-]{1,64}$/;

/** Reuses a caller's X-Request-Id when it is sane, so one id follows a request across services. */
export function requestIdFor(request: IncomingMessage): string {
  const header = request.headers['x-request-id'];
  return typeof header === 'string' && REQUEST_ID.test(header) ? header : randomUUID();
}

/**
 * Paths that must never reach a log line. Bodies are not logged at all; these catch headers
 * and anything a service logs as an object.
 */
export const REDACTED_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["idempotency-key"]',
  'res.headers["set-cookie"]',
  '*.password',
  '*.passwordHash',
  '*.accessToken',
  '*.token',
  '*.idNumber',
  '*.idNumberEncrypted',
];

@Module({})
export class LoggingModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: LoggingModule,
      imports: [
        LoggerModule.forRoot({
          pinoHttp: {
            level: config.logLevel,
            // The id Fastify already chose for this request (see createFastifyAdapter).
            genReqId: (request) =>
              (request as IncomingMessage & { id?: string }).id ?? requestIdFor(request),
            redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
            customProps: () => ({ service: 'credit-bank' }),
            serializers: {
              req: (request: { id: string; method: string; url: string }) => ({
                id: request.id,
                method: request.method,
                url: request.url.split('?')[0],
              }),
              // A null status means no answer went out: the client closed the connection first.
              res: (response: { statusCode: number | null; headers: unknown }) => ({
                statusCode: response.statusCode ?? CLIENT_CLOSED_REQUEST,
                headers: response.headers,
              }),
            },
            customSuccessMessage: (_request, response) =>
              response.writableEnded ? 'request completed' : 'client closed the connection',
            autoLogging: { ignore: (request) => (request.url ?? '').startsWith('/health') },
          },
        }),
      ],
      exports: [LoggerModule],
    };
  }
}
