import { ValidationFailedError } from '@app/core';
import { decodeApplicationCursor, encodeApplicationCursor } from './application-cursor';

const ID = '5d2f8a1e-9c3b-4e7d-8f6a-2b1c0d9e8f7a';
const forged = (text: string) => Buffer.from(text).toString('base64url');

describe('application cursors', () => {
  it('decodes what it encodes', () => {
    const at = new Date('2024-02-29T08:30:00.123Z');
    expect(decodeApplicationCursor(encodeApplicationCursor(at, ID))).toEqual({
      submittedAt: '2024-02-29T08:30:00.123Z',
      id: ID,
    });
  });

  it.each([
    ['a day February does not have', '2025-02-29T00:00:00.000Z'],
    ['the 31st of April', '2025-04-31T00:00:00.000Z'],
    ['hour 24', '2025-01-01T24:00:00.000Z'],
    ['year 0', '0000-01-01T00:00:00.000Z'],
    ['month 13', '2024-13-01T00:00:00.000Z'],
    ['microseconds the API never issues', '2025-01-01T00:00:00.123456Z'],
  ])('refuses %s as a 422 naming the cursor', (_, instant) => {
    const decode = () => decodeApplicationCursor(forged(`${instant}|${ID}`));
    expect(decode).toThrow(ValidationFailedError);
    expect(decode).toThrow(
      expect.objectContaining({
        errors: [{ field: 'cursor', message: 'cursor is not one this API issued' }],
      }),
    );
  });
});
