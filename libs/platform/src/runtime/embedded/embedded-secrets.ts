import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface GeneratedSecrets {
  jwtSecret: string;
  identityKey: string;
  auditSigningKey: string;
}

/**
 * Embedded mode needs no settings: its keys are generated once and kept beside the data they
 * protect (`<dataDir>/secrets.json`, owner-only), so restarts keep tokens, encrypted identity
 * numbers and the tree head key valid. Server mode takes them from the environment instead.
 */
export function loadOrCreateEmbeddedSecrets(dataDir: string): GeneratedSecrets {
  const file = join(dataDir, 'secrets.json');
  if (existsSync(file)) return JSON.parse(readFileSync(file, 'utf8')) as GeneratedSecrets;
  mkdirSync(dataDir, { recursive: true });
  const { privateKey } = generateKeyPairSync('ed25519');
  const secrets: GeneratedSecrets = {
    jwtSecret: randomBytes(48).toString('base64url'),
    identityKey: randomBytes(32).toString('base64'),
    auditSigningKey: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
  };
  writeFileSync(file, JSON.stringify(secrets, null, 2), { mode: 0o600, flag: 'wx' });
  return secrets;
}
