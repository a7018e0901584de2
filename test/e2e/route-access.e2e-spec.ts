import { RequestMethod } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { ModulesContainer } from '@nestjs/core';
import { IS_PUBLIC, ROLES } from '@app/core';
import { PORTAL_ROUTES } from '../../apps/api/src/bootstrap/portal';
import { createTestApp, TestApp } from '../support/test-app';

interface Route {
  route: string;
  isPublic: boolean;
  roles: unknown;
}

/** Every handler of every controller registered in the application, with its access rule. */
function registeredRoutes(t: TestApp): Route[] {
  const routes: Route[] = [];
  for (const module of t.app.get(ModulesContainer).values()) {
    for (const wrapper of module.controllers.values()) {
      const controller = wrapper.metatype as (new (...args: never[]) => object) | null;
      if (!controller) continue;
      const prototype = controller.prototype as Record<string, unknown>;
      for (const name of Object.getOwnPropertyNames(prototype)) {
        const handler = prototype[name];
        if (name === 'constructor' || typeof handler !== 'function') continue;
        const method = Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod | undefined;
        if (method === undefined) continue;
        const read = (key: string) =>
          Reflect.getMetadata(key, handler) ?? Reflect.getMetadata(key, controller);
        routes.push({
          route: `${RequestMethod[method]} /${String(Reflect.getMetadata(PATH_METADATA, controller))}/${String(Reflect.getMetadata(PATH_METADATA, handler))} (${controller.name}.${name})`,
          isPublic: read(IS_PUBLIC) === true,
          roles: read(ROLES),
        });
      }
    }
  }
  return routes;
}

describe('default-deny access rules', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp('route access', { withWorker: true });
  }, 120_000);

  afterAll(async () => {
    await t?.close();
  }, 60_000);

  it('finds the routes it walks (the walk itself works)', () => {
    const routes = registeredRoutes(t).map((route) => route.route);
    expect(routes.length).toBeGreaterThan(10);
    expect(routes).toEqual(
      expect.arrayContaining([expect.stringContaining('POST /v1/auth/login')]),
    );
  });

  it('gives every registered route either @Public() or a non-empty @Roles()', () => {
    const unguarded = registeredRoutes(t)
      .filter((route) => !route.isPublic && !(Array.isArray(route.roles) && route.roles.length > 0))
      .map((route) => route.route);
    expect(unguarded).toEqual([]);
  });

  it('keeps the public surface to what the design names', () => {
    const allowed = [
      'GET /health/live',
      'GET /health/ready',
      'POST /v1/auth/login',
      'GET /v1/audit/checkpoints/latest',
      'GET /v1/audit/tree-heads/latest',
      'GET /v1/audit/tree-heads',
      'GET /v1/audit/proofs/inclusion',
      'GET /v1/audit/proofs/consistency',
      'GET /v1/audit/keys',
    ];
    const open = registeredRoutes(t)
      .filter((route) => route.isPublic)
      .map((route) => route.route.split(' (')[0].replace(/\/+/g, '/').replace(/\/$/, ''));
    expect(open.filter((route) => !allowed.includes(route))).toEqual([]);
  });

  it('adds, outside the controllers, only the portal: its page and its assets', () => {
    // Registered on Fastify directly (apps/api/src/bootstrap/portal.ts), public GETs; the
    // client routes are answered for GETs that match no route (portal-serving.e2e-spec).
    expect(PORTAL_ROUTES).toEqual(['GET /', 'GET /assets/*']);
    const fastify = t.app.getHttpAdapter().getInstance();
    for (const route of PORTAL_ROUTES) {
      const [method, url] = route.split(' ') as ['GET', string];
      expect({ route, registered: fastify.hasRoute({ method, url }) }).toEqual({
        route,
        registered: true,
      });
    }
  });
});
