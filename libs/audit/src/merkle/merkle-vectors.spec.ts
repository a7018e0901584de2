import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { leafHash, MerkleFrontier, StoredNode } from '.';
import { consistencyProof, inclusionProof, NodeReader } from './merkle-proofs';
import { nodeKey } from './tree-shape';
import { verifyConsistency, verifyInclusion } from './verify-proofs';

/**
 * transparency-dev/merkle's RFC 6962 proof vectors (test/fixtures/merkle, Apache-2.0): the
 * verifiers accept every `wantErr: false` case and refuse every `wantErr: true` one, and the
 * proofs this module generates over the same leaves are the vectors' proofs, byte for byte.
 */

const VECTORS = join(__dirname, '../../../../test/fixtures/merkle');

interface InclusionVector {
  leafIdx: number;
  treeSize: number;
  root: string | null;
  leafHash: string | null;
  proof: string[] | null;
  desc: string;
  wantErr: boolean;
}

interface ConsistencyVector {
  size1: number;
  size2: number;
  root1: string | null;
  root2: string | null;
  proof: string[] | null;
  desc: string;
  wantErr: boolean;
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? filesUnder(join(dir, entry.name)) : [join(dir, entry.name)],
  );
}

function load<T>(kind: string): [string, T][] {
  return filesUnder(join(VECTORS, kind))
    .filter((file) => file.endsWith('.json'))
    .sort()
    .map((file) => [relative(VECTORS, file), JSON.parse(readFileSync(file, 'utf8')) as T]);
}

const bytes = (base64: string | null): Buffer => Buffer.from(base64 ?? '', 'base64');
const path = (proof: string[] | null): Buffer[] => (proof ?? []).map(bytes);

const inclusionVectors = load<InclusionVector>('inclusion');
const consistencyVectors = load<ConsistencyVector>('consistency');

/** The leaves of RFC 6962's reference tree, which the vectors' happy paths are proofs over. */
const REFERENCE_LEAVES = [
  '',
  '00',
  '10',
  '2021',
  '3031',
  '40414243',
  '5051525354555657',
  '606162636465666768696a6b6c6d6e6f',
].map((hex) => Buffer.from(hex, 'hex'));

function storeOf(leaves: Buffer[]): NodeReader {
  const frontier = MerkleFrontier.empty();
  const nodes = new Map<string, StoredNode>();
  for (const leaf of leaves) {
    for (const node of frontier.append(leafHash(leaf))) nodes.set(nodeKey(node), node);
  }
  return (addresses) =>
    Promise.resolve(addresses.flatMap((address) => nodes.get(nodeKey(address)) ?? []));
}

describe('the transparency-dev RFC 6962 vectors', () => {
  it('are all here (196 files, each kind with happy paths and refusals)', () => {
    expect(inclusionVectors.length + consistencyVectors.length).toBe(196);
    for (const vectors of [inclusionVectors, consistencyVectors]) {
      expect(vectors.some(([, vector]) => vector.wantErr)).toBe(true);
      expect(vectors.some(([, vector]) => !vector.wantErr)).toBe(true);
    }
  });

  it.each(inclusionVectors)('inclusion %s', (_file, vector) => {
    const check = verifyInclusion({
      leafIndex: vector.leafIdx,
      treeSize: vector.treeSize,
      leafHash: bytes(vector.leafHash),
      path: path(vector.proof),
      rootHash: bytes(vector.root),
    });
    expect({ desc: vector.desc, valid: check.valid }).toEqual({
      desc: vector.desc,
      valid: !vector.wantErr,
    });
  });

  it.each(consistencyVectors)('consistency %s', (_file, vector) => {
    const check = verifyConsistency({
      first: vector.size1,
      second: vector.size2,
      firstRoot: bytes(vector.root1),
      secondRoot: bytes(vector.root2),
      path: path(vector.proof),
    });
    expect({ desc: vector.desc, valid: check.valid }).toEqual({
      desc: vector.desc,
      valid: !vector.wantErr,
    });
  });

  it('generates exactly the happy paths’ proofs over RFC 6962’s reference leaves', async () => {
    const happy = <T extends { wantErr: boolean; desc: string }>(vectors: [string, T][]) =>
      vectors.filter(([, vector]) => vector.desc === 'happy path').map(([, vector]) => vector);
    const inclusions = happy(inclusionVectors);
    const consistencies = happy(consistencyVectors);
    expect(inclusions.length).toBe(5);
    expect(consistencies.length).toBe(5);
    for (const vector of inclusions) {
      const reader = storeOf(REFERENCE_LEAVES.slice(0, vector.treeSize));
      const proof = await inclusionProof(reader, vector.leafIdx, vector.treeSize);
      expect(proof.map((hash) => hash.toString('base64'))).toEqual(vector.proof ?? []);
      expect(leafHash(REFERENCE_LEAVES[vector.leafIdx]).toString('base64')).toBe(vector.leafHash);
    }
    for (const vector of consistencies) {
      const reader = storeOf(REFERENCE_LEAVES.slice(0, vector.size2));
      const proof = await consistencyProof(reader, vector.size1, vector.size2);
      expect(proof.map((hash) => hash.toString('base64'))).toEqual(vector.proof ?? []);
    }
  });
});
