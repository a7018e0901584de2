import { createPrivateKey, sign } from 'node:crypto';
import { noteKeyId, noteVerifierKey } from '../tree-heads/tree-head-format';
import { openCheckpointNote, openNote, parseVerifierKey, SignedNoteError } from './signed-note';

// The example key and note of the Go reference implementation (golang.org/x/mod/sumdb/note).
const VKEY = 'PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW';
const SEED = Buffer.from('AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz', 'base64').subarray(1);
const TEXT =
  "If you think cryptography is the answer to your problem,\nthen you don't know what your problem is.\n";
const SIGNATURE_LINE =
  '— PeterNeumann x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n';
const NOTE = `${TEXT}\n${SIGNATURE_LINE}`;

const PKCS8_ED25519_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex');
const privateKey = createPrivateKey({
  key: Buffer.concat([PKCS8_ED25519_PREFIX, SEED]),
  format: 'der',
  type: 'pkcs8',
});

function signNote(text: string, name = 'PeterNeumann'): string {
  const key = parseVerifierKey(VKEY);
  const signature = sign(null, Buffer.from(text, 'utf8'), privateKey);
  return `${text}\n— ${name} ${Buffer.concat([noteKeyId(name, Buffer.from(key.publicKeyBase64, 'base64')), signature]).toString('base64')}\n`;
}

describe('C2SP signed notes', () => {
  const key = parseVerifierKey(VKEY);

  it('reads a verifier key whose base64 part contains "+"', () => {
    const raw = Buffer.from('fb'.repeat(32), 'hex');
    const text = noteVerifierKey('log.example/audit', raw);
    expect(text.split('+').length).toBeGreaterThan(3);
    expect(parseVerifierKey(text)).toMatchObject({
      name: 'log.example/audit',
      keyId: noteKeyId('log.example/audit', raw).toString('hex'),
      publicKeyBase64: raw.toString('base64'),
    });
  });

  it('opens the reference note with the reference key', () => {
    expect(key.keyId).toBe('c74f20a3');
    expect(openNote(NOTE, key)).toBe(TEXT);
    expect(signNote(TEXT)).toBe(NOTE); // Ed25519 is deterministic: the same bytes as Go's
  });

  it('ignores signatures by other keys and refuses a note without the pinned one', () => {
    const cosigned = `${NOTE}— witness.example ${'A'.repeat(91)}=\n`;
    expect(openNote(cosigned, key)).toBe(TEXT);
    expect(() => openNote(`${TEXT}\n— someone.else ${'A'.repeat(91)}=\n`, key)).toThrow(
      /no signature by PeterNeumann/,
    );
  });

  it.each([
    ['a changed text', NOTE.replace('problem,', 'problem;')],
    ['a changed signature', NOTE.replace('x08go', 'x08gp')],
    ['no blank line', NOTE.replace('\n\n', '\n')],
    ['no final newline', NOTE.slice(0, -1)],
    ['a hyphen for the em dash', NOTE.replace('—', '-')],
  ])('refuses %s', (_label, note) => {
    expect(() => openNote(note, key)).toThrow(SignedNoteError);
  });

  it.each([
    ['a wrong key id', VKEY.replace('c74f20a3', 'c74f20a4')],
    ['a renamed key', VKEY.replace('PeterNeumann', 'PeterNeumanm')],
    ['a short key', VKEY.slice(0, -4)],
    ['another algorithm', VKEY.replace('+ARpc', '+AhpC')],
    ['two parts', 'PeterNeumann+c74f20a3'],
  ])('refuses a verifier key with %s', (_label, text) => {
    expect(() => parseVerifierKey(text)).toThrow(SignedNoteError);
  });

  it('reads a checkpoint body: origin, tree size, base64 root', () => {
    const root = Buffer.alloc(32, 7);
    const checkpoint = openCheckpointNote(
      signNote(`log.example/audit\n42\n${root.toString('base64')}\n`),
      key,
    );
    expect(checkpoint).toMatchObject({
      origin: 'log.example/audit',
      treeSize: 42,
      rootHash: root.toString('hex'),
    });
    for (const text of [
      `log.example/audit\n042\n${root.toString('base64')}\n`,
      `log.example/audit\n42\n${Buffer.alloc(31).toString('base64')}\n`,
      `log.example/audit\n-1\n${root.toString('base64')}\n`,
    ]) {
      expect(() => openCheckpointNote(signNote(text), key)).toThrow(/not a checkpoint/);
    }
  });
});
