import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { verifyConsistency } from '../merkle';
import {
  NoteVerifierKey,
  openCheckpointNote,
  SignedNoteError,
  TreeCheckpoint,
} from './signed-note';

/**
 * An outsider's check of the log (`npm run audit:witness -- URL`): fetch the newest signed tree
 * head, check its signature against a key the witness pinned, and check that it extends the last
 * head this witness saw (RFC 9162 consistency proof), keeping the heads in its own file, outside
 * the log's database. A log that rewrote or forked its history cannot show both this witness's
 * last head and a new one as consistent: the witness stops with exit code 1 and keeps the
 * conflicting signed note as evidence.
 */

export interface WitnessedHead {
  origin: string;
  treeSize: number;
  /** Lowercase hex. */
  rootHash: string;
  /** The signed note exactly as served. */
  note: string;
  seenAt: string;
}

export interface WitnessState {
  version: 1;
  url: string;
  verifierKey: string;
  latest: WitnessedHead | null;
  /** Heads seen, oldest first (at most HISTORY_LIMIT). */
  history: WitnessedHead[];
  /** Signed notes that contradict the history: proof of a rewrite or fork. */
  evidence: { problem: string; detail: string; note: string; seenAt: string }[];
}

export type WitnessProblem =
  | 'HEAD_NOT_SIGNED'
  | 'ORIGIN_CHANGED'
  | 'TREE_SHRANK'
  | 'FORK_SAME_SIZE'
  | 'CONSISTENCY_PROOF_INVALID';

export interface WitnessOutcome {
  /** 0: consistent (or first head pinned); 1: the log misbehaved; 2: the check could not run. */
  exitCode: 0 | 1 | 2;
  message: string;
  problem?: WitnessProblem;
  previous?: WitnessedHead | null;
  current?: WitnessedHead;
}

export interface WitnessOptions {
  /** The API's base URL, e.g. http://127.0.0.1:3000. */
  url: string;
  statePath: string;
  key: NoteVerifierKey;
  /** The verifier key's text, stored with the state so a later run cannot switch keys silently. */
  keyText: string;
  now?: () => Date;
}

const HISTORY_LIMIT = 1_000;

class CannotRun extends Error {}

export async function witnessOnce(options: WitnessOptions): Promise<WitnessOutcome> {
  try {
    const state = readState(options);
    const note = await fetchText(options.url, '/v1/audit/tree-heads/latest?format=note');
    const seenAt = (options.now?.() ?? new Date()).toISOString();
    let checkpoint: TreeCheckpoint;
    try {
      checkpoint = openCheckpointNote(note, options.key);
    } catch (error) {
      if (!(error instanceof SignedNoteError)) throw error;
      return misbehaved(options, state, 'HEAD_NOT_SIGNED', error.message, note, seenAt);
    }
    const current: WitnessedHead = {
      origin: checkpoint.origin,
      treeSize: checkpoint.treeSize,
      rootHash: checkpoint.rootHash,
      note,
      seenAt,
    };
    const previous = state.latest;
    const refusal = previous ? await contradiction(options.url, previous, current) : undefined;
    if (refusal) {
      return misbehaved(options, state, refusal.problem, refusal.detail, note, seenAt, previous);
    }
    const moved = previous === null || previous.treeSize !== current.treeSize;
    state.latest = current;
    if (moved) state.history = [...state.history, current].slice(-HISTORY_LIMIT);
    writeState(options.statePath, state);
    const message =
      previous === null
        ? `pinned the first head: ${current.origin}, tree size ${current.treeSize}, root ${current.rootHash}`
        : moved
          ? `consistent: tree size ${previous.treeSize} → ${current.treeSize}, root ${current.rootHash}`
          : `unchanged: tree size ${current.treeSize}, root ${current.rootHash}`;
    return { exitCode: 0, message, previous, current };
  } catch (error) {
    return { exitCode: 2, message: `the witness could not run: ${(error as Error).message}` };
  }
}

async function contradiction(
  url: string,
  previous: WitnessedHead,
  current: WitnessedHead,
): Promise<{ problem: WitnessProblem; detail: string } | undefined> {
  if (current.origin !== previous.origin) {
    return {
      problem: 'ORIGIN_CHANGED',
      detail: `the head names log "${current.origin}", the witnessed one "${previous.origin}"`,
    };
  }
  if (current.treeSize < previous.treeSize) {
    return {
      problem: 'TREE_SHRANK',
      detail: `the log now has ${current.treeSize} records; this witness saw ${previous.treeSize} (root ${previous.rootHash})`,
    };
  }
  if (current.treeSize === previous.treeSize) {
    return current.rootHash === previous.rootHash
      ? undefined
      : {
          problem: 'FORK_SAME_SIZE',
          detail: `two signed heads of size ${current.treeSize} with different roots: ${previous.rootHash} (witnessed) and ${current.rootHash}`,
        };
  }
  if (previous.treeSize === 0) return undefined; // every tree extends the empty one
  const proof = await fetchJson(
    url,
    `/v1/audit/proofs/consistency?first=${previous.treeSize}&second=${current.treeSize}`,
  );
  const path = readHexPath(proof);
  const check = verifyConsistency({
    first: previous.treeSize,
    second: current.treeSize,
    firstRoot: Buffer.from(previous.rootHash, 'hex'),
    secondRoot: Buffer.from(current.rootHash, 'hex'),
    path,
  });
  return check.valid
    ? undefined
    : {
        problem: 'CONSISTENCY_PROOF_INVALID',
        detail: `the head of size ${current.treeSize} does not extend the witnessed head of size ${previous.treeSize}: ${check.reason}`,
      };
}

function misbehaved(
  options: WitnessOptions,
  state: WitnessState,
  problem: WitnessProblem,
  detail: string,
  note: string,
  seenAt: string,
  previous: WitnessedHead | null = state.latest,
): WitnessOutcome {
  state.evidence = [...state.evidence, { problem, detail, note, seenAt }];
  writeState(options.statePath, state);
  return {
    exitCode: 1,
    problem,
    previous,
    message: `${problem}: ${detail} (the served note is kept as evidence in ${options.statePath})`,
  };
}

function readState(options: WitnessOptions): WitnessState {
  let text: string;
  try {
    text = readFileSync(options.statePath, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    return {
      version: 1,
      url: options.url,
      verifierKey: options.keyText,
      latest: null,
      history: [],
      evidence: [],
    };
  }
  let state: WitnessState;
  try {
    state = JSON.parse(text) as WitnessState;
  } catch {
    throw new CannotRun(`${options.statePath} is not the witness's JSON; restore it from a backup`);
  }
  if (state.version !== 1 || !Array.isArray(state.history) || !Array.isArray(state.evidence)) {
    throw new CannotRun(`${options.statePath} is not a witness state file (version 1)`);
  }
  if (state.verifierKey !== options.keyText) {
    throw new CannotRun(
      `${options.statePath} was kept with the key ${state.verifierKey}; a new key needs a new state file`,
    );
  }
  return state;
}

/** Write-then-rename, so that a crash never leaves half a state file. */
function writeState(path: string, state: WitnessState): void {
  mkdirSync(dirname(path), { recursive: true });
  const temporary = `${path}.${process.pid}.tmp`;
  writeFileSync(temporary, `${JSON.stringify(state, null, 2)}\n`, { mode: 0o600 });
  renameSync(temporary, path);
}

async function fetchText(base: string, path: string): Promise<string> {
  const response = await get(base, path);
  return response.text();
}

async function fetchJson(base: string, path: string): Promise<unknown> {
  const response = await get(base, path);
  return response.json();
}

async function get(base: string, path: string): Promise<Response> {
  const url = new URL(path, base.endsWith('/') ? base : `${base}/`);
  let response: Response;
  try {
    response = await fetch(url, { signal: AbortSignal.timeout(30_000) });
  } catch (error) {
    throw new CannotRun(`${url.origin} does not answer (${(error as Error).message})`);
  }
  if (!response.ok) throw new CannotRun(`GET ${url.pathname} answered ${response.status}`);
  return response;
}

function readHexPath(body: unknown): Buffer[] {
  const path = (body as { path?: unknown } | null)?.path;
  if (
    !Array.isArray(path) ||
    !path.every((hash) => typeof hash === 'string' && /^[0-9a-f]{64}$/.test(hash))
  ) {
    throw new CannotRun('the consistency proof is not a list of 64-digit hex hashes');
  }
  return path.map((hash: string) => Buffer.from(hash, 'hex'));
}
