import { PageQueryDto } from '@app/core';

export class AccessLogViewerDto {
  userId: string | null;
  username: string;
  /** The viewer's display name, when the login still exists. */
  displayName: string | null;
  role: string;
  /** The viewer's school or body, by name. */
  organisation: { id: string; name: string } | null;
}

export class AccessLogEntryDto {
  seq: string;
  at: string;
  /** ACCOUNT, ENTRIES, APPLICATIONS, ELIGIBILITY, ENROLMENTS, EXAM_REGISTRATIONS or IDENTITY_LOOKUP. */
  view: string;
  viewer: AccessLogViewerDto;
}

export class AccessLogPageDto {
  items: AccessLogEntryDto[];
  nextCursor: string | null;
}

export class AccessLogQueryDto extends PageQueryDto {}
