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
import { insertCourseCredits, insertLedgerEntry, NewCourseCredit } from './ledger-entry-state';

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

  /** Several learners' locks, in id order (so that two batches never wait on each other in a cycle). */
  async lockLearners(manager: EntityManager, learnerIds: readonly string[]): Promise<void> {
    await manager.query(
      `SELECT pg_advisory_xact_lock(hashtextextended('ledger:' || id, 0))
         FROM (SELECT id FROM unnest($1::text[]) AS id ORDER BY id) AS ordered`,
      [learnerIds],
    );
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

  /**
   * Course credits of a batch (an import's), each with its outbox event, in two statements; the
   * caller holds the learners' locks and has checked each as `insert`'s callers do. A guard that
   * refuses any one of them fails the whole batch, for the caller to redo row by row.
   */
  async insertCourseCredits(
    manager: EntityManager,
    principal: Principal,
    credits: readonly NewCourseCredit[],
  ): Promise<void> {
    if (credits.length === 0) return;
    let stored: Awaited<ReturnType<typeof insertCourseCredits>>;
    try {
      stored = await insertCourseCredits(manager, principal, credits);
    } catch (error) {
      throw this.translate(error);
    }
    const actor = actorOf(principal);
    await this.outbox.appendMany(
      manager,
      stored.map(({ id, state }, index) => ({
        type: LEDGER_EVENT,
        learnerId: credits[index].learnerId,
        actor,
        changes: [{ kind: 'ledger_entry' as const, id, state }],
        details: {},
      })),
    );
  }

  /** The database's guards speak in constraint names; clients hear domain errors. */
  private translate(error: unknown): unknown {
    const constraint = Object.keys(GUARD_CONFLICTS).find((name) => isUniqueViolation(error, name));
    return constraint === undefined ? error : GUARD_CONFLICTS[constraint]();
  }
}
