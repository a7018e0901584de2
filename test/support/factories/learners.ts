import { randomBytes } from 'node:crypto';
import { IdType, LearnersService, mod11_2CheckChar } from '@app/accounts';
import { CatalogLookup } from '@app/catalog';
import { Role } from '@app/core';
import { TestApp } from '../test-app';
import { FACTORY_ADMIN } from './factory-admin';
import { anEnrolment, anExamRegistration } from './relationships';

/**
 * Learners, opened through the accounts service (so each has its `learner.opened` event, as the
 * audit verifier expects) with a passport identity; opening an account over HTTP is what the
 * learner suites test.
 */

/** A passport number no other test learner has. */
export function aPassportNumber(): string {
  return `E${randomBytes(4).toString('hex').toUpperCase()}`;
}

export interface LearnerOptions {
  name?: string;
  /** PASSPORT unless said (with `idNumber`). */
  idType?: IdType;
  idNumber?: string;
  /** Schools the learner is enrolled at (in each one's first program). */
  enrolledAt?: string[];
  /** Schemes whose every level the learner is registered for. */
  registeredFor?: string[];
}

export async function aLearner(t: TestApp, options: LearnerOptions = {}): Promise<string> {
  const learner = await t.app.get(LearnersService).open(FACTORY_ADMIN, {
    name: options.name ?? '王芳',
    idType: options.idType ?? 'PASSPORT',
    idNumber: options.idNumber ?? aPassportNumber(),
  });
  for (const institutionId of options.enrolledAt ?? [])
    await anEnrolment(t, { learnerId: learner.id, institutionId });
  for (const schemeId of options.registeredFor ?? []) {
    const scheme = await t.app.get(CatalogLookup).scheme(t.dataSource.manager, schemeId);
    for (const { level } of scheme?.levels ?? [])
      await anExamRegistration(t, { learnerId: learner.id, schemeId, level });
  }
  return learner.id;
}

/** A learner and a LEARNER token for them (a user and a login each: use aLearner when no token is needed). */
export async function aSignedInLearner(
  t: TestApp,
  options: LearnerOptions = {},
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
