import { AppConfig } from './app-config.service';
import { loadConfig } from './load-config';

const SERVER = {
  DATABASE_URL: 'postgres://ledger_app:secret@db:5432/ledger',
  REDIS_URL: 'redis://redis:6379',
  JWT_SECRET: 'x'.repeat(32),
  IDENTITY_KEY: Buffer.alloc(32, 1).toString('base64'),
  OUTBOX_HMAC_KEY: Buffer.alloc(32, 2).toString('base64'),
  AUDIT_SIGNING_KEY: 'a PEM, not parsed here',
};

describe('MIGRATION_DATABASE_URL', () => {
  it('is where migrations connect when set, the application staying on DATABASE_URL', () => {
    const config = AppConfig.forServer(
      loadConfig({
        ...SERVER,
        MIGRATION_DATABASE_URL: 'postgres://ledger_owner:other@db:5432/ledger',
      }),
    );
    expect(config.databaseUrl).toBe(SERVER.DATABASE_URL);
    expect(config.migrationDatabaseUrl).toBe('postgres://ledger_owner:other@db:5432/ledger');
  });

  it('defaults to DATABASE_URL: one role for migrations and the application', () => {
    const settings = loadConfig(SERVER);
    expect(settings.migrationDatabaseUrl).toBeNull();
    expect(AppConfig.forServer(settings).migrationDatabaseUrl).toBe(SERVER.DATABASE_URL);
  });

  it('needs server mode: the embedded database has one role', () => {
    expect(() => loadConfig({ MIGRATION_DATABASE_URL: 'postgres://owner@db/ledger' })).toThrow(
      'Invalid setting MIGRATION_DATABASE_URL: needs DATABASE_URL (server mode); the embedded database has one role',
    );
  });

  it('needs DATABASE_URL to name the user that migrations grant its rights', () => {
    expect(() =>
      loadConfig({
        ...SERVER,
        DATABASE_URL: 'postgres://db:5432/ledger',
        MIGRATION_DATABASE_URL: 'postgres://ledger_owner@db:5432/ledger',
      }),
    ).toThrow(/^Invalid setting DATABASE_URL: must name its user/);
  });

  it('must be a PostgreSQL URL', () => {
    expect(() => loadConfig({ ...SERVER, MIGRATION_DATABASE_URL: 'mysql://db/ledger' })).toThrow(
      'Invalid setting MIGRATION_DATABASE_URL: must start with postgres:// or postgresql://',
    );
  });
});

describe('TOKEN_CHECK_CACHE_MS', () => {
  it('defaults to 2 seconds, and 0 looks the token version up on every request', () => {
    expect(loadConfig({}).tokenCheckCacheMs).toBe(2000);
    expect(loadConfig({ TOKEN_CHECK_CACHE_MS: '0' }).tokenCheckCacheMs).toBe(0);
  });

  it('refuses more than a minute: a disabled login must not keep working that long', () => {
    expect(() => loadConfig({ TOKEN_CHECK_CACHE_MS: '60001' })).toThrow(
      'Invalid setting TOKEN_CHECK_CACHE_MS: 60001 is outside 0..60000',
    );
  });
});

describe('TRUST_PROXY', () => {
  const trustProxy = (value?: string) => loadConfig({ TRUST_PROXY: value }).trustProxy;

  it('is off unless set: X-Forwarded-For is then nobody’s to set', () => {
    expect(trustProxy()).toBe(false);
    expect(trustProxy('false')).toBe(false);
    expect(trustProxy('0')).toBe(false);
  });

  it('takes true, a hop count, or a list of addresses, CIDR ranges and range names', () => {
    expect(trustProxy('true')).toBe(true);
    expect(trustProxy('2')).toBe(2);
    expect(trustProxy('10.0.0.0/8, 192.168.1.7,fd00::/8 ,loopback')).toEqual([
      '10.0.0.0/8',
      '192.168.1.7',
      'fd00::/8',
      'loopback',
    ]);
  });

  it('refuses what is not an address, naming each wrong entry', () => {
    expect(() => trustProxy('10.0.0.0/8,proxy.internal,10.1.0.0/33')).toThrow(
      'Invalid setting TRUST_PROXY: "proxy.internal", "10.1.0.0/33" is not an IP address, a CIDR range (10.0.0.0/8) or one of loopback, linklocal, uniquelocal; or set true, false or a hop count',
    );
    expect(() => trustProxy('11')).toThrow('Invalid setting TRUST_PROXY: 11 hops is outside 1..10');
  });
});

describe('LOOKUP_REQUESTS_PER_MINUTE', () => {
  it('is 30 unless set, and a whole number of at least 1', () => {
    expect(loadConfig({}).lookupRequestsPerMinute).toBe(30);
    expect(loadConfig({ LOOKUP_REQUESTS_PER_MINUTE: '5' }).lookupRequestsPerMinute).toBe(5);
    expect(() => loadConfig({ LOOKUP_REQUESTS_PER_MINUTE: '0' })).toThrow(
      'Invalid setting LOOKUP_REQUESTS_PER_MINUTE: 0 is outside 1..10000',
    );
  });
});
