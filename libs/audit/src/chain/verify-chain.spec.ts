import { chainHash, GENESIS_HASH } from './chain-hash';
import { ChainRow, ChainVerifier, verifyChain } from './verify-chain';

/** Rows as the audit appender writes them, seq 1..n. */
function buildChain(events: unknown[], startSeq = 0, startHash = GENESIS_HASH): ChainRow[] {
  const rows: ChainRow[] = [];
  let prevHash = startHash;
  events.forEach((event, index) => {
    const hash = chainHash(prevHash, event);
    rows.push({ seq: startSeq + index + 1, event, hash, prevHash });
    prevHash = hash;
  });
  return rows;
}

/** Rewrites seq so that rows are numbered 1..n again, as an attacker covering a gap would. */
function renumber(rows: ChainRow[]): ChainRow[] {
  return rows.map((row, index) => ({ ...row, seq: index + 1 }));
}

const events = Array.from({ length: 10 }, (_, index) => ({
  type: 'COURSE_CREDIT',
  entryId: `entry-${index + 1}`,
  credits: '4.5',
}));

describe('ChainVerifier', () => {
  const rows = buildChain(events);

  it('accepts an empty chain at the genesis position', () => {
    expect(verifyChain([])).toEqual({
      valid: true,
      checked: 0,
      headSeq: 0,
      headHash: GENESIS_HASH,
    });
  });

  it('accepts an intact chain and reports its head', () => {
    expect(verifyChain(rows)).toEqual({
      valid: true,
      checked: 10,
      headSeq: 10,
      headHash: rows[9].hash,
    });
  });

  it('verifies across streamed batches, with seq as number, string or bigint', () => {
    const verifier = new ChainVerifier();
    rows.slice(0, 4).forEach((row) => verifier.push({ ...row, seq: String(row.seq) }));
    expect(verifier.result()).toMatchObject({ valid: true, checked: 4, headSeq: 4 });
    rows.slice(4).forEach((row) => verifier.push({ ...row, seq: BigInt(row.seq) }));
    expect(verifier.result()).toMatchObject({ valid: true, checked: 10, headHash: rows[9].hash });
  });

  it('resumes from a trusted position instead of the genesis', () => {
    const result = verifyChain(rows.slice(6), { seq: '6', hash: rows[5].hash });
    expect(result).toMatchObject({ valid: true, checked: 4, headSeq: 10 });
    expect(verifyChain(rows.slice(6), { seq: 6, hash: rows[4].hash })).toMatchObject({
      valid: false,
      firstInvalidSeq: 7,
      problemCode: 'BROKEN_LINK',
    });
  });

  it('locates a changed payload at its own seq', () => {
    const tampered = rows.map((row) =>
      row.seq === 4 ? { ...row, event: { ...events[3], credits: '8' } } : row,
    );
    expect(verifyChain(tampered)).toMatchObject({
      valid: false,
      checked: 3,
      headSeq: 3,
      firstInvalidSeq: 4,
      problemCode: 'HASH_MISMATCH',
    });
  });

  it('locates a changed stored hash at its own seq', () => {
    const tampered = rows.map((row) => (row.seq === 4 ? { ...row, hash: 'f'.repeat(64) } : row));
    expect(verifyChain(tampered)).toMatchObject({
      firstInvalidSeq: 4,
      problemCode: 'HASH_MISMATCH',
    });
  });

  it('reports a payload rewritten together with its hash at the next seq (documented limit)', () => {
    const forged = { ...events[3], credits: '8' };
    const tampered = rows.map((row) =>
      row.seq === 4 ? { ...row, event: forged, hash: chainHash(row.prevHash, forged) } : row,
    );
    expect(verifyChain(tampered)).toMatchObject({ firstInvalidSeq: 5, problemCode: 'BROKEN_LINK' });
  });

  it('locates a deleted middle row at the first missing seq', () => {
    const withoutFive = rows.filter((row) => row.seq !== 5);
    expect(verifyChain(withoutFive)).toMatchObject({
      valid: false,
      headSeq: 4,
      firstInvalidSeq: 5,
      problemCode: 'MISSING_ROWS',
    });
  });

  it('locates a deleted middle row whose followers were renumbered', () => {
    const covered = renumber(rows.filter((row) => row.seq !== 5));
    expect(verifyChain(covered)).toMatchObject({ firstInvalidSeq: 5, problemCode: 'BROKEN_LINK' });
  });

  it('locates two swapped rows at the earlier position, whether or not seq was swapped too', () => {
    const swapped = [...rows];
    [swapped[5], swapped[6]] = [swapped[6], swapped[5]];
    expect(verifyChain(swapped)).toMatchObject({ firstInvalidSeq: 6, problemCode: 'MISSING_ROWS' });
    expect(verifyChain(renumber(swapped))).toMatchObject({
      firstInvalidSeq: 6,
      problemCode: 'BROKEN_LINK',
    });
  });

  it('locates an inserted row that links and hashes correctly at the inserted position', () => {
    const forgedEvent = { type: 'CERTIFICATE', entryId: 'forged' };
    const forged = {
      seq: 0,
      event: forgedEvent,
      prevHash: rows[2].hash,
      hash: chainHash(rows[2].hash, forgedEvent),
    };
    const inserted = renumber([...rows.slice(0, 3), forged, ...rows.slice(3)]);
    expect(verifyChain(inserted)).toMatchObject({
      valid: false,
      headSeq: 4,
      firstInvalidSeq: 4,
      problemCode: 'INSERTED_ROWS',
    });
  });

  it('locates a block of inserted rows, even before the first genuine row', () => {
    const forgedRows = buildChain([{ forged: 1 }, { forged: 2 }]);
    expect(verifyChain(renumber([...forgedRows, ...rows]))).toMatchObject({
      firstInvalidSeq: 1,
      problemCode: 'INSERTED_ROWS',
      problem: expect.stringContaining('rows 1..2 were inserted') as string,
    });
  });

  it('locates an inserted row that does not link at the inserted position', () => {
    const forgedEvent = { forged: true };
    const forged = {
      seq: 0,
      event: forgedEvent,
      prevHash: 'a'.repeat(64),
      hash: chainHash('a'.repeat(64), forgedEvent),
    };
    const inserted = renumber([...rows.slice(0, 3), forged, ...rows.slice(3)]);
    expect(verifyChain(inserted)).toMatchObject({ firstInvalidSeq: 4, problemCode: 'BROKEN_LINK' });
  });

  it('locates a second row claiming an already verified seq, in either order', () => {
    const forgedEvent = { forged: true };
    const forged = {
      seq: 3,
      event: forgedEvent,
      prevHash: rows[1].hash,
      hash: chainHash(rows[1].hash, forgedEvent),
    };
    const after = [...rows.slice(0, 3), forged, ...rows.slice(3)];
    const before = [...rows.slice(0, 2), forged, ...rows.slice(2)];
    expect(verifyChain(after)).toMatchObject({ firstInvalidSeq: 3, problemCode: 'DUPLICATE_SEQ' });
    expect(verifyChain(before)).toMatchObject({ firstInvalidSeq: 3, problemCode: 'DUPLICATE_SEQ' });
  });

  it.each<[string, Partial<ChainRow>]>([
    ['a non-numeric seq', { seq: 'three' }],
    ['a fractional seq', { seq: 3.5 }],
    ['a malformed hash', { hash: 'XYZ' }],
    ['an event that is not JSON', { event: { at: new Date(0) } }],
  ])('reports %s at the expected seq', (_label, change) => {
    const broken = rows.map((row) => (row.seq === 3 ? { ...row, ...change } : row));
    expect(verifyChain(broken)).toMatchObject({ firstInvalidSeq: 3, problemCode: 'MALFORMED_ROW' });
  });

  it('ignores rows pushed after the first problem, so the first bad position stands', () => {
    const verifier = new ChainVerifier();
    verifier.push(rows[0]);
    verifier.push(rows[2]);
    expect(verifier.broken).toBe(true);
    verifier.push({ ...rows[5], hash: '0'.repeat(64) });
    expect(verifier.result()).toMatchObject({
      checked: 1,
      firstInvalidSeq: 2,
      problemCode: 'MISSING_ROWS',
    });
  });

  it('refuses a malformed start position', () => {
    expect(() => new ChainVerifier({ seq: -1, hash: GENESIS_HASH })).toThrow(TypeError);
    expect(() => new ChainVerifier({ seq: 1, hash: 'nope' })).toThrow(TypeError);
  });
});
