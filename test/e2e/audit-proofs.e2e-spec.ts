import {
  AuditAppender,
  AuditTrust,
  parseSignedNote,
  parseCheckpointBody,
  verifyInclusion,
  verifyText,
} from '@app/audit';
import { Role } from '@app/core';
import { anAuditScene, AuditScene, postSceneCredit } from '../support/audit-helpers';
import { bearer } from '../support/factories';
import { createTestApp, TestApp } from '../support/test-app';

const hex = (value: string): Buffer => Buffer.from(value, 'hex');

/**
 * The public side of the log over HTTP: tree heads as JSON and as a signed note, the keys,
 * inclusion and consistency proofs, what bad or impossible parameters answer, and a learner
 * proving each of their own records is in the signed log. The log holds the scene's records
 * (institution, courses, learners, logins) and then 5 credits, at `at(1)` to `at(5)`.
 */
describe('audit tree heads, proofs and keys over HTTP', () => {
  let t: TestApp;
  let scene: AuditScene;
  let learnerToken: string;
  /** Records before the first credit's. */
  let base: number;
  const at = (credit: number): number => base + credit;
  /** A path written with `at(n)` in it, as the test's own name shows it, with the sizes filled in. */
  const sized = (path: string): string =>
    path.replace(/at\((\d+)\)/g, (_match, credit: string) => String(at(Number(credit))));

  beforeAll(async () => {
    t = await createTestApp('audit proofs');
    scene = await anAuditScene(t, { courses: 3, learners: 2 });
    learnerToken = await t.tokenFor(Role.LEARNER, { learnerId: scene.learners[0] });
    const appender = t.app.get(AuditAppender);
    base = (await appender.appendPending()).appended;
    for (let n = 0; n < 5; n++) await postSceneCredit(t, { scene, n }).expect(201);
    await expect(appender.appendPending()).resolves.toMatchObject({ appended: 5 });
  }, 120_000);

  afterAll(async () => {
    await t?.close();
  }, 60_000);

  it('answers 404 problem+json before any head is signed', async () => {
    for (const path of ['/v1/audit/tree-heads/latest', '/v1/audit/checkpoints/latest']) {
      const response = await t.http().get(path).expect(404);
      expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(response.body).toMatchObject({ code: 'AUDIT.NO_TREE_HEAD' });
    }
    await expect(t.http().get('/v1/audit/tree-heads').expect(200)).resolves.toMatchObject({
      body: { items: [], nextCursor: null },
    });
  });

  it('signs a head for an ADMIN only, and serves it as JSON and as a C2SP signed note', async () => {
    await t.http().post('/v1/audit/tree-heads').expect(401);
    await t.http().post('/v1/audit/tree-heads').set(bearer(scene.registrar)).expect(403);
    const made = await t.http().post('/v1/audit/tree-heads').set(bearer(scene.admin)).expect(201);
    expect(made.body).toMatchObject({ origin: 'credit-bank-ledger/audit', treeSize: at(5) });
    const json = await t.http().get('/v1/audit/tree-heads/latest').expect(200);
    expect(json.body).toEqual(made.body);
    const note = await t.http().get('/v1/audit/tree-heads/latest?format=note').expect(200);
    expect(note.headers['content-type']).toMatch(/^text\/plain/);
    expect(note.text).toBe(made.body.note);
    const parsed = parseSignedNote(note.text);
    expect(parseCheckpointBody(parsed.body)).toEqual({
      origin: made.body.origin,
      treeSize: at(5),
      rootHash: made.body.rootHash,
    });
    const keys = await t.http().get('/v1/audit/keys').expect(200);
    const [key] = keys.body.items as { noteVerifierKey: string; publicKeyBase64: string }[];
    const [name, keyId] = key.noteVerifierKey.split('+');
    expect(parsed.signatures).toEqual([expect.objectContaining({ keyName: name, keyId })]);
    expect(verifyText(key.publicKeyBase64, parsed.body, parsed.signatures[0].signature)).toBe(true);
    await t.http().get('/v1/audit/tree-heads/latest?format=xml').expect(422);
  });

  it('lists the configured keys, current first, with fingerprints', async () => {
    const response = await t.http().get('/v1/audit/keys').expect(200);
    const trust = t.app.get(AuditTrust);
    expect(response.body).toEqual({
      origin: trust.origin,
      total: 1,
      items: [
        {
          fingerprint: trust.currentKey.fingerprint,
          status: 'current',
          algorithm: 'Ed25519',
          publicKeyBase64: trust.currentKey.publicKeyBase64,
          publicKeyPem: trust.currentKey.publicKeyPem,
          noteVerifierKey: trust.currentKey.noteVerifierKey,
        },
      ],
    });
  });

  it('pages the heads, largest tree first', async () => {
    await t.http().post('/v1/audit/tree-heads').set(bearer(scene.admin)).expect(201);
    const first = await t.http().get('/v1/audit/tree-heads?limit=1').expect(200);
    expect(first.body.items).toHaveLength(1);
    expect(first.body.nextCursor).toMatch(new RegExp(`^${at(5)}-\\d+$`));
    const second = await t
      .http()
      .get(`/v1/audit/tree-heads?limit=1&cursor=${first.body.nextCursor}`)
      .expect(200);
    expect(second.body.items).toHaveLength(1);
    expect(second.body.items[0].timestamp <= first.body.items[0].timestamp).toBe(true);
    for (const cursor of ['abc', '5-x', '1-2-3', `${'9'.repeat(19)}-1`]) {
      const bad = await t.http().get(`/v1/audit/tree-heads?cursor=${cursor}`).expect(422);
      expect(bad.body.errors).toEqual([expect.objectContaining({ field: 'cursor' })]);
    }
  });

  it('lets a learner prove each of their own records is in the signed head', async () => {
    const head = (await t.http().get('/v1/audit/tree-heads/latest').expect(200)).body as {
      treeSize: number;
      rootHash: string;
    };
    const own = await t.http().get('/v1/audit/events').set(bearer(learnerToken)).expect(200);
    const items = own.body.items as { seq: string; leafHash: string }[];
    expect(items.length).toBeGreaterThan(0);
    for (const item of items) {
      const proof = await t
        .http()
        .get(`/v1/audit/proofs/inclusion?seq=${item.seq}&treeSize=${head.treeSize}`)
        .expect(200);
      expect(proof.body).toMatchObject({
        leafIndex: Number(item.seq) - 1,
        treeSize: head.treeSize,
        leafHash: item.leafHash,
      });
      const check = verifyInclusion({
        leafIndex: proof.body.leafIndex,
        treeSize: proof.body.treeSize,
        leafHash: hex(item.leafHash),
        path: (proof.body.path as string[]).map(hex),
        rootHash: hex(head.rootHash),
      });
      expect(check).toEqual({ valid: true });
    }
  });

  it.each([
    ['/v1/audit/proofs/inclusion?seq=0&treeSize=at(5)', ['seq']],
    ['/v1/audit/proofs/inclusion?seq=-1&treeSize=at(5)', ['seq']],
    ['/v1/audit/proofs/inclusion?seq=1.5&treeSize=at(5)', ['seq']],
    ['/v1/audit/proofs/inclusion?seq=0x1&treeSize=at(5)', ['seq']],
    ['/v1/audit/proofs/inclusion?seq=1', ['treeSize']],
    // A seq one past the tree asked about.
    ['/v1/audit/proofs/inclusion?seq=at(6)&treeSize=at(5)', ['seq']],
    ['/v1/audit/proofs/inclusion?seq=1&treeSize=at(5)&seq=2', ['seq']],
    ['/v1/audit/proofs/consistency?first=0&second=at(5)', ['first']],
    ['/v1/audit/proofs/consistency?first=3&second=2', ['first']],
    ['/v1/audit/proofs/consistency?first=1&second=abc', ['second']],
    ['/v1/audit/proofs/consistency', ['first', 'second']],
  ])('answers 422 naming the field for %s', async (path, fields) => {
    const response = await t.http().get(sized(path)).expect(422);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect([
      ...new Set((response.body.errors as { field: string }[]).map((error) => error.field)),
    ]).toEqual(fields);
  });

  // The log holds at(5) records: at(6) is one past its end.
  it.each([
    '/v1/audit/proofs/inclusion?seq=1&treeSize=at(6)',
    '/v1/audit/proofs/inclusion?seq=1&treeSize=9999999999999999',
    '/v1/audit/proofs/consistency?first=1&second=at(6)',
  ])('answers 404 for a tree the log does not hold yet: %s', async (path) => {
    const response = await t.http().get(sized(path)).expect(404);
    expect(response.body).toMatchObject({ code: 'AUDIT.TREE_SIZE_BEYOND_LOG', logSize: at(5) });
  });

  it('proves consistency between sizes the log holds', async () => {
    const response = await t
      .http()
      .get(`/v1/audit/proofs/consistency?first=${at(3)}&second=${at(5)}`)
      .expect(200);
    expect(response.body).toMatchObject({ first: at(3), second: at(5) });
    expect((response.body.path as string[]).every((hash) => /^[0-9a-f]{64}$/.test(hash))).toBe(
      true,
    );
    await expect(
      t
        .http()
        .get(`/v1/audit/proofs/consistency?first=${at(5)}&second=${at(5)}`)
        .expect(200),
    ).resolves.toMatchObject({ body: { first: at(5), second: at(5), path: [] } });
  });
});
