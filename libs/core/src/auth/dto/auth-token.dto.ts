import { Role } from '../role';

export class AccessTokenDto {
  accessToken: string;
  /** Always `Bearer`. */
  tokenType: string;
  /** Seconds until the token expires. */
  expiresIn: number;
}

export class PrincipalDto {
  userId: string;
  username: string;
  role: Role;
  institutionId: string | null;
  certificationBodyId: string | null;
  learnerId: string | null;
}

export class MeDto extends PrincipalDto {
  /** How views name the caller. */
  displayName: string;
  /** The caller's school, body or learner, by name (null for ADMIN). */
  scopeName: string | null;
  /** True after an administrator's password reset: only changing the password is open. */
  passwordChangeRequired: boolean;
}
