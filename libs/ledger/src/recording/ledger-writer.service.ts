import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { isUniqueViolation, Principal } from '@app/core';
import { actorOf, OutboxEventType, OutboxWriter } from '@app/outbox';
import { LedgerEntryEntity } from '../entities/ledger-entry.entity';
import {
  AlreadyCancelledError,
  CertificateLevelAlreadyHeldError,
  CertificateNumberTakenError,
  CourseAlreadyCreditedError,
  CourseAlreadyExemptedError,
  CreditAlreadyRecordedError,
  DiplomaAlreadyRecordedError,
  DiplomaNumberTakenError,
  ExemptionAlreadyStandsError,
} from '../ledger.errors';
import { insertLedgerEntry } from './ledger-entry-state';

export type NewEntry = Omit<
  Partial<LedgerEntryEntity>,
  'id' | 'seq' | 'recordedAt' | 'recordedBy' | 'recorderRole'
> &
  Pick<LedgerEntryEntity, 'learnerId' | 'kind'>;

export const LEDGER_EVENT = 'ledger.entry.recorded' satisfies OutboxEventType;

/** Unique indexes and guard-trigger checks (SQLSTATE 23505, by name), as the client hears them. */
const GUARD_CONFLICTS: Record<string, () => Error> = {
  ledger_one_passing_credit: () => new CreditAlreadyRecordedError(null),
  ledger_course_already_exempted: () => new CourseAlreadyExemptedError(null),
  ledger_course_already_credited: () => new CourseAlreadyCreditedError(),
  ledger_one_exemption_per_target: () => new ExemptionAlreadyStandsError(),
  ledger_entries_certificate_number_key: () => new CertificateNumberTakenError(),
  ledger_one_certificate_per_level: () => new CertificateLevelAlreadyHeldError(null),
  ledger_diploma_number_taken: () => new DiplomaNumberTakenError(),
  ledger_one_diploma_per_program: () => new DiplomaAlreadyRecordedError(null),
  ledger_entries_cancels_once_key: () => new AlreadyCancelledError(),
};

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
    const entry = manager.getRepository(LedgerEntryEntity).create({
      id: randomUUID(),
      recordedBy: principal.userId,
      recorderRole: principal.role,
      institutionId: null,
      certificationBodyId: null,
      ...fields,
    });
    let stored: Awaited<ReturnType<typeof insertLedgerEntry>>;
    try {
      stored = await insertLedgerEntry(manager, entry);
    } catch (error) {
      throw this.translate(error);
    }
    entry.seq = stored.seq;
    entry.recordedAt = stored.recordedAt;
    await this.outbox.append(manager, {
      type: LEDGER_EVENT,
      learnerId: entry.learnerId,
      actor: actorOf(principal),
      changes: [{ kind: 'ledger_entry', id: entry.id, state: stored.state }],
      details: {},
    });
    return entry;
  }

  /** The database's guards speak in constraint names; clients hear domain errors. */
  private translate(error: unknown): unknown {
    const constraint = Object.keys(GUARD_CONFLICTS).find((name) => isUniqueViolation(error, name));
    return constraint === undefined ? error : GUARD_CONFLICTS[constraint]();
  }
}
