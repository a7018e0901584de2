import type { EntityManager } from 'typeorm';
import { AuditedTable, pageInIdOrder, RowState, utcTimestampSql } from '@app/outbox';

/**
 * A login as its audit record holds it: the stored columns without the password hash, and
 * instead a SHA-256 digest of the stored hash, so that a hash swapped in the database (to sign
 * in as someone) no longer matches the log, while the log reveals nothing to guess passwords by.
 * The token version is recorded too: set back in the database, it would revive ended tokens.
 */
const STATE_COLUMNS = `
  id::text, username, role, institution_id::text, certification_body_id::text, learner_id::text,
  encode(sha256(convert_to(password_hash, 'UTF8')), 'hex') AS password_hash_sha256,
  ${utcTimestampSql('created_at')} AS created_at,
  display_name, ${utcTimestampSql('disabled_at')} AS disabled_at, token_version,
  password_change_required`;

interface UserStateRow {
  id: string;
  username: string;
  role: string;
  institution_id: string | null;
  certification_body_id: string | null;
  learner_id: string | null;
  password_hash_sha256: string;
  created_at: string;
  display_name: string | null;
  disabled_at: string | null;
  token_version: number;
  password_change_required: boolean;
}

/**
 * The one mapping from a stored row to its state, for the event and for the verifier. The
 * columns added with user administration appear only when they differ from the value every
 * login had before they existed, so the records written before then still match their rows.
 */
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
    ...(row.display_name === null ? {} : { displayName: row.display_name }),
    ...(row.disabled_at === null ? {} : { disabledAt: row.disabled_at }),
    ...(row.token_version === 1 ? {} : { tokenVersion: row.token_version }),
    ...(row.password_change_required ? { passwordChangeRequired: true } : {}),
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
    const rows = await pageInIdOrder<UserStateRow>(manager, 'users', STATE_COLUMNS, afterId, limit);
    return rows.map((row) => ({ id: row.id, state: userState(row) }));
  },
};

/** The `changes` of an event that wrote one login: its state as stored now. */
export async function userChanges(
  manager: EntityManager,
  id: string,
): Promise<[{ kind: 'user'; id: string; state: RowState }]> {
  return [{ kind: 'user', id, state: await readUserState(manager, id) }];
}
