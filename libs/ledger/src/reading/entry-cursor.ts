import { ValidationFailedError } from '@app/core';
import { ENTRY_KINDS, EntryKind } from '../entities/ledger-entry.entity';

/** Where a page of entries continues: below `before` (a seq), of `kinds` only (null: every kind). */
export interface EntryPosition {
  before: string;
  kinds: EntryKind[] | null;
}

const CURSOR = /^s:(\d{1,18})(?::([A-Z_]+(?:,[A-Z_]+)*))?$/;

function isKind(value: string): value is EntryKind {
  return (ENTRY_KINDS as readonly string[]).includes(value);
}

/** One order for a set of kinds, so a filter and the same filter from a cursor compare equal. */
function normalised(kinds: readonly EntryKind[]): EntryKind[] {
  return [...new Set(kinds)].sort();
}

/** `kind` as clients send it: one or more entry kinds, comma-separated. */
export function parseKinds(text: string): EntryKind[] {
  const kinds = text.split(',');
  if (!kinds.every(isKind))
    throw new ValidationFailedError([
      {
        field: 'kind',
        message: `kind must be one or more of ${ENTRY_KINDS.join(', ')}, separated by commas`,
      },
    ]);
  return normalised(kinds);
}

export function encodeEntryCursor(seq: string, kinds: readonly EntryKind[] | null): string {
  const filter = kinds ? `:${normalised(kinds).join(',')}` : '';
  return Buffer.from(`s:${seq}${filter}`).toString('base64url');
}

/** `asked`: the `kind` filter sent with the cursor, which must be the one it was issued under. */
export function decodeEntryCursor(cursor: string, asked: EntryKind[] | null): EntryPosition {
  const decoded = CURSOR.exec(Buffer.from(cursor, 'base64url').toString());
  const kinds = decoded?.[2]?.split(',') ?? null;
  if (!decoded || (kinds && !kinds.every(isKind)))
    throw new ValidationFailedError([
      { field: 'cursor', message: 'cursor is not one this API issued' },
    ]);
  const position = { before: decoded[1], kinds: kinds ? normalised(kinds) : null };
  if (asked && asked.join(',') !== position.kinds?.join(','))
    throw new ValidationFailedError([
      {
        field: 'cursor',
        message: 'cursor was issued for another kind filter: send it with the same kind, or none',
      },
    ]);
  return position;
}
