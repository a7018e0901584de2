import { Principal, Role } from '@app/core';

/** What a rule or application belongs to: the target course's institution or the target scheme's body. */
export interface OwnedByTarget {
  ownerInstitutionId: string | null;
  ownerCertificationBodyId: string | null;
}

/** The target's owner side: REGISTRAR of the institution, EXAMINER of the body; ADMIN always. */
export function ownsTarget(principal: Principal, owned: OwnedByTarget): boolean {
  if (principal.role === Role.ADMIN) return true;
  if (principal.role === Role.REGISTRAR) {
    return (
      owned.ownerInstitutionId !== null && owned.ownerInstitutionId === principal.institutionId
    );
  }
  if (principal.role === Role.EXAMINER) {
    return (
      owned.ownerCertificationBodyId !== null &&
      owned.ownerCertificationBodyId === principal.certificationBodyId
    );
  }
  return false;
}

/** A learner acts only for themself; staff for the learners they reach (LearnerAccess decides). */
export function mayActForLearner(principal: Principal, learnerId: string): boolean {
  return principal.role !== Role.LEARNER || principal.learnerId === learnerId;
}
