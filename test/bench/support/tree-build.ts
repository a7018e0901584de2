/** Anything that runs SQL: a TypeORM DataSource or a pg pool wrapped to return rows. */
export interface TreeSql {
  query(sql: string, parameters?: unknown[]): Promise<unknown>;
}

/**
 * The stored Merkle tree of `leaves` records, built straight in PostgreSQL, set-based: level 0
 * from `generate_series` (leaf i = SHA-256(0x00 ‖ `{"seq":i+1}`)), then each level from the one
 * below (SHA-256(0x01 ‖ left ‖ right)), one INSERT … SELECT per level — exactly the rows the
 * appender would have written for those leaves (bench:tree checks a prefix against its fold).
 */
export async function buildStoredTree(
  sql: TreeSql,
  leaves: number,
): Promise<{ rows: number; ms: number; size: string }> {
  const started = performance.now();
  await sql.query(
    `INSERT INTO audit_tree_nodes (chain_id, level, idx, hash)
     SELECT 1, 0, i, sha256('\\x00'::bytea || convert_to('{"seq":' || (i + 1) || '}', 'UTF8'))
       FROM generate_series(0, $1::bigint - 1) AS i`,
    [leaves],
  );
  for (let level = 1; 2 ** level <= leaves; level++) {
    await sql.query(
      `INSERT INTO audit_tree_nodes (chain_id, level, idx, hash)
       SELECT 1, $1::smallint, l.idx / 2, sha256('\\x01'::bytea || l.hash || r.hash)
         FROM audit_tree_nodes l
         JOIN audit_tree_nodes r ON r.chain_id = 1 AND r.level = l.level AND r.idx = l.idx + 1
        WHERE l.chain_id = 1 AND l.level = $1::smallint - 1 AND l.idx % 2 = 0`,
      [level],
    );
  }
  await sql.query('ANALYZE audit_tree_nodes');
  const [{ rows, size }] = (await sql.query(
    `SELECT count(*)::int AS rows, pg_size_pretty(pg_total_relation_size('audit_tree_nodes')) AS size
       FROM audit_tree_nodes`,
  )) as { rows: number; size: string }[];
  return { rows, size, ms: performance.now() - started };
}
