import { createHmac, createPrivateKey } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { canonicalJson } from '@app/core';
import { chainHash, GENESIS_HASH } from './chain';
import { inclusionProof, leafHash, MerkleFrontier, nodeKey, StoredNode } from './merkle';
import { consistencyProof } from './merkle/merkle-proofs';
import { AuditTrust } from './signing/audit-trust';
import { checkTreeHead, signTreeHead, viewOfTreeHead } from './tree-heads/signed-tree-head';

/**
 * The README's "The log's format" worked example, recomputed with the product's code: every
 * value the README prints must be what the code computes, so the documentation cannot drift
 * from the bytes the log hashes and signs.
 */

const README = readFileSync(join(__dirname, '../../../README.md'), 'utf8');
const section = README.slice(
  README.indexOf("## The log's format"),
  README.indexOf('## Server mode'),
);

/** RFC 8032 test vector 1: a published key, so that anyone can reproduce the signatures. */
const RFC8032_SEED = '9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60';
const signingKeyPem = createPrivateKey({
  key: Buffer.concat([
    Buffer.from('302e020100300506032b657004220420', 'hex'),
    Buffer.from(RFC8032_SEED, 'hex'),
  ]),
  format: 'der',
  type: 'pkcs8',
})
  .export({ type: 'pkcs8', format: 'pem' })
  .toString();

const actor = {
  userId: null,
  username: 'system',
  role: 'SYSTEM',
  institutionId: null,
  certificationBodyId: null,
};
const payloadOf = (n: number, code: string, name: string) => ({
  type: 'institution.created',
  learnerId: null,
  actor,
  changes: [
    { kind: 'institution', id: `0190c0de-0000-7000-8000-00000000000${n}`, state: { code, name } },
  ],
  details: {},
  occurredAt: '2026-01-01T00:00:00.000Z',
});
const payloads = [payloadOf(1, 'ZZ01', '株洲职业技术学院'), payloadOf(2, 'ZZ02', 'Changsha')];
const events = payloads.map((payload, index) => ({ ...payload, outboxId: String(index + 1) }));
const OUTBOX_HMAC_KEY = Buffer.from([...Array(32).keys()]);

describe("the README's worked example of the log's format", () => {
  const trust = new AuditTrust({
    auditLogOrigin: 'credit-bank-ledger/audit',
    auditSigningKey: signingKeyPem,
  });
  const bytes = events.map((event) => canonicalJson(event));
  const frontier = MerkleFrontier.empty();
  const nodes = new Map<string, StoredNode>();
  for (const text of bytes) {
    for (const node of frontier.append(leafHash(Buffer.from(text, 'utf8'))))
      nodes.set(nodeKey(node), node);
  }
  const reader = (addresses: readonly { level: number; index: number }[]) =>
    Promise.resolve(addresses.flatMap((address) => nodes.get(nodeKey(address)) ?? []));
  const root = frontier.root().toString('hex');
  const signed = signTreeHead(trust, {
    origin: trust.origin,
    treeSize: 2,
    rootHash: root,
    timestamp: '2026-01-01T00:01:00.000Z',
  });

  it('has the section', () => {
    expect(section.length).toBeGreaterThan(1000);
  });

  it('shows the events as the canonical JSON the log hashes', () => {
    bytes.forEach((text, index) => expect(section).toContain(`E${index + 1}='${text}'`));
  });

  it('shows the leaf hashes, the root, the proofs and the chain hashes the code computes', async () => {
    const leaves = bytes.map((text) => leafHash(Buffer.from(text, 'utf8')).toString('hex'));
    expect(section).toContain(`# leaf 0: ${leaves[0]}`);
    expect(section).toContain(`# leaf 1: ${leaves[1]}`);
    expect(section).toContain(`printf '%s' ${leaves[0]}${leaves[1]} | xxd -r -p`);
    expect(section).toContain(`# root of 2: ${root}`);
    expect((await inclusionProof(reader, 0, 2)).map((hash) => hash.toString('hex'))).toEqual([
      leaves[1],
    ]);
    expect((await consistencyProof(reader, 1, 2)).map((hash) => hash.toString('hex'))).toEqual([
      leaves[1],
    ]);
    const first = chainHash(GENESIS_HASH, events[0]);
    expect(section).toContain(`# chain, seq 1: ${first}`);
    expect(section).toContain(`# chain, seq 2: ${chainHash(first, events[1])}`);
  });

  it('shows the key, its fingerprint and note key id, and the head signed both ways', () => {
    const key = trust.currentKey;
    expect(key.publicKeyBase64).toBe(
      Buffer.from(
        'd75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a',
        'hex',
      ).toString('base64'),
    );
    expect(section).toContain(key.publicKeyPem.split('\n')[1]);
    expect(section).toContain(`# fingerprint: ${key.fingerprint}`);
    expect(section).toContain(`# key id: ${key.noteKeyId}`);
    expect(section).toContain(`printf '%s' '${signed.payload}' > head.json`);
    expect(section).toContain(`echo ${signed.signature} | base64 -d > head.sig`);
    const check = checkTreeHead(trust, {
      id: '1',
      tree_size: '2',
      root_hash: root,
      key_fingerprint: signed.keyFingerprint,
      payload: signed.payload,
      signature: signed.signature,
      note_signature: signed.noteSignature,
    });
    if (!check.trusted) throw new Error(check.reason);
    const view = viewOfTreeHead(check, {
      payload: signed.payload,
      signature: signed.signature,
      note_signature: signed.noteSignature,
    });
    expect(section).toContain(`# root in base64: ${Buffer.from(root, 'hex').toString('base64')}`);
    expect(section).toContain(`\`\`\`text\n${view.note}\`\`\``);
    const noteLine = view.note.trimEnd().split('\n').pop() as string;
    expect(section).toContain(
      `echo ${noteLine.split(' ').pop()} | base64 -d | tail -c 64 > note.sig`,
    );
  });

  it('shows the outbox HMAC of the first payload (HMAC-SHA256 over its canonical JSON)', () => {
    expect(canonicalJson(payloads[0])).toBe(bytes[0].replace(',"outboxId":"1"', ''));
    const hmac = createHmac('sha256', OUTBOX_HMAC_KEY)
      .update(canonicalJson(payloads[0]), 'utf8')
      .digest('hex');
    expect(section).toContain(`echo ${OUTBOX_HMAC_KEY.toString('base64')} | base64 -d`);
    expect(section).toContain(`# HMAC under that OUTBOX_HMAC_KEY: ${hmac}`);
  });
});
