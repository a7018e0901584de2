/**
 * The answers the staff desks read that the shared api-types.ts does not hold: roster, enrolments,
 * exam registrations, the catalog's lists and the answers of a correction (OpenAPI: GET /docs-json).
 */
import type { Entry, Level, Ref } from '../api-types';

export type EnrolmentStatus = 'ACTIVE' | 'GRADUATED' | 'WITHDRAWN' | 'TRANSFERRED';
export type EnrolmentCategory =
  | 'FULL_TIME'
  | 'PART_TIME'
  | 'SOCIAL_LEARNER'
  | 'VETERAN'
  | 'RETIRED_ATHLETE'
  | 'LAID_OFF_WORKER'
  | 'MIGRANT_WORKER'
  | 'NEW_FARMER';

/** GET /v1/institutions/{id}/learners: one enrolment of the school's roster. */
export interface RosterItem {
  learnerId: string;
  name: string;
  enrolmentId: string;
  studentNo: string;
  program: Ref;
  category: EnrolmentCategory;
  status: EnrolmentStatus;
  startedAt: string;
  endedAt: string | null;
}

/** GET /v1/learners/{id}/enrolments. */
export interface Enrolment {
  id: string;
  learnerId: string;
  institution: Ref;
  program: Ref;
  studentNo: string;
  category: EnrolmentCategory;
  status: EnrolmentStatus;
  startedAt: string;
  endedAt: string | null;
}

/** GET /v1/learners?idType=&idNumber=: the account of an identity document, masked. */
export interface FoundLearner {
  id: string;
  name: string;
  idType: string;
  idNumber: string;
  birthYear: number | null;
}

export interface ListOf<T> {
  items: T[];
  total: number;
}

/** GET /v1/institutions/{id}/courses. */
export interface Course {
  id: string;
  code: string;
  name: string;
  credits: string;
  category: string;
}

/** GET /v1/certificate-schemes. */
export interface Scheme {
  id: string;
  code: string;
  name: string;
  certificationBodyId: string;
  levels: { level: Level; recognisedCredits: string }[];
}

/** GET /v1/learners/{id}/exam-registrations. */
export interface ExamRegistration {
  id: string;
  scheme: Ref;
  certificationBody: { id: string; name: string };
  level: Level;
  levelName: string;
  session: string;
  createdAt: string;
}

/** GET /v1/certification-bodies/{bodyId}/learners: the body's candidates. */
export interface Candidate {
  learner: { id: string; name: string };
  registrations: { scheme: Ref; level: Level; levelName: string; session: string }[];
}

/** The answer of a reversal or revocation (ids only: the page names them from what it showed). */
export interface CorrectionResult {
  correction: Entry;
  cascaded: Entry[];
  repointed: { replacesEntryId: string; reversalEntryId: string; exemption: Entry }[];
}

/** GET …/reversal-preview and …/revocation-preview: what the correction would do, named. */
export interface RevocationPreview {
  learner: { id: string; name: string };
  entry: Entry;
  cascaded: Entry[];
  repointed: { reversed: Entry; replacement: Entry }[];
}
