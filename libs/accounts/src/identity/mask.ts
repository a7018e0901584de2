/**
 * Masks a document number for everyone but the learner and ADMIN: enough to recognise it
 * (region prefix and last digits of a resident ID), not enough to reuse it.
 * ≥ 10 characters keep the first 3 and last 4; shorter ones the first 1 and last 2; three or
 * fewer characters are masked entirely, since keeping 1 + 2 would reveal the whole number.
 */
export function maskIdNumber(number: string): string {
  const characters = Array.from(number); // code points, so a stray non-ASCII character stays whole
  const length = characters.length;
  const [head, tail] = length >= 10 ? [3, 4] : length > 3 ? [1, 2] : [0, 0];
  return (
    characters.slice(0, head).join('') +
    '*'.repeat(length - head - tail) +
    characters.slice(length - tail).join('')
  );
}
