import { Principal, Role } from '@app/core';

/** ADMIN edits every school's catalogue; a REGISTRAR only their own institution's. */
export function canEditInstitution(principal: Principal, institutionId: string): boolean {
  return (
    principal.role === Role.ADMIN ||
    (principal.role === Role.REGISTRAR && principal.institutionId === institutionId)
  );
}

/** ADMIN edits every body's schemes; an EXAMINER only their own body's. */
export function canEditBody(principal: Principal, certificationBodyId: string): boolean {
  return (
    principal.role === Role.ADMIN ||
    (principal.role === Role.EXAMINER && principal.certificationBodyId === certificationBodyId)
  );
}
