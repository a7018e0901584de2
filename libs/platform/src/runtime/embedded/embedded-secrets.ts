import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface GeneratedSecrets {
  jwtSecret: string;
  identityKey: string;
  auditSigningKey: string;
  outboxHmacKey: string;
}

/**
 * Embedded mode needs no settings: its keys are generated once and kept beside the data they
 * protect (`<dataDir>/secrets.json`, owner-only), so restarts keep tokens, encrypted identity
 * numbers, the tree head key and the outbox HMAC key valid. Server mode takes them from the
 * environment instead. A file written before a key existed gains it, keeping the others.
 */
export function loadOrCreateEmbeddedSecrets(dataDir: string): GeneratedSecrets {
  const file = join(dataDir, 'secrets.json');
  if (existsSync(file)) {
    const stored = JSON.parse(readFileSync(file, 'utf8')) as Partial<GeneratedSecrets>;
    const secrets = { ...generateSecrets(), ...stored };
    if (Object.keys(secrets).length !== Object.keys(stored).length)
      writeFileSync(file, JSON.stringify(secrets, null, 2), { mode: 0o600 });
    return secrets;
  }
  mkdirSync(dataDir, { recursive: true });
  const secrets = generateSecrets();
  writeFileSync(file, JSON.stringify(secrets, null, 2), { mode: 0o600, flag: 'wx' });
  return secrets;
}

function generateSecrets(): GeneratedSecrets {
  const { privateKey } = generateKeyPairSync('ed25519');
  return {
    jwtSecret: randomBytes(48).toString('base64url'),
    identityKey: randomBytes(32).toString('base64'),
    auditSigningKey: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    outboxHmacKey: randomBytes(32).toString('base64'),
  };
}
