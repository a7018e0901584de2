import fc from 'fast-check';
import {
  birthDateFromResidentId,
  ID_TYPES,
  isIdType,
  mod11_2CheckChar,
  normaliseIdNumber,
  validateIdNumber,
} from './id-document';

/** GB 11643-1999 check character, written out independently of the code under test. */
function withCheckChar(first17: string): string {
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...first17].reduce(
    (total, digit, index) => total + Number(digit) * weights[index],
    0,
  );
  return first17 + '10X98765432'[sum % 11];
}

/** The same 17 digits with a check character that is wrong (X when a digit is due, else 0/1). */
function withWrongCheckChar(first17: string): string {
  const right = withCheckChar(first17).slice(-1);
  return first17 + (right === 'X' ? '0' : right === '0' ? 'X' : '0');
}

/** A resident ID for Beijing Chaoyang (110105) born on `birth` (YYYYMMDD), sequence `seq`. */
const residentId = (birth: string, seq = '123'): string => withCheckChar(`110105${birth}${seq}`);

const NOW = new Date('2025-03-15T12:00:00Z');

describe('resident ID (GB 11643-1999)', () => {
  it('accepts the examples printed in the standard and generated valid numbers', () => {
    expect(validateIdNumber('RESIDENT_ID', '11010519491231002X', NOW)).toBeNull();
    expect(validateIdNumber('RESIDENT_ID', residentId('20000229'), NOW)).toBeNull();
    expect(validateIdNumber('RESIDENT_ID', residentId('19000101', '000'), NOW)).toBeNull();
  });

  it('computes the MOD 11-2 check character, including X for remainder 2', () => {
    expect(mod11_2CheckChar('11010519491231002')).toBe('X');
    expect(mod11_2CheckChar('44052418800101001')).toBe('4');
    expect(() => mod11_2CheckChar('1234')).toThrow(TypeError);
  });

  it('normalises before validating: spaces, lowercase x and full-width digits', () => {
    expect(normaliseIdNumber('RESIDENT_ID', ' 11010519491231002x\n')).toBe('11010519491231002X');
    expect(normaliseIdNumber('RESIDENT_ID', '１１０１０５１９４９１２３１００２ｘ')).toBe(
      '11010519491231002X',
    );
    expect(validateIdNumber('RESIDENT_ID', ' 11010519491231002x ', NOW)).toBeNull();
  });

  it.each([
    ['a wrong check digit', '110105194912310021', /check digit/],
    ['a wrong generated check character', withWrongCheckChar('11010519900101123'), /check digit/],
    ['February 30', residentId('20000230'), /does not exist/],
    ['February 29 of 1900, not a leap year', residentId('19000229'), /does not exist/],
    ['month 13', residentId('19901301'), /does not exist/],
    ['day 00', residentId('19900100'), /does not exist/],
    ['a birth date before 1900 (the standard’s 1880 example)', '440524188001010014', /before 1900/],
    ['a birth date tomorrow', residentId('20250316'), /future/],
    ['17 characters', '11010519491231002', /18 characters/],
    ['a letter in the middle', '1101051949123100AX', /17 digits/],
    ['an empty string', '', /18 characters/],
  ])('rejects %s', (_label, number, message) => {
    expect(validateIdNumber('RESIDENT_ID', number, NOW)).toMatch(message);
  });

  it('judges "today" in China time: born on the Beijing date is valid before 08:00 UTC', () => {
    const lateUtcEvening = new Date('2025-03-15T17:00:00Z'); // 2025-03-16 01:00 in Beijing
    expect(validateIdNumber('RESIDENT_ID', residentId('20250316'), lateUtcEvening)).toBeNull();
    expect(validateIdNumber('RESIDENT_ID', residentId('20250317'), lateUtcEvening)).toMatch(
      /future/,
    );
  });

  it('accepts every generated number with a real date between 1900 and today', () => {
    fc.assert(
      fc.property(
        fc.date({
          min: new Date('1900-01-01T00:00:00Z'),
          max: new Date('2025-03-15T00:00:00Z'),
          noInvalidDate: true,
        }),
        fc.stringMatching(/^[1-8]\d{5}$/),
        fc.stringMatching(/^\d{3}$/),
        (birth, region, seq) => {
          const yyyymmdd = birth.toISOString().slice(0, 10).replaceAll('-', '');
          const number = withCheckChar(`${region}${yyyymmdd}${seq}`);
          expect(validateIdNumber('RESIDENT_ID', number, NOW)).toBeNull();
          expect(birthDateFromResidentId(number)).toBe(birth.toISOString().slice(0, 10));
        },
      ),
    );
  });

  it('rejects every single-character substitution of a valid number', () => {
    const valid = '11010519491231002X';
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 17 }),
        fc.constantFrom(...'0123456789X'),
        (index, character) => {
          fc.pre(valid[index] !== character);
          const changed = valid.slice(0, index) + character + valid.slice(index + 1);
          expect(validateIdNumber('RESIDENT_ID', changed, NOW)).not.toBeNull();
        },
      ),
    );
  });
});

describe('birthDateFromResidentId', () => {
  it('reads positions 7–14 as an ISO date', () => {
    expect(birthDateFromResidentId('11010519491231002X')).toBe('1949-12-31');
    expect(birthDateFromResidentId(' 11010519491231002x ')).toBe('1949-12-31');
  });

  it('returns null for a malformed number or a date that does not exist', () => {
    expect(birthDateFromResidentId('1101051949123100')).toBeNull();
    expect(birthDateFromResidentId(residentId('20230229'))).toBeNull();
    expect(birthDateFromResidentId('11010500500101002X')).toBeNull(); // year 0050 is not 1950
  });
});

describe('other documents', () => {
  it.each<[(typeof ID_TYPES)[number], string]>([
    ['PASSPORT', 'E12345678'],
    ['PASSPORT', 'ab123'],
    ['PASSPORT', 'A1234567890123456'],
    ['HKMO_PERMIT', 'H12345678'],
    ['HKMO_PERMIT', 'm1234567890'],
    ['TW_PERMIT', '12345678'],
    ['TW_PERMIT', '1234567890'],
    ['FOREIGN_PERMANENT_ID', 'USA110079123456'],
    ['FOREIGN_PERMANENT_ID', withCheckChar('93315619850612001')],
  ])('accepts the %s %s', (type, number) => {
    expect(validateIdNumber(type, number, NOW)).toBeNull();
  });

  it.each<[(typeof ID_TYPES)[number], string, RegExp]>([
    ['PASSPORT', 'E123', /5 to 17/],
    ['PASSPORT', 'A12345678901234567', /5 to 17/],
    ['PASSPORT', 'E1234-567', /letters or digits/],
    ['HKMO_PERMIT', 'C12345678', /H or M/],
    ['HKMO_PERMIT', 'H123456789', /8 or 10 digits/],
    ['HKMO_PERMIT', '12345678', /H or M/],
    ['TW_PERMIT', '123456789', /8 or 10 digits/],
    ['TW_PERMIT', 'T1234567', /8 or 10 digits/],
    ['FOREIGN_PERMANENT_ID', 'US1100791234567', /3 letters and 12 digits/],
    ['FOREIGN_PERMANENT_ID', withCheckChar('13315619850612001'), /starting with 9/],
    ['FOREIGN_PERMANENT_ID', withWrongCheckChar('93315619850612001'), /check digit/],
  ])('rejects the %s %s', (type, number, message) => {
    expect(validateIdNumber(type, number, NOW)).toMatch(message);
  });

  it('rejects an unknown type and recognises the known ones', () => {
    expect(validateIdNumber('DRIVING_LICENCE' as never, '123456')).toBe('unknown document type');
    expect(ID_TYPES.every(isIdType)).toBe(true);
    expect(isIdType('resident_id')).toBe(false);
  });
});
