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
  /** True after an administrator's password reset: only changing the password is open. */
  passwordChangeRequired: boolean;
}
