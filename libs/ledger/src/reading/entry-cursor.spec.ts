import { ValidationFailedError } from '@app/core';
import { decodeEntryCursor, encodeEntryCursor, parseKinds } from './entry-cursor';

const forged = (text: string) => Buffer.from(text).toString('base64url');
const fieldOf = (call: () => unknown): string | undefined => {
  try {
    call();
  } catch (error) {
    if (error instanceof ValidationFailedError) return error.errors[0]?.field;
    throw error;
  }
  return undefined;
};

describe('entry cursors', () => {
  it('carry the kind filter they were issued under, in one order', () => {
    const cursor = encodeEntryCursor('42', ['EXAM_EXEMPTION', 'COURSE_EXEMPTION']);
    expect(decodeEntryCursor(cursor, null)).toEqual({
      before: '42',
      kinds: ['COURSE_EXEMPTION', 'EXAM_EXEMPTION'],
    });
    expect(decodeEntryCursor(cursor, parseKinds('EXAM_EXEMPTION,COURSE_EXEMPTION')).before).toBe(
      '42',
    );
    expect(decodeEntryCursor(encodeEntryCursor('7', null), null)).toEqual({
      before: '7',
      kinds: null,
    });
  });

  it('refuses a cursor sent with another filter, and forged ones, naming the cursor', () => {
    const certificates = encodeEntryCursor('42', ['CERTIFICATE']);
    expect(fieldOf(() => decodeEntryCursor(certificates, ['DIPLOMA']))).toBe('cursor');
    expect(fieldOf(() => decodeEntryCursor(encodeEntryCursor('42', null), ['DIPLOMA']))).toBe(
      'cursor',
    );
    for (const text of ['s:9999999999999999999', 's:-1', 's:1:PASSWORD', 's:1:', 'x'])
      expect({ text, field: fieldOf(() => decodeEntryCursor(forged(text), null)) }).toEqual({
        text,
        field: 'cursor',
      });
  });

  it('refuses an unknown kind, naming the kind', () => {
    expect(fieldOf(() => parseKinds('CERTIFICATE,PASSWORD'))).toBe('kind');
    expect(fieldOf(() => parseKinds(''))).toBe('kind');
    expect(parseKinds('DIPLOMA,CERTIFICATE,DIPLOMA')).toEqual(['CERTIFICATE', 'DIPLOMA']);
  });
});
