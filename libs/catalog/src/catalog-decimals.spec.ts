import { formatCredits, toHundredths } from './catalog-decimals';

describe('catalog decimals', () => {
  it('formats validated credits the way numeric(p,2) reads back', () => {
    expect(formatCredits('4')).toBe('4.00');
    expect(formatCredits('4.5')).toBe('4.50');
    expect(formatCredits('004.05')).toBe('4.05');
    expect(formatCredits(140)).toBe('140.00');
    expect(formatCredits(0.5)).toBe('0.50');
  });

  it('compares in whole hundredths, without float error', () => {
    expect(toHundredths('0.3')).toBe(30);
    expect(toHundredths('130.01') > toHundredths('130')).toBe(true);
    expect(toHundredths('9999.99')).toBe(999_999);
  });
});
