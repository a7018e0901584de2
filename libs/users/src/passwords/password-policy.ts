import { DomainError } from '@app/core';
import { COMMON_PASSWORDS_TEXT } from './common-passwords';

const COMMON = new Set(COMMON_PASSWORDS_TEXT.split('\n').filter((line) => line.length > 0));

/** Digits and symbols people add around a common word ("Password2024!"). */
const AFFIXES = /^[^a-z]+|[^a-z]+$/g;

/** Runs people type without thinking: the alphabet, the digits, the keyboard's rows. */
const RUNS = ['abcdefghijklmnopqrstuvwxyz', '0123456789', 'qwertyuiop', 'asdfghjkl', 'zxcvbnm'];

/** Why a password is refused: a stable code and one message that says how to do better. */
export type PasswordProblem =
  'AUTH.PASSWORD_TOO_COMMON' | 'AUTH.PASSWORD_CONTAINS_USERNAME' | 'AUTH.PASSWORD_TOO_PREDICTABLE';

const MESSAGES: Record<PasswordProblem, string> = {
  'AUTH.PASSWORD_TOO_COMMON':
    'is one of the most common passwords (or one with only digits or symbols added): choose words or characters others would not guess',
  'AUTH.PASSWORD_CONTAINS_USERNAME':
    'contains the username (or the username backwards): choose one that has nothing to do with the username',
  'AUTH.PASSWORD_TOO_PREDICTABLE':
    'is one character repeated or a run of the alphabet, the digits or a keyboard row: choose one that mixes unrelated characters',
};

export class WeakPasswordError extends DomainError {
  constructor(
    readonly problem: PasswordProblem,
    field: string,
  ) {
    super(problem, 422, 'Validation failed', `The ${field} is too easy to guess.`, {
      errors: [{ field, message: `${field} ${MESSAGES[problem]}` }],
    });
  }
}

function isRunOrRepeat(password: string): boolean {
  if (new Set(password).size === 1) return true;
  return RUNS.some((run) => {
    const doubled = run + run;
    const backwards = [...doubled].reverse().join('');
    return doubled.includes(password) || backwards.includes(password);
  });
}

/**
 * Refuses passwords an attacker tries first: one of the 10,000 most common, or one of them with
 * digits or symbols around it; one that contains the username or equals it backwards; one
 * character repeated or a run. Length is the DTO's check (12 or more). Compared in lower case.
 */
export function passwordProblem(password: string, username: string): PasswordProblem | null {
  const lower = password.toLowerCase();
  const name = username.toLowerCase();
  if (name.length > 0 && (lower.includes(name) || lower === [...name].reverse().join(''))) {
    return 'AUTH.PASSWORD_CONTAINS_USERNAME';
  }
  const word = lower.replace(AFFIXES, '');
  if (COMMON.has(lower) || (word.length >= 3 && COMMON.has(word))) {
    return 'AUTH.PASSWORD_TOO_COMMON';
  }
  if (isRunOrRepeat(lower)) return 'AUTH.PASSWORD_TOO_PREDICTABLE';
  return null;
}

/** Throws WeakPasswordError (422 on `field`) for a password `passwordProblem` refuses. */
export function assertStrongPassword(password: string, username: string, field: string): void {
  const problem = passwordProblem(password, username);
  if (problem) throw new WeakPasswordError(problem, field);
}
