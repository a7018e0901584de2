/**
 * Text matched literally inside a LIKE pattern: `%`, `_` and `\` (PostgreSQL's default escape
 * character) stand for themselves.
 */
export function likeLiteral(text: string): string {
  return text.replace(/[\\%_]/g, '\\$&');
}
