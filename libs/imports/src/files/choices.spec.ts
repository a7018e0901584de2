import { ENROLMENT_CATEGORIES } from '@app/relationships';
import { ID_TYPES, validateIdNumber } from '@app/accounts';

import { CHOICES, normaliseChoice } from './choices';
import { IMPORT_COLUMNS } from './columns';
import { parseSheetDate } from './dates';

describe('choices', () => {
  it('use the codes the ledger stores', () => {
    expect(CHOICES.idType.map((choice) => choice.code)).toEqual([...ID_TYPES]);
    expect(CHOICES.category.map((choice) => choice.code)).toEqual([...ENROLMENT_CATEGORIES]);
    expect(CHOICES.level.map((choice) => choice.code)).toEqual([
      'JUNIOR',
      'INTERMEDIATE',
      'SENIOR',
    ]);
  });

  it('accept the code or either label, in any case, width and spacing', () => {
    expect(normaliseChoice('idType', 'RESIDENT_ID')).toBe('RESIDENT_ID');
    expect(normaliseChoice('idType', ' resident_id ')).toBe('RESIDENT_ID');
    expect(normaliseChoice('idType', '居民身份证')).toBe('RESIDENT_ID');
    expect(normaliseChoice('idType', 'Resident ID card')).toBe('RESIDENT_ID');
    expect(normaliseChoice('idType', 'ＰＡＳＳＰＯＲＴ')).toBe('PASSPORT');
    expect(normaliseChoice('idType', '港澳居民来往内地通行证')).toBe('HKMO_PERMIT');
    expect(normaliseChoice('level', '中级')).toBe('INTERMEDIATE');
    expect(normaliseChoice('level', 'senior')).toBe('SENIOR');
    expect(normaliseChoice('category', '非全日制')).toBe('PART_TIME');
    expect(normaliseChoice('category', 'part-time')).toBe('PART_TIME');
    expect(normaliseChoice('category', 'Returning migrant worker')).toBe('MIGRANT_WORKER');
  });

  it('name nothing for text that is no choice, or a choice of another list', () => {
    expect(normaliseChoice('idType', '身份证号')).toBeNull();
    expect(normaliseChoice('level', '全日制')).toBeNull();
    expect(normaliseChoice('category', '')).toBeNull();
  });
});

describe('column examples', () => {
  const all = Object.values(IMPORT_COLUMNS).flat();

  it('hold a valid resident ID and real dates, so the template row passes', () => {
    const idNumber = all.find((column) => column.key === 'idNumber')!.example;
    expect(validateIdNumber('RESIDENT_ID', idNumber, new Date('2026-01-01T00:00:00Z'))).toBeNull();
    for (const column of all.filter((candidate) => /(At|Until|Date)$/.test(candidate.key))) {
      expect(parseSheetDate(column.example)).toBe(column.example);
    }
    expect(all.find((column) => column.key === 'name')!.example).toContain('䶮');
  });

  it('mark exactly the identity numbers as identity', () => {
    const identity = new Set(all.filter((column) => column.identity).map((column) => column.key));
    expect([...identity].sort()).toEqual(['idNumber', 'studentNo']);
  });
});
