import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Matches, Max, Min } from 'class-validator';

/** `?limit=` of every paged list; lists with a cursor of their own form extend it. */
export class PageLimitQueryDto {
  /** 1–200, default 50. */
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(200)
  limit?: number;
}

/** `?cursor=&limit=` of every cursor-paged list; a list adds its own filters by extending it. */
export class PageQueryDto extends PageLimitQueryDto {
  /** From the previous page's `nextCursor`. */
  @IsOptional()
  @IsString()
  @Matches(/^[A-Za-z0-9_-]{1,256}$/, { message: 'cursor is not one this API issued' })
  cursor?: string;
}
