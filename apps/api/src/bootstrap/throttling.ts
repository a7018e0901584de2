import {
  applyDecorators,
  ExecutionContext,
  Injectable,
  SetMetadata,
  UseGuards,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import {
  SkipThrottle,
  ThrottlerGuard,
  ThrottlerModule,
  type ThrottlerLimitDetail,
} from '@nestjs/throttler';
import type { FastifyReply } from 'fastify';
import { AppConfig, type AuthenticatedRequest } from '@app/core';

const LOGIN_THROTTLERS = ['login-account', 'login-address'] as const;
const SCAN_THROTTLER = 'scans-per-caller';
const SCAN_ROUTE = 'throttling:scan-route';

const reflector = new Reflector();

function username(request: Record<string, unknown>): string {
  const body = request.body as { username?: unknown } | undefined;
  return typeof body?.username === 'string' ? body.username.toLowerCase().slice(0, 64) : '';
}

function isScanRoute(context: ExecutionContext): boolean {
  return reflector.get<boolean | undefined>(SCAN_ROUTE, context.getHandler()) === true;
}

/**
 * Login attempts are limited per account (from one address) and, more loosely, per address, so
 * that neither guessing one password nor trying many accounts goes fast. Eligibility scans are
 * limited per signed-in caller, on the routes marked with `@ScanRateLimit()` only. The counters
 * live in this process; several API processes each keep their own (see README, known limits).
 */
export function requestThrottling(config: AppConfig) {
  return ThrottlerModule.forRoot({
    throttlers: [
      {
        name: LOGIN_THROTTLERS[0],
        ttl: 60_000,
        limit: config.loginAttemptsPerMinute,
        getTracker: (request) => `${String(request.ip)}|${username(request)}`,
      },
      {
        name: LOGIN_THROTTLERS[1],
        ttl: 60_000,
        limit: config.loginAttemptsPerMinute * 5,
        getTracker: (request) => String(request.ip),
      },
      {
        name: SCAN_THROTTLER,
        ttl: 60_000,
        limit: config.scanRequestsPerMinute,
        skipIf: (context) => !isScanRoute(context),
        // The global guard has already signed the caller in.
        getTracker: (request) =>
          (request as AuthenticatedRequest).principal?.userId ?? String(request.ip),
      },
    ],
  });
}

/** The throttler's guard, with the standard `Retry-After` (seconds) on a 429. */
@Injectable()
export class RetryAfterThrottlerGuard extends ThrottlerGuard {
  protected override async throwThrottlingException(
    context: ExecutionContext,
    detail: ThrottlerLimitDetail,
  ): Promise<void> {
    void context
      .switchToHttp()
      .getResponse<FastifyReply>()
      .header('retry-after', String(Math.max(1, detail.timeToBlockExpire)));
    return super.throwThrottlingException(context, detail);
  }
}

/** Limits the route's requests per caller (SCAN_REQUESTS_PER_MINUTE); login limits do not apply. */
export function ScanRateLimit(): MethodDecorator {
  return applyDecorators(
    SetMetadata(SCAN_ROUTE, true),
    SkipThrottle(Object.fromEntries(LOGIN_THROTTLERS.map((name) => [name, true]))),
    UseGuards(RetryAfterThrottlerGuard),
  );
}
