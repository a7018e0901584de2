import { DomainError, FieldError, ValidationFailedError } from '@app/core';

/**
 * Checks a parsed JSON body for what no DTO can be trusted to catch, before Nest sees it (each
 * was a 500):
 * - nesting thousands of levels deep: class-transformer recurses once per level and exhausts
 *   the stack;
 * - the NUL character (U+0000) in any string or key: PostgreSQL text and jsonb cannot hold it
 *   and fail the statement;
 * - a lone UTF-16 surrogate (a `\uD800`–`\uDFFF` escape without its pair) in any string or
 *   key: jsonb refuses it (a reversal's reason reaches the audit payload: a 500), and a text
 *   column silently stores U+FFFD instead, so the row differs from what was answered.
 */

/** Deeper than any body this API takes (a conversion rule's condition is at most 8 levels, ≈ 30 in JSON). */
export const MAX_JSON_DEPTH = 64;

export class JsonTooDeepError extends DomainError {
  constructor() {
    super(
      'REQUEST.JSON_TOO_DEEP',
      400,
      'JSON too deep',
      `The request body is nested deeper than ${MAX_JSON_DEPTH} levels.`,
    );
  }
}

const NUL = '\u0000';
const LONE_SURROGATE = /\p{Cs}/u;

/** What in `text` no column can store, in words, or null. */
function unstorable(text: string): string | null {
  if (text.includes(NUL)) return 'the NUL character (U+0000)';
  if (LONE_SURROGATE.test(text))
    return 'a lone UTF-16 surrogate (\\uD800–\\uDFFF without its pair); send well-formed Unicode';
  return null;
}

/** A key as it can be shown in an error: NUL as \0, a lone surrogate as its escape. */
function shownKey(key: string): string {
  return key
    .replaceAll(NUL, '\\0')
    .replace(/\p{Cs}/gu, (char) => `\\u${char.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** The error for `body`, or null; iterative, so no depth can overflow it. */
export function jsonBodyProblem(body: unknown): DomainError | null {
  const stack: [unknown, number, string][] = [[body, 0, '']];
  const refused: FieldError[] = [];
  while (stack.length) {
    const [value, depth, path] = stack.pop() as [unknown, number, string];
    if (typeof value === 'string') {
      const what = unstorable(value);
      if (what) refused.push({ field: path || '(body)', message: `must not contain ${what}` });
      continue;
    }
    if (value === null || typeof value !== 'object') continue;
    if (depth + 1 > MAX_JSON_DEPTH) return new JsonTooDeepError();
    for (const [key, child] of Object.entries(value)) {
      const field = path ? `${path}.${shownKey(key)}` : shownKey(key);
      const what = unstorable(key);
      if (what) refused.push({ field, message: `names must not contain ${what}` });
      stack.push([child, depth + 1, field]);
    }
  }
  return refused.length ? new ValidationFailedError(refused.slice(0, 20)) : null;
}
