import { createHash } from 'node:crypto';
import {
  CallHandler,
  CanActivate,
  ExecutionContext,
  Inject,
  Injectable,
  NestInterceptor,
} from '@nestjs/common';
import { normalizeIp, ThrottlerException } from '@nestjs/throttler';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { concatMap, type Observable } from 'rxjs';
import { AppConfig } from '@app/core';
import { THROTTLE_STORE, type ThrottleRule, type ThrottleStore } from './throttle-store';

const MINUTE = 60_000;
/** An address that signed in to an account is not held up by others' failures against it for this long. */
const KNOWN_ADDRESS_MS = 30 * 24 * 3600_000;
/** The account-wide lock-out: 1 s, doubling with each one within 15 minutes, never over a minute. */
const ACCOUNT_BLOCK = { blockMs: 1_000, growth: { maxBlockMs: MINUTE, historyMs: 15 * MINUTE } };

interface Attempt {
  /** The counters this attempt was charged to, refunded when it succeeds. */
  charged: string[];
  known: string;
}

type LoginRequest = FastifyRequest & { loginAttempt?: Attempt };

function digest(...parts: string[]): string {
  return createHash('sha256').update(parts.join('\n')).digest('hex').slice(0, 32);
}

/**
 * Limits sign-in attempts; only failures count, as a success takes its hit back. Three limits:
 * - per account from one address (LOGIN_ATTEMPTS_PER_MINUTE, then a minute's block): one
 *   client guessing one password;
 * - per address (5× that): one client trying many accounts;
 * - per account from anywhere (2× that): many addresses guessing one password. Its lock-out
 *   is short (1 s, doubling, at most a minute) and does not apply to an address that signed in
 *   to the account within 30 days, so nobody can use it to lock the account's owner out.
 * A hit is counted before the password is checked, so parallel guesses cannot overrun a limit.
 * Apply with `@LoginRateLimit()`; the body's `username` names the account.
 */
@Injectable()
export class LoginThrottle implements CanActivate, NestInterceptor {
  constructor(
    @Inject(THROTTLE_STORE) private readonly store: ThrottleStore,
    private readonly config: AppConfig,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<LoginRequest>();
    const body = request.body as { username?: unknown } | undefined;
    const account = typeof body?.username === 'string' ? body.username.toLowerCase() : '';
    const address = normalizeIp(request.ip);
    const limit = this.config.loginAttemptsPerMinute;
    const known = `login:known:${digest(account, address)}`;
    const rules: ThrottleRule[] = [
      { key: `login:pair:${digest(account, address)}`, limit, windowMs: MINUTE, blockMs: MINUTE },
      {
        key: `login:address:${digest(address)}`,
        limit: limit * 5,
        windowMs: MINUTE,
        blockMs: MINUTE,
      },
    ];
    if (!(await this.store.remembers(known))) {
      rules.push({
        key: `login:account:${digest(account)}`,
        limit: limit * 2,
        windowMs: MINUTE,
        ...ACCOUNT_BLOCK,
      });
    }
    const verdict = await this.store.hit(rules);
    if (!verdict.allowed) {
      const seconds = Math.max(1, Math.ceil(verdict.retryAfterMs / 1000));
      void context
        .switchToHttp()
        .getResponse<FastifyReply>()
        .header('retry-after', String(seconds));
      throw new ThrottlerException();
    }
    request.loginAttempt = { charged: rules.map((each) => each.key), known };
    return true;
  }

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const attempt = context.switchToHttp().getRequest<LoginRequest>().loginAttempt;
    return next.handle().pipe(
      concatMap(async (value: unknown) => {
        if (attempt) {
          await this.store.refund(attempt.charged);
          await this.store.remember(attempt.known, KNOWN_ADDRESS_MS);
        }
        return value;
      }),
    );
  }
}
