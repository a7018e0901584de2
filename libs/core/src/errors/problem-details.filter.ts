import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import { ThrottlerException } from '@nestjs/throttler';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { negotiateLocale, type Locale } from '../i18n/locale';
import { fillTemplate, localiseFieldError, localiseProblem, ProblemSource } from '../i18n/messages';
import { EN, ProblemKey } from '../i18n/messages.en';
import { DomainError, FieldError } from './domain-error';

export interface ProblemDetails {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: string;
  instance?: string;
  requestId?: string;
  [extension: string]: unknown;
}

const TYPE_BASE = 'https://credit-bank.example/problems/';

/**
 * Nest turns Fastify's own errors (body too large, wrong media type…) into HttpExceptions
 * with Fastify's message; clients get a fixed sentence per status instead (the dictionary's).
 */
const HTTP_CODES: Record<number, [ProblemKey, string]> = {
  400: ['REQUEST.BAD', 'Bad request'],
  401: ['AUTH.UNAUTHENTICATED', 'Unauthorized'],
  403: ['AUTH.FORBIDDEN', 'Forbidden'],
  404: ['ROUTE.NOT_FOUND', 'Not found'],
  405: ['ROUTE.METHOD_NOT_ALLOWED', 'Method not allowed'],
  413: ['REQUEST.BODY_TOO_LARGE', 'Payload too large'],
  414: ['REQUEST.URI_TOO_LONG', 'URI too long'],
  415: ['REQUEST.UNSUPPORTED_MEDIA_TYPE', 'Unsupported media type'],
  429: ['REQUEST.RATE_LIMITED', 'Too many requests'],
};

export function problem(
  status: number,
  code: string,
  title: string,
  detail: string,
  extra: Record<string, unknown> = {},
): ProblemDetails {
  // Extensions first: an error's own fields must never be overwritten by its extras.
  return {
    ...extra,
    type: `${TYPE_BASE}${code.toLowerCase().replace(/[._]/g, '-')}`,
    title,
    status,
    detail,
    code,
  };
}

/** A problem from the dictionary's English text (errors that are no DomainError). */
function known(
  status: number,
  key: ProblemKey,
  params: Record<string, unknown> = {},
): { status: number; source: ProblemSource; extra: Record<string, unknown> } {
  const text = EN.problems[key];
  const detail = fillTemplate(text.detail, params) ?? text.detail;
  return {
    status,
    source: { code: key, key, params, title: text.title, detail },
    extra: {},
  };
}

function sourceOf(
  exception: unknown,
  method: string,
  path: string,
): { status: number; source: ProblemSource; extra: Record<string, unknown> } {
  if (exception instanceof DomainError) {
    const source = {
      code: exception.code,
      key: exception.messageKey,
      params: exception.params,
      title: exception.title,
      detail: exception.message,
    };
    return { status: exception.status, source, extra: { ...exception.extra } };
  }
  if (exception instanceof ThrottlerException) return known(429, 'REQUEST.RATE_LIMITED');
  const status = clientErrorStatus(exception);
  if (status !== null) {
    const [key, title] = HTTP_CODES[status] ?? ['REQUEST.BAD', 'Bad request'];
    const found = known(status, key, { method, path });
    return { ...found, source: { ...found.source, title } };
  }
  if (isDatabaseUnavailable(exception)) return known(503, 'SERVICE.DATABASE_UNAVAILABLE');
  return known(500, 'INTERNAL');
}

/**
 * The 4xx status of an HttpException, or of a Fastify plugin's error (`statusCode`, as
 * @fastify/static's refusal of a path that climbs out of its root): the client's fault, never a 500.
 */
function clientErrorStatus(exception: unknown): number | null {
  if (exception instanceof HttpException) return exception.getStatus();
  const status = (exception as { statusCode?: unknown } | null)?.statusCode;
  return typeof status === 'number' && status >= 400 && status < 500 ? status : null;
}

/**
 * Maps anything thrown while serving a request to the problem it is for the client, in its
 * language: title, detail and each field error's message (with the field error's `code`).
 */
export function problemFromError(
  exception: unknown,
  method: string,
  url: string,
  locale: Locale = 'en',
): ProblemDetails {
  const { status, source, extra } = sourceOf(exception, method, url.split('?')[0]);
  const { title, detail } = localiseProblem(locale, source);
  if (Array.isArray(extra.errors))
    extra.errors = (extra.errors as FieldError[]).map((error) => localiseFieldError(locale, error));
  return problem(status, source.code, title, detail, extra);
}

/**
 * The database went away (refused, shutting down, connection lost): a retry later may succeed,
 * so clients get a 503, not an internal error. SQLSTATE class 08 and 57P01–57P03.
 */
function isDatabaseUnavailable(exception: unknown): boolean {
  const seen = exception as {
    code?: unknown;
    driverError?: { code?: unknown };
    message?: unknown;
  } | null;
  const raw = seen?.driverError?.code ?? seen?.code;
  const code = typeof raw === 'string' ? raw : '';
  if (code === 'ECONNREFUSED' || code === 'ECONNRESET' || code.startsWith('08')) return true;
  if (['57P01', '57P02', '57P03'].includes(code)) return true;
  const message = typeof seen?.message === 'string' ? seen.message : '';
  return /Connection terminated|timeout exceeded when trying to connect/i.test(message);
}

/** nginx's status for a request whose client closed the connection before the answer. */
export const CLIENT_CLOSED_REQUEST = 499;

/**
 * The client closed the connection while its body was still being read: Node ends the request
 * stream with "aborted" (ECONNRESET), and nothing failed on this side.
 */
function isClientAbort(exception: unknown, request: FastifyRequest): boolean {
  const code = (exception as { code?: unknown } | null)?.code;
  return request.raw.readableAborted && code === 'ECONNRESET';
}

/**
 * Writes a problem response and logs server faults with the request id. Used by the Nest
 * filter and by Fastify's own error handler (errors raised before Nest sees the request).
 * A client that left is nobody's fault and has nobody to answer: the request logger records
 * it once, as closed by the client (see LoggingModule).
 */
export function sendProblem(
  exception: unknown,
  request: FastifyRequest,
  reply: FastifyReply,
  logger: Pick<Logger, 'error'>,
): void {
  if (isClientAbort(exception, request)) {
    void reply.status(CLIENT_CLOSED_REQUEST).send();
    return;
  }
  const locale = negotiateLocale(request.headers['accept-language']);
  const body = problemFromError(exception, request.method, request.url, locale);
  body.instance = request.url.split('?')[0];
  body.requestId = String(request.id);
  if (body.status >= 500)
    logger.error({ err: exception, requestId: request.id }, 'unhandled error');
  if (body.status === 503) void reply.header('retry-after', '5');
  const vary = reply.getHeader('vary');
  void reply
    .status(body.status)
    .header('content-type', 'application/problem+json')
    .header('content-language', locale)
    .header('vary', vary ? `${String(vary)}, Accept-Language` : 'Accept-Language')
    .send(body);
}

/** The one place where errors become responses: application/problem+json (RFC 9457). */
@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  private readonly logger = new Logger('ProblemDetails');

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    sendProblem(
      exception,
      http.getRequest<FastifyRequest>(),
      http.getResponse<FastifyReply>(),
      this.logger,
    );
  }
}
