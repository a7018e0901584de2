import type { LearnerReachSource } from '@app/relationships';

/** An application open with the school or body gives it read access while it waits for a decision. */
export const CONVERSION_REACH_SOURCES: LearnerReachSource[] = [
  {
    name: 'open exemption application',
    sql: `EXISTS (SELECT 1 FROM exemption_applications a WHERE a.learner_id = l.id
            AND a.status = 'SUBMITTED'
            AND (a.owner_institution_id = $1::uuid OR a.owner_certification_body_id = $2::uuid))`,
  },
];
