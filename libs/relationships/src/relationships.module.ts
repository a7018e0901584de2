import { Module } from '@nestjs/common';
import { AccountsModule } from '@app/accounts';
import { CatalogModule } from '@app/catalog';
import { OutboxModule } from '@app/outbox';
import { LearnerAccess } from './access/learner-access.service';
import { EnrolmentsService } from './enrolments.service';
import { ExamRegistrationsService } from './exam-registrations.service';
import { RosterService } from './roster.service';
import { SharesService } from './shares.service';

/**
 * What relates staff to a learner (enrolments, exam registrations, shares) and the access
 * decision built on every area's relationships (LEARNER_REACH_SOURCES, composed by the platform).
 */
@Module({
  imports: [CatalogModule, AccountsModule, OutboxModule],
  providers: [
    LearnerAccess,
    EnrolmentsService,
    ExamRegistrationsService,
    SharesService,
    RosterService,
  ],
  exports: [
    LearnerAccess,
    EnrolmentsService,
    ExamRegistrationsService,
    SharesService,
    RosterService,
  ],
})
export class RelationshipsModule {}
