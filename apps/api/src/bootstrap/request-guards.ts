import type { Socket } from 'node:net';
import { Logger } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { DomainError, problem, sendProblem } from '@app/core';

/**
 * Requests turned away before Nest sees them still answer application/problem+json, like every
 * other error: a URL Fastify cannot decode (FST_ERR_BAD_URL), a path segment over the router's
 * limit, and requests whose headers are too large or arrive too slowly — Fastify answered these
 * with its own JSON shape (found by the OpenAPI fuzzer).
 */

const logger = new Logger('RequestGuards');

/** Fastify's `frameworkErrors`: a bad percent-encoding (400) or a path segment over maxParamLength (414). */
export function frameworkErrors(
  error: Error & { code?: string },
  request: FastifyRequest,
  reply: FastifyReply,
): void {
  const known: Record<string, DomainError> = {
    FST_ERR_BAD_URL: new DomainError(
      'REQUEST.BAD_URL',
      400,
      'Bad request',
      'The request URL is not valid (bad percent-encoding).',
    ),
    FST_ERR_MAX_PARAM_LENGTH: new DomainError(
      'REQUEST.URI_TOO_LONG',
      414,
      'URI too long',
      'A path segment is longer than the server accepts.',
    ),
  };
  sendProblem(known[error.code ?? ''] ?? error, request, reply, logger);
}

const CLIENT_ERRORS: Record<string, [number, string, string, string]> = {
  ERR_HTTP_REQUEST_TIMEOUT: [
    408,
    'REQUEST.TIMEOUT',
    'Request Timeout',
    'The request did not arrive in time.',
  ],
  HPE_HEADER_OVERFLOW: [
    431,
    'REQUEST.HEADERS_TOO_LARGE',
    'Request Header Fields Too Large',
    'The request line or headers are larger than the server accepts.',
  ],
};

/**
 * Fastify's `clientErrorHandler`: what Node's HTTP parser refuses (timeouts, oversized request
 * lines and headers, garbage) is answered on the raw socket, which is then closed.
 */
export function clientErrorHandler(error: Error & { code?: string }, socket: Socket): void {
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  const [status, code, reason, detail] = CLIENT_ERRORS[error.code ?? ''] ?? [
    400,
    'REQUEST.BAD',
    'Bad Request',
    'The request could not be read.',
  ];
  const body = JSON.stringify(problem(status, code, reason, detail));
  if (socket.writable) {
    socket.write(
      `HTTP/1.1 ${status} ${reason}\r\nContent-Type: application/problem+json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
    );
  }
  socket.destroy(error);
}
