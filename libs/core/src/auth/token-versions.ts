/**
 * Where a login stands now, as the guard needs it on every request: the version its tokens must
 * carry (bumped when the login is disabled, changed, has its password reset or changed, or signs
 * out), whether it is disabled, and whether it must change its password before anything else.
 */
export interface TokenStanding {
  version: number;
  disabled: boolean;
  passwordChangeRequired: boolean;
}

/**
 * The port the global AuthGuard asks on each request; the users library provides it (core does
 * not know the users table). Null: the login no longer exists.
 */
export interface TokenVersions {
  standing(userId: string): Promise<TokenStanding | null>;
}

/** Injection token of the TokenVersions provider. */
export const TOKEN_VERSIONS = Symbol('TOKEN_VERSIONS');
