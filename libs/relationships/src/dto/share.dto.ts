import { IsOptional, IsUUID } from 'class-validator';
import { IsCalendarDate } from '@app/core';

export class CreateShareDto {
  /** The school to share with; give this or certificationBodyId. */
  @IsOptional()
  @IsUUID()
  institutionId?: string;

  /** The certification body to share with; give this or institutionId. */
  @IsOptional()
  @IsUUID()
  certificationBodyId?: string;

  /** The last day the grantee may read your account (YYYY-MM-DD, today to a year ahead). */
  @IsCalendarDate()
  until: string;
}

export class ShareDto {
  id: string;
  grantee: { kind: 'INSTITUTION' | 'CERTIFICATION_BODY'; id: string; name: string };
  until: string;
  /** ACTIVE until its last day; EXPIRED after; WITHDRAWN once you withdraw it. */
  status: 'ACTIVE' | 'EXPIRED' | 'WITHDRAWN';
  withdrawnAt: string | null;
  createdAt: string;
}

export class ShareListDto {
  items: ShareDto[];
  total: number;
}
