/**
 * Masks a document number for everyone but the learner and ADMIN: enough to recognise it, not
 * enough to reuse or rebuild it. A resident ID keeps only its first 2 (province) and last 2
 * (end of the sequence and the check digit) characters, none of the 8 birth-date digits in
 * between. 10 or more characters keep 2 + 2; 6–9 keep 1 + 1; five or fewer are masked entirely.
 * Masking a masked number again gives the same result, so stored masks made under an older,
 * looser rule are brought to this one at read time.
 */
export function maskIdNumber(number: string): string {
  const characters = Array.from(number); // code points, so a stray non-ASCII character stays whole
  const length = characters.length;
  const [head, tail] = length >= 10 ? [2, 2] : length >= 6 ? [1, 1] : [0, 0];
  return (
    characters.slice(0, head).join('') +
    '*'.repeat(length - head - tail) +
    characters.slice(length - tail).join('')
  );
}
