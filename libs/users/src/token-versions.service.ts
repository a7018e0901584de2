import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AppConfig, ExpiringCache, TokenStanding, TokenVersions } from '@app/core';

/** Logins whose standing one process keeps at once; past this, the oldest looked-at goes. */
const MAX_CACHED_LOGINS = 10_000;

/**
 * The users library's answer to the guard's question on each request: a primary-key read of the
 * login's version, disabled mark and reset state, kept TOKEN_CHECK_CACHE_MS in this process.
 * Every change to a login in this process forgets its entry after the commit, so this process
 * sees the change at once; other API processes see it within TOKEN_CHECK_CACHE_MS.
 */
@Injectable()
export class UserTokenVersions implements TokenVersions {
  private readonly cache: ExpiringCache<TokenStanding | null>;

  constructor(
    private readonly dataSource: DataSource,
    config: AppConfig,
  ) {
    this.cache = new ExpiringCache(config.tokenCheckCacheMs, MAX_CACHED_LOGINS);
  }

  standing(userId: string): Promise<TokenStanding | null> {
    return this.cache.getOrLoad(userId, async () => {
      const rows: { version: number; disabled: boolean; change: boolean }[] =
        await this.dataSource.query(
          `SELECT token_version AS version, disabled_at IS NOT NULL AS disabled,
                  password_change_required AS change
             FROM users WHERE id = $1`,
          [userId],
        );
      if (rows.length === 0) return null;
      return {
        version: rows[0].version,
        disabled: rows[0].disabled,
        passwordChangeRequired: rows[0].change,
      };
    });
  }

  /** After a change to the login has committed. */
  forget(userId: string): void {
    this.cache.forget(userId);
  }
}
