import {
  applyDecorators,
  DynamicModule,
  ExecutionContext,
  Injectable,
  Module,
  SetMetadata,
  UseGuards,
  UseInterceptors,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import {
  ThrottlerGuard,
  ThrottlerModule,
  type ThrottlerLimitDetail,
  type ThrottlerStorage,
} from '@nestjs/throttler';
import type { FastifyReply } from 'fastify';
import { AppConfig, type AuthenticatedRequest } from '@app/core';
import { LoginThrottle } from './login-throttle';
import { RedisThrottleStore } from './redis-throttle-store';
import { MemoryThrottleStore, THROTTLE_STORE, type ThrottleStore } from './throttle-store';

const SCAN_ROUTE = 'throttling:scan-route';
const LOOKUP_ROUTE = 'throttling:lookup-route';
const PASSWORD_CHANGE_ROUTE = 'throttling:password-change-route';

const reflector = new Reflector();

/** Each throttler applies only on the routes its decorator marks. */
function skipUnmarked(mark: string) {
  return (context: ExecutionContext) =>
    reflector.get<boolean | undefined>(mark, context.getHandler()) !== true;
}

/** The caller's own counter: the global guard has already signed them in. */
function caller(request: Partial<Pick<AuthenticatedRequest, 'principal' | 'ip'>>): string {
  return request.principal?.userId ?? String(request.ip);
}

type ThrottlerStorageRecord = Awaited<ReturnType<ThrottlerStorage['increment']>>;

/** @nestjs/throttler's counters, kept in our store: in Redis when the API runs on a server. */
class StoreBackedThrottlerStorage implements ThrottlerStorage {
  constructor(private readonly store: ThrottleStore) {}

  async increment(
    key: string,
    ttl: number,
    limit: number,
    blockDuration: number,
  ): Promise<ThrottlerStorageRecord> {
    const verdict = await this.store.hit([
      { key: `route:${key}`, limit, windowMs: ttl, blockMs: blockDuration },
    ]);
    if (!verdict.allowed) {
      const seconds = Math.ceil(verdict.retryAfterMs / 1000);
      return {
        totalHits: limit + 1,
        timeToExpire: seconds,
        isBlocked: true,
        timeToBlockExpire: seconds,
      };
    }
    return {
      totalHits: verdict.hits[0],
      timeToExpire: Math.ceil(verdict.resetMs[0] / 1000),
      isBlocked: false,
      timeToBlockExpire: 0,
    };
  }
}

function throttleStore(config: AppConfig): ThrottleStore {
  return config.redisUrl === null ? new MemoryThrottleStore() : new RedisThrottleStore(config);
}

@Module({})
class ThrottleStoreModule {}

@Module({})
class RequestThrottlingModule {}

/**
 * Request limits. Sign-ins: see LoginThrottle. Eligibility scans (`@ScanRateLimit()`) and
 * look-ups by identity number (`@LookupRateLimit()`) and password changes
 * (`@PasswordChangeRateLimit()`) are limited per signed-in caller on the
 * routes so marked. The counters are in Redis in server mode, shared by every API process, and
 * in this process in embedded mode (which has one).
 */
export function requestThrottling(config: AppConfig): DynamicModule {
  const store: DynamicModule = {
    module: ThrottleStoreModule,
    providers: [{ provide: THROTTLE_STORE, useFactory: () => throttleStore(config) }],
    exports: [THROTTLE_STORE],
  };
  const throttler = ThrottlerModule.forRootAsync({
    imports: [store],
    inject: [THROTTLE_STORE],
    useFactory: (counters: ThrottleStore) => ({
      storage: new StoreBackedThrottlerStorage(counters),
      throttlers: [
        {
          name: 'scans-per-caller',
          ttl: 60_000,
          limit: config.scanRequestsPerMinute,
          skipIf: skipUnmarked(SCAN_ROUTE),
          getTracker: caller,
        },
        {
          name: 'lookups-per-caller',
          ttl: 60_000,
          limit: config.lookupRequestsPerMinute,
          skipIf: skipUnmarked(LOOKUP_ROUTE),
          getTracker: caller,
        },
        {
          // A stolen token must not guess the current password at argon2's speed.
          name: 'password-changes-per-caller',
          ttl: 60_000,
          limit: config.loginAttemptsPerMinute,
          skipIf: skipUnmarked(PASSWORD_CHANGE_ROUTE),
          getTracker: caller,
        },
      ],
    }),
  });
  return {
    module: RequestThrottlingModule,
    imports: [store, throttler],
    providers: [LoginThrottle],
    exports: [store, throttler, LoginThrottle],
  };
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

/** Limits the route's requests per caller (SCAN_REQUESTS_PER_MINUTE), then 429 with Retry-After. */
export function ScanRateLimit(): MethodDecorator {
  return applyDecorators(SetMetadata(SCAN_ROUTE, true), UseGuards(RetryAfterThrottlerGuard));
}

/** Limits the route's requests per caller (LOOKUP_REQUESTS_PER_MINUTE), then 429 with Retry-After. */
export function LookupRateLimit(): MethodDecorator {
  return applyDecorators(SetMetadata(LOOKUP_ROUTE, true), UseGuards(RetryAfterThrottlerGuard));
}

/** Limits sign-in attempts per account and address (LOGIN_ATTEMPTS_PER_MINUTE; see LoginThrottle). */
export function LoginRateLimit(): MethodDecorator {
  return applyDecorators(UseGuards(LoginThrottle), UseInterceptors(LoginThrottle));
}

/**
 * Limits a signed-in caller's password changes (LOGIN_ATTEMPTS_PER_MINUTE a minute), each of
 * which checks the current password, then 429 with Retry-After.
 */
export function PasswordChangeRateLimit(): MethodDecorator {
  return applyDecorators(
    SetMetadata(PASSWORD_CHANGE_ROUTE, true),
    UseGuards(RetryAfterThrottlerGuard),
  );
}
