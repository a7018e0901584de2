import { maskIdNumber } from './mask';

/** The rule before masks stopped showing birth-date digits: first 3 and last 4, or 1 and 2. */
function olderMask(number: string): string {
  const length = number.length;
  const [head, tail] = length >= 10 ? [3, 4] : length > 3 ? [1, 2] : [0, 0];
  return number.slice(0, head) + '*'.repeat(length - head - tail) + number.slice(length - tail);
}

describe('maskIdNumber', () => {
  it.each([
    ['11010519491231002X', '11**************2X'],
    ['H1234567890', 'H1*******90'],
    ['1234567890', '12******90'],
    ['E12345678', 'E*******8'],
    ['H12345', 'H****5'],
    ['AB123', '*****'],
    ['ABC', '***'],
    ['', ''],
  ])('masks %s as %s', (number, masked) => {
    expect(maskIdNumber(number)).toBe(masked);
    expect(maskIdNumber(number)).toHaveLength(number.length);
  });

  it('keeps no digit of the birth date (positions 7–14) of a resident ID', () => {
    const masked = maskIdNumber('43010220010915123X');
    expect(masked.slice(6, 14)).toBe('********');
  });

  it.each(['11010519491231002X', 'H1234567890', 'E12345678', 'H12345', 'AB123', 'ABCD', 'ABC'])(
    'masks a mask stored under the older rule exactly as the number itself (%s)',
    (number) => {
      expect(maskIdNumber(olderMask(number))).toBe(maskIdNumber(number));
      expect(maskIdNumber(maskIdNumber(number))).toBe(maskIdNumber(number));
    },
  );
});
