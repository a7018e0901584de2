import { INestApplication } from '@nestjs/common';
import { GUARDS_METADATA } from '@nestjs/common/constants';
import { ModulesContainer } from '@nestjs/core';
import { ThrottlerGuard } from '@nestjs/throttler';
import { BEFORE_PASSWORD_CHANGE, IS_PUBLIC, ROLES, Role } from '@app/core';
import { LoginThrottle } from '../bootstrap/login-throttle';

/** What the document cannot say by itself about a route: who may call it, whether it is throttled. */
export interface RouteFacts {
  isPublic: boolean;
  roles: Role[];
  throttled: boolean;
  /** Reachable while the login must still change its password (no 403 PASSWORD_CHANGE_REQUIRED). */
  beforePasswordChange: boolean;
}

type Handler = (...args: unknown[]) => unknown;

function read<T>(key: string, handler: Handler, controller: object): T | undefined {
  return (Reflect.getMetadata(key, handler) ?? Reflect.getMetadata(key, controller)) as
    T | undefined;
}

function throttledBy(handler: Handler, controller: object): boolean {
  const guards = [
    ...((Reflect.getMetadata(GUARDS_METADATA, handler) as unknown[] | undefined) ?? []),
    ...((Reflect.getMetadata(GUARDS_METADATA, controller) as unknown[] | undefined) ?? []),
  ];
  // The request limiters (`@ScanRateLimit()`, `@LookupRateLimit()`) are ThrottlerGuards; the
  // sign-in limiter (`@LoginRateLimit()`) is a guard of its own.
  return guards.some(
    (guard) =>
      typeof guard === 'function' &&
      (guard === ThrottlerGuard ||
        guard.prototype instanceof ThrottlerGuard ||
        guard === LoginThrottle),
  );
}

/**
 * Each controller method's facts, keyed by the operationId the document gives it
 * (`<Controller name without "Controller">_<method>`, see swagger.ts).
 */
export function collectRouteFacts(app: INestApplication): Map<string, RouteFacts> {
  const facts = new Map<string, RouteFacts>();
  for (const module of app.get(ModulesContainer).values()) {
    for (const wrapper of module.controllers.values()) {
      const controller = wrapper.metatype as (abstract new (...args: never[]) => object) | null;
      if (!controller) continue;
      const prototype = controller.prototype as Record<string, unknown>;
      for (const name of Object.getOwnPropertyNames(prototype)) {
        const handler = prototype[name];
        if (name === 'constructor' || typeof handler !== 'function') continue;
        const method = handler as Handler;
        facts.set(`${controller.name.replace(/Controller$/, '')}_${name}`, {
          isPublic: read<boolean>(IS_PUBLIC, method, controller) === true,
          roles: read<Role[]>(ROLES, method, controller) ?? [],
          throttled: throttledBy(method, controller),
          beforePasswordChange: read<boolean>(BEFORE_PASSWORD_CHANGE, method, controller) === true,
        });
      }
    }
  }
  return facts;
}
