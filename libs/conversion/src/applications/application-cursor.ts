import { ValidationFailedError } from '@app/core';

/** A position in a list of applications ordered by submission: the instant and the id. */
export interface ApplicationPosition {
  submittedAt: string;
  id: string;
}

const CURSOR =
  /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z)\|([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/;

export function encodeApplicationCursor(submittedAt: Date, id: string): string {
  return Buffer.from(`${submittedAt.toISOString()}|${id}`).toString('base64url');
}

/**
 * The shape alone admits 2025-02-29 (JavaScript rolls it over to 1 March) and year 0, which
 * PostgreSQL refuses: the instant must be a real one, written exactly as the API issues it.
 */
export function decodeApplicationCursor(cursor: string): ApplicationPosition {
  const match = CURSOR.exec(Buffer.from(cursor, 'base64url').toString());
  if (!match || !isIssuedInstant(match[1]))
    throw new ValidationFailedError([
      { field: 'cursor', message: 'cursor is not one this API issued' },
    ]);
  return { submittedAt: match[1], id: match[2] };
}

function isIssuedInstant(text: string): boolean {
  const time = Date.parse(text);
  return !Number.isNaN(time) && !text.startsWith('0000') && new Date(time).toISOString() === text;
}
