import { formatHundredths, isCreditAmount, normaliseCredits, parseHundredths } from './decimal';

describe('credit decimals', () => {
  it('parses decimal strings into exact hundredths', () => {
    expect(parseHundredths('4.5')).toBe(450);
    expect(parseHundredths('0.25')).toBe(25);
    expect(parseHundredths('8')).toBe(800);
    expect(parseHundredths('8.00')).toBe(800);
    expect(parseHundredths('4.500')).toBe(450);
  });

  it('adds 0.1 + 0.2 exactly, unlike floats', () => {
    expect(formatHundredths(parseHundredths('0.1') + parseHundredths('0.2'))).toBe('0.3');
  });

  it('formats without trailing zeros', () => {
    expect(formatHundredths(450)).toBe('4.5');
    expect(formatHundredths(800)).toBe('8');
    expect(formatHundredths(5)).toBe('0.05');
    expect(formatHundredths(0)).toBe('0');
    expect(normaliseCredits('04.50')).toBe('4.5');
  });

  it.each(['', '-1', '1.234', '1.', '.5', 'abc', '1e3', ' 4'])('refuses %p', (value) => {
    expect(isCreditAmount(value)).toBe(false);
    expect(() => parseHundredths(value)).toThrow(RangeError);
  });

  it('refuses to format negative or fractional hundredths', () => {
    expect(() => formatHundredths(-1)).toThrow(RangeError);
    expect(() => formatHundredths(1.5)).toThrow(RangeError);
  });
});
