export enum Role {
  ADMIN = 'ADMIN',
  REGISTRAR = 'REGISTRAR',
  EXAMINER = 'EXAMINER',
  LEARNER = 'LEARNER',
}

export const ALL_ROLES = [Role.ADMIN, Role.REGISTRAR, Role.EXAMINER, Role.LEARNER] as const;
export const STAFF_ROLES = [Role.ADMIN, Role.REGISTRAR, Role.EXAMINER] as const;

/** Who is calling, as proven by a verified token. Scope ids are set for the scoped roles only. */
export interface Principal {
  userId: string;
  username: string;
  role: Role;
  institutionId: string | null;
  certificationBodyId: string | null;
  learnerId: string | null;
}
