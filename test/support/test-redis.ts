import { isCi, readEnv, TestEnv } from './test-env';

/** TEST_REDIS_URL, or null when the run has no Redis. */
export function testRedisUrl(): string | null {
  return readEnv(TestEnv.redisUrl);
}

/**
 * The Redis URL for a suite that cannot run without Redis. Under CI a missing Redis is an
 * error (a service that silently went missing must not turn into a green run); locally the
 * suite is skipped with one line saying so. Use:
 *
 *   const redisUrl = requireRedisOrSkip('audit relay over Redis');
 *   (redisUrl ? describe : describe.skip)('audit relay over Redis', () => { … });
 */
export function requireRedisOrSkip(suiteName: string): string | null {
  const url = testRedisUrl();
  if (url !== null) return url;
  if (isCi()) {
    throw new Error(
      `${suiteName}: ${TestEnv.redisUrl} is not set, and CI=true requires every service.`,
    );
  }
  // Not console.log: Jest decorates that with a stack frame; this stays one line.
  process.stdout.write(
    `[skip] ${suiteName}: ${TestEnv.redisUrl} is not set (e.g. redis://127.0.0.1:6379).\n`,
  );
  return null;
}
