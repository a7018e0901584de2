import { assertStrongPassword, passwordProblem, WeakPasswordError } from './password-policy';

describe('passwordProblem', () => {
  it.each([
    ['password1234', 'AUTH.PASSWORD_TOO_COMMON'],
    ['PASSWORD1234', 'AUTH.PASSWORD_TOO_COMMON'],
    ['Password2024!', 'AUTH.PASSWORD_TOO_COMMON'],
    ['!!sunshine2026', 'AUTH.PASSWORD_TOO_COMMON'],
    ['qwertyuiop12', 'AUTH.PASSWORD_TOO_COMMON'],
    ['aaaaaaaaaaaa', 'AUTH.PASSWORD_TOO_PREDICTABLE'],
    ['zyxwvutsrqpo', 'AUTH.PASSWORD_TOO_PREDICTABLE'],
    ['345678901234', 'AUTH.PASSWORD_TOO_PREDICTABLE'],
  ])('refuses %s as %s', (password, problem) => {
    expect(passwordProblem(password, 'wang.fang')).toBe(problem);
  });

  it('refuses a password that contains the username, in any letter case, or is it backwards', () => {
    expect(passwordProblem('Wang.Fang-2026-spring', 'wang.fang')).toBe(
      'AUTH.PASSWORD_CONTAINS_USERNAME',
    );
    expect(
      passwordProblem('registrar-hunan-01'.split('').reverse().join(''), 'registrar-hunan-01'),
    ).toBe('AUTH.PASSWORD_CONTAINS_USERNAME');
  });

  it.each(['correct-horse-battery', 'Demo-Registrar-2026!', 'lan-river-tea-7134', 'K7q!mZ2p#xWv'])(
    'accepts %s',
    (password) => {
      expect(passwordProblem(password, 'wang.fang')).toBeNull();
    },
  );

  it('throws a 422 naming the field, with the problem as its code', () => {
    let thrown: unknown;
    try {
      assertStrongPassword('password1234', 'wang.fang', 'newPassword');
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(WeakPasswordError);
    const error = thrown as WeakPasswordError;
    expect({ code: error.code, status: error.status, extra: error.extra }).toEqual({
      code: 'AUTH.PASSWORD_TOO_COMMON',
      status: 422,
      extra: {
        errors: [
          {
            field: 'newPassword',
            message: expect.stringMatching(/^newPassword is one of the most common passwords/),
          },
        ],
      },
    });
  });
});
