import { generateKeyPairSync } from 'node:crypto';
import { AppConfig, ConfigError } from '@app/core';
import { generateSigningKey, signCheckpoint, verifyCheckpoint } from '../chain';
import { AuditSigningKey, parseSigningKey } from './audit-signing-key.service';

const keyFor = (auditSigningKey: string) => new AuditSigningKey({ auditSigningKey } as AppConfig);

describe('the checkpoint signing key from config', () => {
  const pair = generateSigningKey();
  const der = generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'der' });

  it.each([
    ['PKCS#8 PEM', pair.privateKeyPem],
    [
      'PEM with escaped line breaks, as env files carry it',
      pair.privateKeyPem.replace(/\n/g, '\\n'),
    ],
    ['base64 of the PEM', Buffer.from(pair.privateKeyPem).toString('base64')],
  ])('reads %s and derives the public key', (_label, value) => {
    const key = keyFor(value);
    expect(key.publicKeyPem).toBe(pair.publicKeyPem);
    expect(key.publicKeyBase64).toBe(pair.publicKeyBase64);
    const signed = signCheckpoint(key.privateKeyPem, {
      chainId: '1',
      seq: 1,
      headHash: 'a'.repeat(64),
      createdAt: new Date(),
    });
    expect(verifyCheckpoint(pair.publicKeyBase64, signed.payload, signed.signature)).toBe(true);
  });

  it('reads base64 of the DER bytes', () => {
    expect(parseSigningKey(der.toString('base64'))).toMatch(/^-----BEGIN PRIVATE KEY-----/);
  });

  it.each([
    [
      'an RSA key',
      generateKeyPairSync('rsa', { modulusLength: 1024 })
        .privateKey.export({ type: 'pkcs8', format: 'pem' })
        .toString(),
    ],
    ['garbage', 'not a key at all!'],
    ['a public key', pair.publicKeyPem],
  ])('stops the boot on %s, naming AUDIT_SIGNING_KEY', (_label, value) => {
    expect(() => keyFor(value)).toThrow(ConfigError);
    expect(() => keyFor(value)).toThrow(/AUDIT_SIGNING_KEY/);
  });
});
