import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadOrCreateEmbeddedSecrets } from './embedded-secrets';

describe('embedded secrets', () => {
  let dataDir: string;

  beforeEach(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'secrets-'));
  });

  afterEach(() => {
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('generates every key once, owner-only, and returns the same ones after a restart', () => {
    const first = loadOrCreateEmbeddedSecrets(dataDir);
    expect(Buffer.from(first.outboxHmacKey, 'base64')).toHaveLength(32);
    expect(Buffer.from(first.identityKey, 'base64')).toHaveLength(32);
    expect(first.auditSigningKey).toContain('BEGIN PRIVATE KEY');
    expect(statSync(join(dataDir, 'secrets.json')).mode & 0o777).toBe(0o600);
    expect(loadOrCreateEmbeddedSecrets(dataDir)).toEqual(first);
  });

  it('adds a key a data folder from before it lacks, keeping the keys its data depends on', () => {
    const older = { jwtSecret: 'j'.repeat(64), identityKey: 'aWQ=', auditSigningKey: 'pem' };
    writeFileSync(join(dataDir, 'secrets.json'), JSON.stringify(older), { mode: 0o600 });
    const upgraded = loadOrCreateEmbeddedSecrets(dataDir);
    expect(upgraded).toMatchObject(older);
    expect(Buffer.from(upgraded.outboxHmacKey, 'base64')).toHaveLength(32);
    expect(JSON.parse(readFileSync(join(dataDir, 'secrets.json'), 'utf8'))).toEqual(upgraded);
    expect(loadOrCreateEmbeddedSecrets(dataDir)).toEqual(upgraded);
  });
});
