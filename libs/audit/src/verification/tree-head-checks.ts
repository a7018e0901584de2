import { AUDIT_CHAIN_ID } from '../audit.constants';
import { AuditTrust, TrustedHead } from '../signing/audit-trust';
import { checkTreeHead, StoredTreeHead } from '../tree-heads/signed-tree-head';
import type { AuditProblem } from './audit-verifier.service';
import { SqlRunner } from './chain-reader';
import { TreeRecomputation } from './tree-recomputation';

/** A stored head whose signatures verify with a configured key: what it claims. */
export interface TreeHeadClaim {
  id: string;
  treeSize: number;
  rootHash: string;
  timestamp: string;
  keyFingerprint: string;
}

export interface TreeHeadsSummary {
  /** Head rows in the database. */
  stored: number;
  /** Heads signed by a configured key whose root is the records' root at their size. */
  verified: number;
  /** Signed heads beyond a break in the records, which could not be compared. */
  unchecked: number;
  /** The newest verified head. */
  latest: TreeHeadClaim | null;
}

export interface TrustedHeadCheck extends TrustedHead {
  /** The records' root at the pinned size is the pinned root (null: beyond a break, not compared). */
  matches: boolean | null;
}

const HEADS_BATCH = 1_000;

/**
 * Reads every stored head (a batch at a time) and checks its signatures against the configured
 * keys. A head that names an unknown key, fails its signature or is malformed is reported and
 * never trusted; the others are returned as claims to judge once the records are recomputed.
 */
export async function readTreeHeadClaims(
  sql: SqlRunner,
  trust: AuditTrust,
): Promise<{ stored: number; claims: TreeHeadClaim[]; problems: AuditProblem[] }> {
  const claims: TreeHeadClaim[] = [];
  const problems: AuditProblem[] = [];
  let stored = 0;
  let after = '0';
  for (;;) {
    const rows = (await sql.query(
      `SELECT id, tree_size, root_hash, key_fingerprint, payload, signature, note_signature
         FROM audit_tree_heads WHERE chain_id = $1 AND id > $2 ORDER BY id LIMIT $3`,
      [AUDIT_CHAIN_ID, after, HEADS_BATCH],
    )) as StoredTreeHead[];
    for (const row of rows) {
      const check = checkTreeHead(trust, row);
      if (!check.trusted) {
        problems.push({
          code: check.code,
          detail: `tree head ${row.id} (claiming size ${row.tree_size}) is not trusted: ${check.reason}`,
        });
        continue;
      }
      if (!check.columnsAgree) {
        problems.push({
          code: 'TREE_HEAD_COLUMN_MISMATCH',
          detail: `tree head ${row.id}: tree_size or root_hash differ from its signed payload`,
        });
      }
      claims.push({
        id: row.id,
        treeSize: check.head.treeSize,
        rootHash: check.head.rootHash,
        timestamp: check.head.timestamp,
        keyFingerprint: check.key.fingerprint,
      });
    }
    stored += rows.length;
    if (rows.length < HEADS_BATCH) return { stored, claims, problems };
    after = rows[rows.length - 1].id;
  }
}

/** The sizes whose recomputed roots the head checks need. */
export function sizesToWatch(
  claims: readonly TreeHeadClaim[],
  trusted: TrustedHead | null,
): Set<number> {
  const sizes = new Set(claims.map((claim) => claim.treeSize));
  if (trusted) sizes.add(trusted.treeSize);
  return sizes;
}

/**
 * After the records were folded into `tree`: the stored nodes it found wrong, stored nodes
 * beyond the log, the heads that are not trusted, and every trusted head (and the pinned one)
 * judged against the records' roots. Positioned problems first, as the report sorts them.
 */
export async function checkTreeAndHeads(
  sql: SqlRunner,
  heads: { stored: number; claims: readonly TreeHeadClaim[]; problems: readonly AuditProblem[] },
  tree: TreeRecomputation,
  trusted: TrustedHead | null,
): Promise<{
  problems: AuditProblem[];
  summary: TreeHeadsSummary;
  trustedHead: TrustedHeadCheck | null;
}> {
  const problems: AuditProblem[] = [];
  if (tree.problem) problems.push(tree.problem);
  const stray = await strayTreeNode(sql);
  if (stray) problems.push(stray);
  const judged = judgeTreeHeads(heads, tree, await logSize(sql), trusted);
  problems.push(...judged.problems, ...heads.problems);
  return { problems, summary: judged.summary, trustedHead: judged.trustedHead };
}

/**
 * Every trusted head against the recomputed tree: its size must not exceed the log and its
 * root must be the records' root at that size; and so must the pinned head's.
 */
function judgeTreeHeads(
  heads: { stored: number; claims: readonly TreeHeadClaim[] },
  tree: TreeRecomputation,
  logSize: number,
  trusted: TrustedHead | null,
): { problems: AuditProblem[]; summary: TreeHeadsSummary; trustedHead: TrustedHeadCheck | null } {
  const problems: AuditProblem[] = [];
  let verified = 0;
  let unchecked = 0;
  let latest: TreeHeadClaim | null = null;
  for (const claim of heads.claims) {
    const verdict = judge(claim, tree, logSize);
    if (verdict === 'unchecked') unchecked += 1;
    else if (verdict === 'matches') {
      verified += 1;
      latest = claim;
    } else {
      problems.push({
        ...verdict,
        detail: `tree head ${claim.id} (size ${claim.treeSize}, signed ${claim.timestamp}): ${verdict.detail}`,
      });
    }
  }
  let trustedHead: TrustedHeadCheck | null = null;
  if (trusted) {
    const verdict = judge(trusted, tree, logSize);
    trustedHead = { ...trusted, matches: verdict === 'unchecked' ? null : verdict === 'matches' };
    if (typeof verdict === 'object') {
      problems.push({
        code: 'TRUSTED_HEAD_MISMATCH',
        seq: verdict.seq,
        detail: `the pinned AUDIT_TRUSTED_HEAD (size ${trusted.treeSize}): ${verdict.detail}`,
      });
    }
  }
  return {
    problems,
    summary: { stored: heads.stored, verified, unchecked, latest },
    trustedHead,
  };
}

function judge(
  claim: TrustedHead,
  tree: TreeRecomputation,
  logSize: number,
): 'matches' | 'unchecked' | AuditProblem {
  if (claim.treeSize > logSize) {
    return {
      code: 'TREE_HEAD_BEYOND_LOG',
      seq: logSize + 1,
      detail: `the log holds ${logSize} records, so records ${logSize + 1}..${claim.treeSize} are missing`,
    };
  }
  const root = tree.rootAt(claim.treeSize);
  if (root === undefined) return 'unchecked';
  if (root.toString('hex') === claim.rootHash) return 'matches';
  return {
    code: 'TREE_HEAD_ROOT_MISMATCH',
    seq: claim.treeSize,
    detail: `the root of the stored records differs: a record at or before seq ${claim.treeSize} was rewritten`,
  };
}

/** How many records the log holds (its highest seq). */
async function logSize(sql: SqlRunner): Promise<number> {
  const rows = (await sql.query(
    'SELECT coalesce(max(seq), 0)::text AS size FROM audit_events WHERE chain_id = $1',
    [AUDIT_CHAIN_ID],
  )) as { size: string }[];
  return Number(rows[0].size);
}

/** A stored node beyond the log's records (forged ahead, or left by a truncation). */
async function strayTreeNode(sql: SqlRunner): Promise<AuditProblem | undefined> {
  // One statement, one snapshot: records and nodes are committed together.
  const rows = (await sql.query(
    `WITH log AS (SELECT coalesce(max(seq), 0) AS size FROM audit_events WHERE chain_id = $1)
     SELECT l.level, stray.idx, log.size FROM log, generate_series(0, 62) AS l(level)
     CROSS JOIN LATERAL (
       SELECT n.idx FROM audit_tree_nodes n
        WHERE n.chain_id = $1 AND n.level = l.level AND n.idx >= (log.size >> l.level)
        ORDER BY n.idx LIMIT 1) AS stray
     ORDER BY l.level LIMIT 1`,
    [AUDIT_CHAIN_ID],
  )) as { level: number; idx: string; size: string }[];
  if (rows.length === 0) return undefined;
  const { level, idx, size } = rows[0];
  return {
    code: 'TREE_NODE_BEYOND_LOG',
    seq: Number(size) + 1,
    detail: `tree node (level ${level}, index ${idx}) lies beyond the log's ${size} records`,
  };
}
