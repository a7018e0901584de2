import { Injectable } from '@nestjs/common';
import { DataSource, IsNull } from 'typeorm';
import { Principal, todayInChina, ValidationFailedError } from '@app/core';
import {
  CatalogLookup,
  CertificationBodyNotFoundError,
  InstitutionNotFoundError,
} from '@app/catalog';
import { actorOf, OutboxWriter } from '@app/outbox';
import { CreateShareDto, ShareDto, ShareListDto } from './dto/share.dto';
import { LearnerShareEntity } from './entities/learner-share.entity';
import { AUDITED_SHARES } from './relationship-states';
import { ShareNotFoundError, ShareWithdrawnError } from './relationships.errors';

const LONGEST_SHARE_DAYS = 366;

/** The school or body a share names (exactly one of the two, as the table's check holds). */
function granteeOf(row: LearnerShareEntity): string {
  return row.institutionId ?? row.certificationBodyId ?? '';
}

function addDays(date: string, days: number): string {
  const at = new Date(`${date}T00:00:00Z`);
  at.setUTCDate(at.getUTCDate() + days);
  return at.toISOString().slice(0, 10);
}

/**
 * A learner lets a school or a body read their account until a date (at most a year ahead),
 * and may withdraw the share at any time. Only the learner writes or lists their shares.
 */
@Injectable()
export class SharesService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly catalog: CatalogLookup,
    private readonly outbox: OutboxWriter,
  ) {}

  grant(principal: Principal, input: CreateShareDto): Promise<ShareDto> {
    const learnerId = principal.learnerId as string;
    const institutionId = input.institutionId ?? null;
    const certificationBodyId = input.certificationBodyId ?? null;
    if ((institutionId === null) === (certificationBodyId === null)) {
      throw new ValidationFailedError([
        {
          field: institutionId === null ? 'institutionId' : 'certificationBodyId',
          message: 'give exactly one of institutionId and certificationBodyId',
        },
      ]);
    }
    const today = todayInChina();
    const latest = addDays(today, LONGEST_SHARE_DAYS);
    if (input.until < today || input.until > latest) {
      throw new ValidationFailedError([
        { field: 'until', message: `until must lie between ${today} and ${latest}` },
      ]);
    }
    return this.dataSource.transaction(async (manager) => {
      const grantee = (await this.catalog.names(manager, [institutionId ?? certificationBodyId!]))
        .size;
      if (grantee === 0) {
        throw institutionId !== null
          ? new InstitutionNotFoundError()
          : new CertificationBodyNotFoundError();
      }
      const repository = manager.getRepository(LearnerShareEntity);
      const saved = await repository.save(
        repository.create({ learnerId, institutionId, certificationBodyId, until: input.until }),
      );
      await this.outbox.append(manager, {
        type: 'share.granted',
        learnerId,
        actor: actorOf(principal),
        changes: await AUDITED_SHARES.changes(manager, [saved.id]),
        details: {},
      });
      return (await this.views([await repository.findOneByOrFail({ id: saved.id })]))[0];
    });
  }

  async list(principal: Principal): Promise<ShareListDto> {
    const rows = await this.dataSource.getRepository(LearnerShareEntity).find({
      where: { learnerId: principal.learnerId as string },
      order: { createdAt: 'DESC' },
    });
    const items = await this.views(rows);
    return { items, total: items.length };
  }

  withdraw(principal: Principal, shareId: string): Promise<ShareDto> {
    return this.dataSource.transaction(async (manager) => {
      const repository = manager.getRepository(LearnerShareEntity);
      const share = await repository.findOne({
        where: { id: shareId, learnerId: principal.learnerId as string },
        lock: { mode: 'pessimistic_write' },
      });
      if (!share) throw new ShareNotFoundError();
      if (share.withdrawnAt !== null) throw new ShareWithdrawnError();
      await repository.update(
        { id: share.id, withdrawnAt: IsNull() },
        { withdrawnAt: () => 'now()' },
      );
      await this.outbox.append(manager, {
        type: 'share.withdrawn',
        learnerId: share.learnerId,
        actor: actorOf(principal),
        changes: await AUDITED_SHARES.changes(manager, [share.id]),
        details: {},
      });
      return (await this.views([await repository.findOneByOrFail({ id: share.id })]))[0];
    });
  }

  private async views(rows: LearnerShareEntity[]): Promise<ShareDto[]> {
    const names = await this.catalog.names(this.dataSource.manager, rows.map(granteeOf));
    const today = todayInChina();
    return rows.map((row) => {
      const granteeId = granteeOf(row);
      return {
        id: row.id,
        grantee: {
          kind: row.institutionId !== null ? 'INSTITUTION' : 'CERTIFICATION_BODY',
          id: granteeId,
          name: names.get(granteeId)?.name ?? '',
        },
        until: row.until,
        status: row.withdrawnAt !== null ? 'WITHDRAWN' : row.until < today ? 'EXPIRED' : 'ACTIVE',
        withdrawnAt: row.withdrawnAt?.toISOString() ?? null,
        createdAt: row.createdAt.toISOString(),
      };
    });
  }
}
