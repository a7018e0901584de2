import fc from 'fast-check';
import { chainHash, GENESIS_HASH } from './chain-hash';
import { ChainRow, verifyChain } from './verify-chain';

/** Invariant 7: any single change, deletion, insertion or swap is found at the right seq. */

interface AuditEvent {
  type: string;
  version: number;
  data: unknown;
}

function buildChain(events: AuditEvent[]): ChainRow[] {
  let prevHash = GENESIS_HASH;
  return events.map((event, index) => {
    const hash = chainHash(prevHash, event);
    const row = { seq: index + 1, event, hash, prevHash };
    prevHash = hash;
    return row;
  });
}

const renumber = (rows: ChainRow[]): ChainRow[] =>
  rows.map((row, index) => ({ ...row, seq: index + 1 }));

const eventArbitrary: fc.Arbitrary<AuditEvent> = fc.record({
  type: fc.constantFrom('COURSE_CREDIT', 'CERTIFICATE', 'REVERSAL', 'EXEMPTION'),
  version: fc.integer({ min: 0, max: 1_000_000 }),
  data: fc.jsonValue({ maxDepth: 2 }),
});

/** A chain of at least three rows and a position inside it. */
const chainWithIndex = fc.array(eventArbitrary, { minLength: 3, maxLength: 25 }).chain((events) =>
  fc.record({
    events: fc.constant(events),
    index: fc.integer({ min: 0, max: events.length - 1 }),
  }),
);

const middle = (length: number, index: number): number => Math.min(Math.max(index, 1), length - 2);

describe('audit chain verification (properties)', () => {
  it('accepts every chain it built', () => {
    fc.assert(
      fc.property(fc.array(eventArbitrary, { maxLength: 25 }), (events) => {
        const rows = buildChain(events);
        const result = verifyChain(rows);
        expect(result.valid).toBe(true);
        expect(result.checked).toBe(events.length);
        expect(result.headHash).toBe(rows.length ? rows[rows.length - 1].hash : GENESIS_HASH);
      }),
    );
  });

  it('finds a changed event at its seq', () => {
    fc.assert(
      fc.property(chainWithIndex, ({ events, index }) => {
        const rows = buildChain(events);
        const event = rows[index].event as AuditEvent;
        rows[index] = { ...rows[index], event: { ...event, version: event.version + 1 } };
        expect(verifyChain(rows)).toMatchObject({ valid: false, firstInvalidSeq: index + 1 });
      }),
    );
  });

  it('finds a deleted middle row at its seq, renumbered or not', () => {
    fc.assert(
      fc.property(chainWithIndex, ({ events, index }) => {
        const at = middle(events.length, index);
        const rows = buildChain(events).filter((_, position) => position !== at);
        expect(verifyChain(rows)).toMatchObject({ valid: false, firstInvalidSeq: at + 1 });
        expect(verifyChain(renumber(rows))).toMatchObject({
          valid: false,
          firstInvalidSeq: at + 1,
        });
      }),
    );
  });

  it('finds two swapped adjacent rows at the earlier seq, renumbered or not', () => {
    fc.assert(
      fc.property(chainWithIndex, ({ events, index }) => {
        const at = Math.min(index, events.length - 2);
        const rows = buildChain(events);
        [rows[at], rows[at + 1]] = [rows[at + 1], rows[at]];
        expect(verifyChain(rows)).toMatchObject({ valid: false, firstInvalidSeq: at + 1 });
        expect(verifyChain(renumber(rows))).toMatchObject({
          valid: false,
          firstInvalidSeq: at + 1,
        });
      }),
    );
  });

  it('finds a well-formed forged row inserted anywhere before the head at its seq', () => {
    fc.assert(
      fc.property(chainWithIndex, eventArbitrary, ({ events, index }, forgedEvent) => {
        const rows = buildChain(events);
        const prevHash = index === 0 ? GENESIS_HASH : rows[index - 1].hash;
        const forged = {
          seq: 0,
          event: forgedEvent,
          prevHash,
          hash: chainHash(prevHash, forgedEvent),
        };
        const tampered = renumber([...rows.slice(0, index), forged, ...rows.slice(index)]);
        expect(verifyChain(tampered)).toMatchObject({ valid: false, firstInvalidSeq: index + 1 });
      }),
    );
  });
});
