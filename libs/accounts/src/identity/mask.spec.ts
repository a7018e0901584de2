import { maskIdNumber } from './mask';

describe('maskIdNumber', () => {
  it.each([
    ['11010519491231002X', '110***********002X'],
    ['H1234567890', 'H12****7890'],
    ['1234567890', '123***7890'],
    ['E12345678', 'E******78'],
    ['H12345678', 'H******78'],
    ['AB123', 'A**23'],
    ['ABCD', 'A*CD'],
    ['ABC', '***'],
    ['', ''],
  ])('masks %s as %s', (number, masked) => {
    expect(maskIdNumber(number)).toBe(masked);
    expect(maskIdNumber(number)).toHaveLength(number.length);
  });
});
