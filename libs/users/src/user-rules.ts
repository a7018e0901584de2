import { Principal, Role } from '@app/core';
import { ScopeMismatchError } from './users.errors';

/** What a login is scoped to: one of these for the scoped roles, none for ADMIN. */
export interface UserScope {
  institutionId?: string | null;
  certificationBodyId?: string | null;
  learnerId?: string | null;
}

export const SCOPE_FIELDS = ['institutionId', 'certificationBodyId', 'learnerId'] as const;

const SCOPE_FIELD: Record<Role, keyof UserScope | null> = {
  [Role.ADMIN]: null,
  [Role.REGISTRAR]: 'institutionId',
  [Role.EXAMINER]: 'certificationBodyId',
  [Role.LEARNER]: 'learnerId',
};

/** The scope field a role needs must be set, and no other: at creation and at every change. */
export function checkScopeShape(role: Role, scope: UserScope): void {
  const needed = SCOPE_FIELD[role];
  for (const field of SCOPE_FIELDS) {
    const present = scope[field] !== undefined && scope[field] !== null;
    if (field === needed && !present) {
      throw new ScopeMismatchError(field, `role ${role} needs ${field}`);
    }
    if (field !== needed && present) {
      throw new ScopeMismatchError(field, `role ${role} takes no ${field}`);
    }
  }
}

/** The stored fields of a login that its principal and its views are made of. */
export interface UserRecord {
  id: string;
  username: string;
  displayName: string | null;
  role: Role;
  institutionId: string | null;
  certificationBodyId: string | null;
  learnerId: string | null;
  disabledAt: Date | null;
  tokenVersion: number;
  passwordChangeRequired: boolean;
  createdAt: Date;
}

export function toPrincipal(user: UserRecord): Principal {
  return {
    userId: user.id,
    username: user.username,
    role: user.role,
    institutionId: user.institutionId,
    certificationBodyId: user.certificationBodyId,
    learnerId: user.learnerId,
  };
}
