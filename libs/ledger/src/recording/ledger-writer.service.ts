import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { isUniqueViolation, Principal } from '@app/core';
import { actorOf, OutboxWriter } from '@app/outbox';
import { LedgerEntryEntity } from '../entities/ledger-entry.entity';
import {
  AlreadyCancelledError,
  CertificateNumberTakenError,
  CreditAlreadyRecordedError,
  ExemptionAlreadyStandsError,
} from '../ledger.errors';
import { toEntryView } from '../reading/entry-view';

export type NewEntry = Omit<
  Partial<LedgerEntryEntity>,
  'id' | 'seq' | 'recordedAt' | 'recordedBy' | 'recorderRole'
> &
  Pick<LedgerEntryEntity, 'learnerId' | 'kind'>;

export const LEDGER_EVENT = 'ledger.entry.recorded';

/**
 * The only code that inserts ledger entries. Each insert writes its outbox event in the same
 * transaction. Callers take the learner lock first (`lockLearner`), so that their reads, the
 * database's own guard checks and the entry's place in the account's order all agree.
 */
@Injectable()
export class LedgerWriter {
  constructor(private readonly outbox: OutboxWriter) {}

  async lockLearner(manager: EntityManager, learnerId: string): Promise<void> {
    await manager.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [
      `ledger:${learnerId}`,
    ]);
  }

  async insert(
    manager: EntityManager,
    principal: Principal,
    fields: NewEntry,
  ): Promise<LedgerEntryEntity> {
    const repository = manager.getRepository(LedgerEntryEntity);
    let entry: LedgerEntryEntity;
    try {
      // insert, not save: save would first SELECT the preset id to choose between insert and update.
      entry = repository.create({
        id: randomUUID(),
        recordedBy: principal.userId,
        recorderRole: principal.role,
        institutionId: null,
        certificationBodyId: null,
        ...fields,
      });
      await repository.insert(entry);
    } catch (error) {
      throw this.translate(error);
    }
    await this.outbox.append(manager, {
      type: LEDGER_EVENT,
      learnerId: entry.learnerId,
      actor: actorOf(principal),
      data: { entry: toEntryView(entry) },
    });
    return entry;
  }

  /** The database's guards speak in constraint names; clients hear domain errors. */
  private translate(error: unknown): unknown {
    if (isUniqueViolation(error, 'ledger_one_passing_credit'))
      return new CreditAlreadyRecordedError(null);
    if (isUniqueViolation(error, 'ledger_entries_certificate_no_key'))
      return new CertificateNumberTakenError();
    if (isUniqueViolation(error, 'ledger_entries_cancels_once_key'))
      return new AlreadyCancelledError();
    if (isUniqueViolation(error, 'ledger_one_exemption_per_target'))
      return new ExemptionAlreadyStandsError();
    return error;
  }
}
