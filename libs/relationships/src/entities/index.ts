import { EnrolmentEntity } from './enrolment.entity';
import { ExamRegistrationEntity } from './exam-registration.entity';
import { LearnerShareEntity } from './learner-share.entity';

export { EnrolmentEntity, ExamRegistrationEntity, LearnerShareEntity };
export * from './enrolment.entity';

/** The relationships' tables, for the data source and the migration generator. */
export const RELATIONSHIPS_ENTITIES = [EnrolmentEntity, ExamRegistrationEntity, LearnerShareEntity];
