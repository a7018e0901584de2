/** The API's answers the administrator's pages read (the OpenAPI document is the reference). */
import type { Level } from '../api-types';
import type { Role } from '../session';

export const INSTITUTION_KINDS = [
  'SECONDARY_VOCATIONAL',
  'HIGHER_VOCATIONAL',
  'VOCATIONAL_UNDERGRADUATE',
  'UNDERGRADUATE',
  'TECHNICIAN_COLLEGE',
  'TRAINING_ORG',
] as const;
export type InstitutionKind = (typeof INSTITUTION_KINDS)[number];

export const COURSE_CATEGORIES = [
  'PUBLIC_BASIC',
  'PROFESSIONAL_FOUNDATION',
  'PROFESSIONAL_CORE',
  'PRACTICE',
  'ELECTIVE',
] as const;
export type CourseCategory = (typeof COURSE_CATEGORIES)[number];

export const LEVELS: Level[] = ['JUNIOR', 'INTERMEDIATE', 'SENIOR'];
export const ROLES: Role[] = ['ADMIN', 'REGISTRAR', 'EXAMINER', 'LEARNER'];

export const ID_TYPES = [
  'RESIDENT_ID',
  'PASSPORT',
  'HKMO_PERMIT',
  'TW_PERMIT',
  'FOREIGN_PERMANENT_ID',
] as const;
export type IdType = (typeof ID_TYPES)[number];

export interface List<T> {
  items: T[];
  total: number;
}

export interface Institution {
  id: string;
  code: string;
  name: string;
  kind: InstitutionKind;
  createdAt: string;
}

export interface Program {
  id: string;
  institutionId: string;
  code: string;
  name: string;
  totalCredits: string;
  maxExemptCredits: string;
  createdAt: string;
}

export interface Course {
  id: string;
  institutionId: string;
  programId: string | null;
  code: string;
  name: string;
  credits: string;
  hours: number;
  category: CourseCategory;
  createdAt: string;
}

export interface CertificationBody {
  id: string;
  code: string;
  name: string;
  createdAt: string;
}

export interface SchemeLevel {
  level: Level;
  recognisedCredits: string;
  components: { code: string; name: string }[];
}

export interface Scheme {
  id: string;
  code: string;
  name: string;
  certificationBodyId: string;
  levels: SchemeLevel[];
  createdAt: string;
}

export interface User {
  id: string;
  username: string;
  displayName: string | null;
  role: Role;
  institutionId: string | null;
  certificationBodyId: string | null;
  learnerId: string | null;
  scopeName: string | null;
  disabled: boolean;
  disabledAt: string | null;
  passwordChangeRequired: boolean;
  createdAt: string;
}

export interface UserPage {
  items: User[];
  nextCursor: string | null;
}

export interface FoundLearner {
  id: string;
  name: string;
  idType: IdType;
  idNumber: string;
  birthDate: string | null;
}

export interface AuditVerification {
  valid: boolean;
  chainId: number;
  checked: number;
  headSeq: number;
  headHash: string;
  firstInvalidSeq?: number;
  problemCode?: string;
  problem?: string;
  problems: { code: string; seq?: number; detail: string }[];
  tree: { size: number; rootHash: string };
  treeHeads: {
    stored: number;
    verified: number;
    unchecked: number;
    latest: { treeSize: number; rootHash: string; timestamp: string } | null;
  };
  trustedHead: { treeSize: number; rootHash: string; matches: boolean | null } | null;
  tables: {
    kind: string;
    code: string;
    rows: number;
    audited: number;
    pending: number;
    problems: number;
  }[];
  verifiedAt: string;
  durationMs: number;
}

export interface TreeHead {
  origin: string;
  treeSize: number;
  rootHash: string;
  timestamp: string;
  keyFingerprint: string;
  algorithm: 'Ed25519';
}

export interface AuditKeys {
  origin: string;
  items: {
    fingerprint: string;
    status: 'current' | 'retired';
    algorithm: 'Ed25519';
    noteVerifierKey: string;
  }[];
  total: number;
}
