import { ThrottlerModule } from '@nestjs/throttler';
import { AppConfig } from '@app/core';

function username(request: Record<string, unknown>): string {
  const body = request.body as { username?: unknown } | undefined;
  return typeof body?.username === 'string' ? body.username.toLowerCase().slice(0, 64) : '';
}

/**
 * Login attempts are limited per account (from one address) and, more loosely, per address, so
 * that neither guessing one password nor trying many accounts goes fast. The counters live in
 * this process; several API processes each keep their own (see README, known limits).
 */
export function loginThrottling(config: AppConfig) {
  return ThrottlerModule.forRoot({
    throttlers: [
      {
        name: 'login-account',
        ttl: 60_000,
        limit: config.loginAttemptsPerMinute,
        getTracker: (request) => `${String(request.ip)}|${username(request)}`,
      },
      {
        name: 'login-address',
        ttl: 60_000,
        limit: config.loginAttemptsPerMinute * 5,
        getTracker: (request) => String(request.ip),
      },
    ],
  });
}
