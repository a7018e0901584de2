/**
 * One way a staff member reaches a learner, as an SQL condition over the learner `l` (the
 * `learners` table) with `$1::uuid` the caller's institution and `$2::uuid` the caller's
 * certification body (either may be null). Each area that holds a relationship describes its
 * own: enrolments, exam registrations and shares here, the certificates a body issued in the
 * ledger, open applications in conversion. The platform composes them (LEARNER_REACH_SOURCES).
 */
export interface LearnerReachSource {
  /** What the relationship is, for logs and tests. */
  readonly name: string;
  readonly sql: string;
}

/** Injection token: every area's LearnerReachSource, composed by the platform. */
export const LEARNER_REACH_SOURCES = Symbol('LEARNER_REACH_SOURCES');

/** 学籍 at the registrar's school, current or past. */
export const ENROLMENT_REACH: LearnerReachSource = {
  name: 'enrolment',
  sql: 'EXISTS (SELECT 1 FROM enrolments e WHERE e.learner_id = l.id AND e.institution_id = $1::uuid)',
};

/** 考核报名 for one of the examiner's body's schemes. */
export const EXAM_REGISTRATION_REACH: LearnerReachSource = {
  name: 'exam registration',
  sql: 'EXISTS (SELECT 1 FROM exam_registrations r WHERE r.learner_id = l.id AND r.certification_body_id = $2::uuid)',
};

/** A share the learner gave the school or body, not withdrawn, until its last day (China time). */
export const SHARE_REACH: LearnerReachSource = {
  name: 'share',
  sql: `EXISTS (SELECT 1 FROM learner_shares s WHERE s.learner_id = l.id AND s.withdrawn_at IS NULL
          AND s.until >= (now() AT TIME ZONE 'Asia/Shanghai')::date
          AND (s.institution_id = $1::uuid OR s.certification_body_id = $2::uuid))`,
};

/** The school whose registrar opened the account (before enrolling the learner). */
export const OPENED_BY_REACH: LearnerReachSource = {
  name: 'account opened by the school',
  sql: 'l.opened_by_institution_id = $1::uuid',
};

export const RELATIONSHIPS_REACH_SOURCES: LearnerReachSource[] = [
  ENROLMENT_REACH,
  EXAM_REGISTRATION_REACH,
  SHARE_REACH,
  OPENED_BY_REACH,
];
