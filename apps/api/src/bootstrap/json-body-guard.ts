import { DomainError, FieldError, ValidationFailedError } from '@app/core';

/**
 * Checks a parsed JSON body for what no DTO can be trusted to catch, before Nest sees it (both
 * were 500s found by the OpenAPI fuzzer):
 * - nesting thousands of levels deep: class-transformer recurses once per level and exhausts
 *   the stack;
 * - the NUL character (U+0000) in any string or key: PostgreSQL text and jsonb cannot hold it
 *   and fail the statement.
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

/** The error for `body`, or null; iterative, so no depth can overflow it. */
export function jsonBodyProblem(body: unknown): DomainError | null {
  const stack: [unknown, number, string][] = [[body, 0, '']];
  const nul: FieldError[] = [];
  while (stack.length) {
    const [value, depth, path] = stack.pop() as [unknown, number, string];
    if (typeof value === 'string') {
      if (value.includes(NUL))
        nul.push({
          field: path || '(body)',
          message: 'must not contain the NUL character (U+0000)',
        });
      continue;
    }
    if (value === null || typeof value !== 'object') continue;
    if (depth + 1 > MAX_JSON_DEPTH) return new JsonTooDeepError();
    for (const [key, child] of Object.entries(value)) {
      const field = path ? `${path}.${key.replaceAll(NUL, '\\0')}` : key.replaceAll(NUL, '\\0');
      if (key.includes(NUL))
        nul.push({ field, message: 'names must not contain the NUL character (U+0000)' });
      stack.push([child, depth + 1, field]);
    }
  }
  return nul.length ? new ValidationFailedError(nul.slice(0, 20)) : null;
}
