import { generateKeyPairSync } from 'node:crypto';
import { ConfigError } from '@app/core';
import { checkpointBody, formatSignedNote } from '../tree-heads/tree-head-format';
import { AuditTrust, AuditTrustSettings } from './audit-trust';
import { generateSigningKey, keyFingerprint, signText, verifyText } from './ed25519';

const ORIGIN = 'example.org/credit-bank';
const trustOf = (settings: Partial<AuditTrustSettings>) =>
  new AuditTrust({ auditLogOrigin: ORIGIN, ...settings });

describe('what the audit log trusts, from configuration only', () => {
  const current = generateSigningKey();
  const retired = generateSigningKey();
  const der = generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'der' });

  it.each([
    ['PKCS#8 PEM', current.privateKeyPem],
    [
      'PEM with escaped line breaks, as env files carry it',
      current.privateKeyPem.replace(/\n/g, '\\n'),
    ],
    ['base64 of the PEM', Buffer.from(current.privateKeyPem).toString('base64')],
  ])('reads the signing key as %s and derives its public key', (_label, value) => {
    const trust = trustOf({ auditSigningKey: value });
    expect(trust.currentKey).toMatchObject({
      status: 'current',
      publicKeyBase64: current.publicKeyBase64,
      publicKeyPem: current.publicKeyPem,
      fingerprint: keyFingerprint(current.publicKeyPem),
    });
    const signature = signText(trust.signingKeyPem as string, 'x');
    expect(verifyText(current.publicKeyBase64, 'x', signature)).toBe(true);
  });

  it('reads the signing key as base64 of its DER bytes', () => {
    expect(trustOf({ auditSigningKey: der.toString('base64') }).signingKeyPem).toMatch(
      /^-----BEGIN PRIVATE KEY-----/,
    );
  });

  it('lists the retired public keys after the current one, raw base64 or PEM, each once', () => {
    const other = generateSigningKey();
    const trust = trustOf({
      auditSigningKey: current.privateKeyPem,
      auditRetiredPublicKeys: ` ${retired.publicKeyBase64} , ${other.publicKeyPem.replace(/\n/g, '\\n')},${current.publicKeyBase64}`,
    });
    expect(trust.keys.map((key) => [key.status, key.publicKeyBase64])).toEqual([
      ['current', current.publicKeyBase64],
      ['retired', retired.publicKeyBase64],
      ['retired', other.publicKeyBase64],
    ]);
    expect(trust.key(keyFingerprint(retired.publicKeyPem))?.status).toBe('retired');
    expect(trust.key('0'.repeat(64))).toBeUndefined();
  });

  it('verifies with a public key alone, and cannot sign then', () => {
    const trust = trustOf({ auditPublicKey: current.publicKeyBase64 });
    expect(trust.signingKeyPem).toBeNull();
    expect(trust.currentKey.publicKeyBase64).toBe(current.publicKeyBase64);
  });

  describe('AUDIT_TRUSTED_HEAD', () => {
    const root = 'ab'.repeat(32);
    const body = checkpointBody({ origin: ORIGIN, treeSize: 42, rootHash: root });

    function noteSignedBy(privateKeyPem: string, publicKeyBase64: string, text = body): string {
      const signing = trustOf({ auditSigningKey: privateKeyPem });
      expect(signing.currentKey.publicKeyBase64).toBe(publicKeyBase64);
      return formatSignedNote(text, [
        {
          keyName: ORIGIN,
          keyId: signing.currentKey.noteKeyId,
          signature: signText(privateKeyPem, text),
        },
      ]);
    }

    it('accepts <treeSize>:<hex root>', () => {
      const trust = trustOf({
        auditPublicKey: current.publicKeyBase64,
        auditTrustedHead: `42:${root}`,
      });
      expect(trust.trustedHead).toEqual({ treeSize: 42, rootHash: root });
    });

    it('accepts the signed note of a head, signed by the current or a retired key, escaped or not', () => {
      for (const [note, label] of [
        [noteSignedBy(current.privateKeyPem, current.publicKeyBase64), 'current'],
        [
          noteSignedBy(retired.privateKeyPem, retired.publicKeyBase64).replace(/\n/g, '\\n'),
          'retired',
        ],
      ]) {
        const trust = trustOf({
          auditSigningKey: current.privateKeyPem,
          auditRetiredPublicKeys: retired.publicKeyBase64,
          auditTrustedHead: note,
        });
        expect({ label, head: trust.trustedHead }).toEqual({
          label,
          head: { treeSize: 42, rootHash: root },
        });
      }
    });

    it.each([
      [
        'a note signed by an unknown key',
        () => noteSignedBy(retired.privateKeyPem, retired.publicKeyBase64),
      ],
      [
        'a note whose body was changed after signing',
        () =>
          noteSignedBy(current.privateKeyPem, current.publicKeyBase64).replace('\n42\n', '\n43\n'),
      ],
      [
        'a note of another log',
        () =>
          noteSignedBy(
            current.privateKeyPem,
            current.publicKeyBase64,
            checkpointBody({ origin: 'other.example/log', treeSize: 42, rootHash: root }),
          ),
      ],
      ['an uppercase root', () => `42:${root.toUpperCase()}`],
      ['a size without a root', () => '42'],
    ])('stops the boot on %s, naming AUDIT_TRUSTED_HEAD', (_label, value) => {
      const settings = { auditSigningKey: current.privateKeyPem, auditTrustedHead: value() };
      expect(() => trustOf(settings)).toThrow(ConfigError);
      expect(() => trustOf(settings)).toThrow(/AUDIT_TRUSTED_HEAD/);
    });
  });

  it.each([
    ['AUDIT_SIGNING_KEY', { auditSigningKey: 'not a key at all!' }],
    ['AUDIT_SIGNING_KEY', { auditSigningKey: current.publicKeyPem }],
    [
      'AUDIT_SIGNING_KEY',
      {
        auditSigningKey: generateKeyPairSync('rsa', { modulusLength: 1024 })
          .privateKey.export({ type: 'pkcs8', format: 'pem' })
          .toString(),
      },
    ],
    ['AUDIT_SIGNING_KEY', {}],
    ['AUDIT_PUBLIC_KEY', { auditPublicKey: 'AAAA' }],
    [
      'AUDIT_RETIRED_PUBLIC_KEYS',
      {
        auditSigningKey: current.privateKeyPem,
        auditRetiredPublicKeys: `${retired.publicKeyBase64},nope`,
      },
    ],
    ['AUDIT_LOG_ORIGIN', { auditSigningKey: current.privateKeyPem, auditLogOrigin: 'has space' }],
    ['AUDIT_LOG_ORIGIN', { auditSigningKey: current.privateKeyPem, auditLogOrigin: 'a+b' }],
  ])('stops the boot naming %s', (setting, settings) => {
    expect(() => trustOf(settings)).toThrow(ConfigError);
    expect(() => trustOf(settings)).toThrow(new RegExp(setting));
  });
});
