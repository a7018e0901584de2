import type { LearnerReachSource } from '@app/relationships';

/**
 * The school that recorded a learner's credits or diploma, and the body that issued their
 * certificate, reach the learner (also after the enrolment that led to it has ended).
 */
export const LEDGER_REACH_SOURCES: LearnerReachSource[] = [
  {
    name: 'outcome recorded by the school or body',
    sql: `EXISTS (SELECT 1 FROM ledger_entries le WHERE le.learner_id = l.id
            AND le.kind IN ('COURSE_CREDIT', 'DIPLOMA', 'CERTIFICATE')
            AND (le.institution_id = $1::uuid OR le.certification_body_id = $2::uuid))`,
  },
];
