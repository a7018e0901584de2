import type { EntityManager } from 'typeorm';
import { AuditedTable, RowState, utcTimestampSql } from '@app/outbox';

/**
 * A login as its audit record holds it: the stored columns without the password hash, and
 * instead a SHA-256 digest of the stored hash, so that a hash swapped in the database (to sign
 * in as someone) no longer matches the log, while the log reveals nothing to guess passwords by.
 */
const STATE_COLUMNS = `
  id::text, username, role, institution_id::text, certification_body_id::text, learner_id::text,
  encode(sha256(convert_to(password_hash, 'UTF8')), 'hex') AS password_hash_sha256,
  ${utcTimestampSql('created_at')} AS created_at`;

interface UserStateRow {
  id: string;
  username: string;
  role: string;
  institution_id: string | null;
  certification_body_id: string | null;
  learner_id: string | null;
  password_hash_sha256: string;
  created_at: string;
}

/** The one mapping from a stored row to its state, for the event and for the verifier. */
function userState(row: UserStateRow): RowState {
  return {
    id: row.id,
    username: row.username,
    role: row.role,
    institutionId: row.institution_id,
    certificationBodyId: row.certification_body_id,
    learnerId: row.learner_id,
    passwordHashSha256: row.password_hash_sha256,
    createdAt: row.created_at,
  };
}

/** The state of one login, read in the caller's transaction (right after writing it). */
export async function readUserState(manager: EntityManager, id: string): Promise<RowState> {
  const rows: UserStateRow[] = await manager.query(
    `SELECT ${STATE_COLUMNS} FROM users WHERE id = $1`,
    [id],
  );
  return userState(rows[0]);
}

export const USERS_AUDITED_TABLE: AuditedTable = {
  kind: 'user',
  code: 'USER',
  async states(manager, afterId, limit) {
    const rows: UserStateRow[] = await manager.query(
      `SELECT ${STATE_COLUMNS} FROM users
        WHERE $1::uuid IS NULL OR id > $1::uuid ORDER BY id LIMIT $2`,
      [afterId, limit],
    );
    return rows.map((row) => ({ id: row.id, state: userState(row) }));
  },
};
