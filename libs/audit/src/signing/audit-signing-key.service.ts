import { createPrivateKey } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { AppConfig, ConfigError } from '@app/core';
import { publicKeyFromPrivate, publicKeyToBase64 } from '../chain';

/**
 * The Ed25519 key that signs checkpoints, read once from config: PKCS#8 PEM (with real or
 * escaped `\n` line breaks, as environment files often carry them), or base64 of the PEM or of
 * its DER bytes. Anything else stops the boot with the setting's name.
 */
export function parseSigningKey(value: string): string {
  const text = value.trim().replace(/\\n/g, '\n');
  if (text.startsWith('-----BEGIN')) return text;
  if (!/^[A-Za-z0-9+/\s]+=*$/.test(text)) throw new TypeError('not a PEM key and not base64');
  const bytes = Buffer.from(text, 'base64');
  const decoded = bytes.toString('utf8').trim();
  if (decoded.startsWith('-----BEGIN')) return decoded;
  return createPrivateKey({ key: bytes, format: 'der', type: 'pkcs8' })
    .export({ type: 'pkcs8', format: 'pem' })
    .toString();
}

@Injectable()
export class AuditSigningKey {
  readonly privateKeyPem: string;
  /** SPKI PEM: what verifiers trust. Checkpoints stored with another key do not verify. */
  readonly publicKeyPem: string;
  /** The raw 32-byte public key, base64 (what most Ed25519 libraries take). */
  readonly publicKeyBase64: string;

  constructor(config: AppConfig) {
    try {
      this.privateKeyPem = parseSigningKey(config.auditSigningKey);
      this.publicKeyPem = publicKeyFromPrivate(this.privateKeyPem);
    } catch (error) {
      throw new ConfigError(
        'AUDIT_SIGNING_KEY',
        `must be an Ed25519 private key, PKCS#8 PEM (${(error as Error).message})`,
      );
    }
    this.publicKeyBase64 = publicKeyToBase64(this.publicKeyPem);
  }
}
