import { Principal, Role } from '@app/core';

/** The admin the factories act as (no such login exists; the audit log names it as the author). */
export const FACTORY_ADMIN: Principal = {
  userId: '00000000-0000-4000-8000-000000000001',
  username: 'test-factory',
  role: Role.ADMIN,
  institutionId: null,
  certificationBodyId: null,
  learnerId: null,
};
