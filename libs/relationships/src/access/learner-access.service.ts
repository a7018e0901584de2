import { Inject, Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { Principal, Role } from '@app/core';
import { LearnerNotFoundError } from '@app/accounts';
import { AccountView, actorOf, OutboxWriter } from '@app/outbox';
import { LEARNER_REACH_SOURCES, LearnerReachSource } from './learner-reach';

/**
 * Who may reach a learner's account: the learner themself, ADMIN, and staff with a relationship
 * (enrolment, exam registration, share, a certificate their body issued, an application open
 * with them). Everyone else is told the learner does not exist. Staff reads are written to the
 * access log (an audit event the learner can read).
 */
@Injectable()
export class LearnerAccess {
  private readonly reachSql: string;

  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: OutboxWriter,
    @Inject(LEARNER_REACH_SOURCES) sources: LearnerReachSource[],
  ) {
    this.reachSql = sources.map((source) => `(${source.sql})`).join('\n OR ');
  }

  /** Whether the caller reaches the learner (who must exist). */
  async reaches(
    principal: Principal,
    learnerId: string,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<boolean> {
    return (await this.reachable(principal, [learnerId], manager)).has(learnerId);
  }

  /** The learners among `learnerIds` the caller reaches. */
  async reachable(
    principal: Principal,
    learnerIds: readonly string[],
    manager: EntityManager = this.dataSource.manager,
  ): Promise<Set<string>> {
    if (learnerIds.length === 0) return new Set();
    if (principal.role === Role.LEARNER) {
      const own = principal.learnerId !== null && learnerIds.includes(principal.learnerId);
      if (!own) return new Set();
      return this.existing(manager, [principal.learnerId as string]);
    }
    if (principal.role === Role.ADMIN) return this.existing(manager, learnerIds);
    return this.reachableByScope(
      manager,
      {
        institutionId: principal.institutionId,
        certificationBodyId: principal.certificationBodyId,
      },
      learnerIds,
    );
  }

  /** The learners among `learnerIds` a school or body reaches (a rule owner's scan, say). */
  async reachableByScope(
    manager: EntityManager,
    scope: { institutionId: string | null; certificationBodyId: string | null },
    learnerIds: readonly string[],
  ): Promise<Set<string>> {
    if (learnerIds.length === 0) return new Set();
    if (scope.institutionId === null && scope.certificationBodyId === null) return new Set();
    const rows: { id: string }[] = await manager.query(
      `SELECT l.id::text AS id FROM learners l
        WHERE l.id = ANY($3::uuid[]) AND (${this.reachSql})`,
      [scope.institutionId, scope.certificationBodyId, learnerIds],
    );
    return new Set(rows.map((row) => row.id));
  }

  /** Refuses (404) unless the caller reaches the learner; nothing is logged. */
  async assertReaches(
    principal: Principal,
    learnerId: string,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<void> {
    if (!(await this.reaches(principal, learnerId, manager))) throw new LearnerNotFoundError();
  }

  /**
   * Refuses (404) unless the caller may read the learner's account; a staff member's read is
   * written to the access log, which the learner can read.
   */
  async read(principal: Principal, learnerId: string, view: AccountView): Promise<void> {
    await this.assertReaches(principal, learnerId);
    await this.logView(this.dataSource.manager, principal, learnerId, view);
  }

  /**
   * Like `read`, for a view whose query may still be refused (a cursor or filter that does not
   * parse): the read is logged only once `load` has succeeded, so a refused read writes nothing.
   */
  async readWith<T>(
    principal: Principal,
    learnerId: string,
    view: AccountView,
    load: () => Promise<T>,
  ): Promise<T> {
    await this.assertReaches(principal, learnerId);
    const result = await load();
    await this.logView(this.dataSource.manager, principal, learnerId, view);
    return result;
  }

  /** Writes one access-log entry for a staff member's read; a learner's own reads are not logged. */
  async logView(
    manager: EntityManager,
    principal: Principal,
    learnerId: string,
    view: AccountView,
  ): Promise<void> {
    if (principal.role === Role.LEARNER) return;
    await this.outbox.append(manager, {
      type: 'learner.account.viewed',
      learnerId,
      actor: actorOf(principal),
      changes: [],
      details: { view },
    });
  }

  private async existing(manager: EntityManager, ids: readonly string[]): Promise<Set<string>> {
    const rows: { id: string }[] = await manager.query(
      'SELECT id::text AS id FROM learners WHERE id = ANY($1::uuid[])',
      [ids],
    );
    return new Set(rows.map((row) => row.id));
  }
}
