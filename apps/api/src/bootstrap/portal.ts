import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyReply, FastifyRequest } from 'fastify';

/**
 * Where the portal's build lives: dist/portal beside the compiled API (dist/apps/api/src/bootstrap)
 * or, when the API runs from its sources (the tests), under the repository's dist/.
 */
export function portalDirectory(): string | null {
  const root = resolve(__dirname, '../../../..');
  for (const dir of [join(root, 'portal'), join(root, 'dist', 'portal')])
    if (existsSync(join(dir, 'index.html'))) return dir;
  return null;
}

/** Paths the portal never answers: an unknown one there is the API's 404 problem, not the page. */
const NOT_PORTAL = /^\/(v1|health|docs|docs-json|status-lists)(\/|$)/;

/**
 * The page may load and call nothing but this origin: no CDN, no analytics, no other API.
 * `data:` images only for the empty favicon.
 */
export const PORTAL_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "font-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
  "form-action 'self'",
].join('; ');

/**
 * The routes the portal adds to the API's own (the route-walk test lists them as public). Its
 * client routes (/account, /students/…) are no route: a GET that matches nothing outside the
 * API's paths is answered with the page before the 404 handler runs, so the API's own refusals
 * (404, 414 for an overlong segment) stay as they were.
 */
export const PORTAL_ROUTES = ['GET /', 'GET /assets/*'] as const;

/**
 * Serves the portal under `/`: hashed assets under /assets/ cached for a year, every other GET
 * outside the API that matches no route answered with index.html (the client routes it), never
 * cached, so a new build is picked up at the next visit. Without a build nothing is mounted.
 */
export function mountPortal(app: NestFastifyApplication, dir = portalDirectory()): boolean {
  if (!dir) return false;
  const indexHtml = readFileSync(join(dir, 'index.html'));
  app.useStaticAssets({
    root: join(dir, 'assets'),
    prefix: '/assets/',
    decorateReply: false,
    index: false,
    immutable: true,
    maxAge: '365d',
    // The build writes .br and .gz beside each asset (tools/build.mjs).
    preCompressed: true,
  });
  const page = (_request: FastifyRequest, reply: FastifyReply) =>
    reply
      .header('content-type', 'text/html; charset=utf-8')
      .header('cache-control', 'no-cache')
      .header('content-security-policy', PORTAL_CSP)
      .header('x-content-type-options', 'nosniff')
      .header('referrer-policy', 'same-origin')
      .send(indexHtml);
  const fastify = app.getHttpAdapter().getInstance();
  fastify.get('/', page);
  fastify.addHook('onRequest', async (request, reply) => {
    const unrouted = request.routeOptions.url === undefined;
    const read = request.method === 'GET' || request.method === 'HEAD';
    if (unrouted && read && !NOT_PORTAL.test(request.url)) return page(request, reply);
  });
  return true;
}
