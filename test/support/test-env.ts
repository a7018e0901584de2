/**
 * The environment the test harness reads and writes. globalSetup runs in Jest's parent
 * process before the workers are forked, so what it puts in process.env reaches every test.
 */
export const TestEnv = {
  /** A real PostgreSQL server to create throw-away databases on (set by CI). */
  databaseUrl: 'TEST_DATABASE_URL',
  /** Redis for the suites that need it (set by CI). */
  redisUrl: 'TEST_REDIS_URL',
  /** Set by globalSetup when it started the shared embedded database. */
  embeddedDatabaseUrl: 'EMBEDDED_TEST_DATABASE_URL',
  /** Set by globalSetup: where to ask for a fresh embedded database (see test-database-broker). */
  embeddedDatabaseBroker: 'EMBEDDED_TEST_DATABASE_BROKER',
} as const;

/** A non-empty, trimmed value, or null. */
export function readEnv(name: string): string | null {
  const value = process.env[name]?.trim();
  return value ? value : null;
}

/** CI sets CI=true (GitHub, GitLab) or CI=1; there a missing service fails the run. */
export function isCi(): boolean {
  const value = readEnv('CI');
  return value !== null && value !== 'false' && value !== '0';
}

/** The URL without its password, for messages. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return '<unparsable URL>';
  }
}
