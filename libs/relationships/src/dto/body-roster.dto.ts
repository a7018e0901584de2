import { IsOptional, IsString, IsUUID, Length } from 'class-validator';
import { NoInvisibleCharacters, PageQueryDto } from '@app/core';

export class BodyRosterQueryDto extends PageQueryDto {
  /** Part of the learner's name. */
  @IsOptional()
  @IsString()
  @NoInvisibleCharacters()
  @Length(1, 100)
  q?: string;

  /** Only the learners registered for this scheme, with only those registrations. */
  @IsOptional()
  @IsUUID()
  schemeId?: string;
}

/** One exam registration of the learner with the body: scheme, level and session. */
export class BodyRosterRegistrationDto {
  id: string;
  scheme: { id: string; code: string; name: string };
  level: string;
  /** `level` in words: 初级, 中级 or 高级. */
  levelName: string;
  /** The exam session as the body names it, e.g. 2025-06. */
  session: string;
}

export class BodyRosterItemDto {
  learner: { id: string; name: string };
  /** The learner's registrations with the body, newest first. */
  registrations: BodyRosterRegistrationDto[];
}

export class BodyRosterPageDto {
  items: BodyRosterItemDto[];
  /** Pass as `cursor` for the next page; null at the end. */
  nextCursor: string | null;
}
