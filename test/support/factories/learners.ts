import { randomBytes, randomUUID } from 'node:crypto';
import { IdentityCipher, maskIdNumber, mod11_2CheckChar } from '@app/accounts';
import { Role } from '@app/core';
import { TestApp } from '../test-app';

/**
 * Learners, inserted directly with a passport identity encrypted under the app's key (opening an
 * account over HTTP is what the learner suites test).
 */

/** A passport number no other test learner has. */
export function aPassportNumber(): string {
  return `E${randomBytes(4).toString('hex').toUpperCase()}`;
}

export async function aLearner(
  t: TestApp,
  options: { name?: string; idNumber?: string } = {},
): Promise<string> {
  const cipher = IdentityCipher.fromMasterKey(t.config.identityKey);
  const idNumber = options.idNumber ?? aPassportNumber();
  const rows: { id: string }[] = await t.dataSource.query(
    `INSERT INTO learners (id, name, id_type, id_lookup_hash, id_number_encrypted, id_number_masked)
     VALUES ($1, $2, 'PASSPORT', $3, $4, $5) RETURNING id`,
    [
      randomUUID(),
      options.name ?? '王芳',
      cipher.lookupHash('PASSPORT', idNumber),
      cipher.encrypt(idNumber),
      maskIdNumber(idNumber),
    ],
  );
  return rows[0].id;
}

/** A learner and a LEARNER token for them (a user and a login each: use aLearner when no token is needed). */
export async function aSignedInLearner(
  t: TestApp,
  options: { name?: string; idNumber?: string } = {},
): Promise<{ id: string; token: string }> {
  const id = await aLearner(t, options);
  return { id, token: await t.tokenFor(Role.LEARNER, { learnerId: id }) };
}

/** A valid 18-character resident ID of Changsha for a birth date (YYYY-MM-DD) and a 3-digit sequence. */
export function residentId(
  birthDate: string,
  sequence = String(randomBytes(2).readUInt16BE() % 1000).padStart(3, '0'),
): string {
  const first17 = `430102${birthDate.replaceAll('-', '')}${sequence}`;
  return first17 + mod11_2CheckChar(first17);
}

/** The same number with its check character replaced by a wrong one. */
export function withWrongCheckDigit(number: string): string {
  const right = number[17];
  return number.slice(0, 17) + (right === '0' ? '1' : '0');
}
