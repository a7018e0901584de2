import { IsIn, IsObject, IsOptional, IsString, IsUUID, Length, Matches } from 'class-validator';
import { NoInvisibleCharacters, PageQueryDto } from '@app/core';
import {
  APPLICATION_STATUSES,
  type ApplicationStatus,
} from '../entities/exemption-application.entity';

export class SubmitApplicationDto {
  /** The rule to apply under; its ACTIVE version decides. */
  @IsUUID()
  ruleId: string;

  /** One of the rule's targets: `{courseId}` or `{schemeId, level, component}`. */
  @IsObject()
  target: Record<string, unknown>;
}

export class DecisionDto {
  @IsIn(['APPROVE', 'REJECT'])
  decision: 'APPROVE' | 'REJECT';

  /** Why; kept on the application (and, for an approval, it is what the registrar signed off). */
  @IsString()
  @NoInvisibleCharacters({ freeText: true })
  @Length(1, 500)
  @Matches(/\S/, { message: 'reason must not be blank' })
  @Matches(/^\P{Cc}+$/u, { message: 'reason must not contain control characters' })
  reason: string;
}

export class InboxQueryDto extends PageQueryDto {
  /** Default: SUBMITTED (what waits for a decision). */
  @IsOptional()
  @IsIn(APPLICATION_STATUSES)
  status?: ApplicationStatus;
}
