import { ValidationFailedError } from '@app/core';

/** A position in the username order: the last username of the page, in lower case. */
export function encodeUserCursor(username: string): string {
  return Buffer.from(username.toLowerCase()).toString('base64url');
}

export function decodeUserCursor(cursor: string): string {
  const text = Buffer.from(cursor, 'base64url').toString();
  if (text.length === 0 || text.length > 64 || encodeUserCursor(text) !== cursor) {
    throw new ValidationFailedError([
      { field: 'cursor', message: 'cursor is not one this API issued' },
    ]);
  }
  return text;
}
