import type { EntityManager } from 'typeorm';
import { AuditedTable, RowState, utcTimestampSql } from '@app/outbox';

/**
 * A learner row as its audit record holds it: the stored columns, the identity number only as
 * stored (its ciphertext, masked form and keyed look-up hash), never in clear.
 */
export const LEARNER_STATE_COLUMNS = `
  id::text, name, id_type, id_lookup_hash, id_number_encrypted, id_number_masked,
  birth_date::text, opened_by_institution_id::text, ${utcTimestampSql('created_at')} AS created_at`;

export interface LearnerStateRow {
  id: string;
  name: string;
  id_type: string;
  id_lookup_hash: string;
  id_number_encrypted: string;
  id_number_masked: string;
  birth_date: string | null;
  opened_by_institution_id: string | null;
  created_at: string;
}

/** The one mapping from a stored row to its state, for the event and for the verifier. */
export function learnerState(row: LearnerStateRow): RowState {
  return {
    id: row.id,
    name: row.name,
    idType: row.id_type,
    idLookupHash: row.id_lookup_hash,
    idNumberEncrypted: row.id_number_encrypted,
    idNumberMasked: row.id_number_masked,
    birthDate: row.birth_date,
    openedByInstitutionId: row.opened_by_institution_id,
    createdAt: row.created_at,
  };
}

export const LEARNERS_AUDITED_TABLE: AuditedTable = {
  kind: 'learner',
  code: 'LEARNER',
  async states(manager: EntityManager, afterId, limit) {
    const rows: LearnerStateRow[] = await manager.query(
      `SELECT ${LEARNER_STATE_COLUMNS} FROM learners
        WHERE $1::uuid IS NULL OR id > $1::uuid ORDER BY id LIMIT $2`,
      [afterId, limit],
    );
    return rows.map((row) => ({ id: row.id, state: learnerState(row) }));
  },
};
