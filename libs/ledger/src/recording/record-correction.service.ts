import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { Principal, Role } from '@app/core';
import { CommandContext, CommandResult, CommandRunner } from '@app/commands';
import { CorrectionDto } from '../dto/record-outcome.dto';
import { LedgerEntryEntity } from '../entities/ledger-entry.entity';
import { AlreadyCancelledError, EntryNotFoundError, NotCancellableError } from '../ledger.errors';
import type { EntryView } from '../dto/entry.dto';
import { toEntryView } from '../reading/entry-view';
import { CancellationListeners, RepointedExemption } from './cancellation-listeners';
import { LedgerWriter } from './ledger-writer.service';
import { inRolledBackTransaction } from './rolled-back-transaction';

export interface CorrectionResult {
  correction: EntryView;
  /** The reversals of the exemptions that cited the cancelled entry as evidence. */
  cascaded: EntryView[];
  /**
   * The reversed exemptions whose rule version still held on the remaining evidence, each with
   * the new exemption entry recorded in its place; the others stay reversed.
   */
  repointed: RepointedExemption[];
}

/**
 * What a correction would do, as its dry run did it: the entry it cancels and the standing
 * exemptions that cited it (as they stand now), and those of them recorded again in their place.
 */
export interface CorrectionPreview {
  entry: EntryView;
  /** The exemptions the cascade would reverse, in the order it would reverse them. */
  cascaded: EntryView[];
  /** Each reversed exemption whose rule version still holds, with the entry that would replace it. */
  repointed: { reversed: EntryView; replacement: EntryView }[];
  /**
   * The correction and the cascaded reversals the dry run recorded and rolled back: what the
   * replacements cite (`causeEntryId`), so that a view can name them.
   */
  corrections: EntryView[];
}

interface CascadedReversal {
  cancelled: LedgerEntryEntity;
  reversal: LedgerEntryEntity;
}

interface AppliedCorrection {
  target: LedgerEntryEntity;
  correction: LedgerEntryEntity;
  cascaded: CascadedReversal[];
  repointed: RepointedExemption[];
}

/**
 * Reversals (by the side that recorded the entry, or ADMIN) and certificate revocations (by
 * the scheme's body, or ADMIN). Exemptions that cited the cancelled entry as evidence are
 * reversed in the same transaction, each as its own entry naming the cause, so that no exemption
 * stands on cancelled evidence; then every registered cancellation listener runs, in that
 * transaction too (conversion records again, on the evidence that remains, each exemption its
 * own rule version still grants, and reconsiders waiting applications). A preview runs the same
 * steps in a transaction that is always rolled back, so it cannot say other than the correction.
 */
@Injectable()
export class RecordCorrectionService {
  constructor(
    private readonly writer: LedgerWriter,
    private readonly commands: CommandRunner,
    private readonly cancellations: CancellationListeners,
    private readonly dataSource: DataSource,
  ) {}

  reverse(
    context: CommandContext,
    entryId: string,
    body: CorrectionDto,
  ): Promise<CommandResult<CorrectionResult>> {
    return this.correct(context, entryId, body, 'REVERSAL');
  }

  revoke(
    context: CommandContext,
    entryId: string,
    body: CorrectionDto,
  ): Promise<CommandResult<CorrectionResult>> {
    return this.correct(context, entryId, body, 'REVOCATION');
  }

  /**
   * What reversing the entry would do, computed by the correction itself in a transaction that
   * is always rolled back: no ledger row, outbox event or idempotency claim outlives it.
   */
  previewReversal(
    principal: Principal,
    entryId: string,
    reason: string,
  ): Promise<CorrectionPreview> {
    return this.preview(principal, entryId, reason, 'REVERSAL');
  }

  /** What revoking the certificate would do (see `previewReversal`). */
  previewRevocation(
    principal: Principal,
    entryId: string,
    reason: string,
  ): Promise<CorrectionPreview> {
    return this.preview(principal, entryId, reason, 'REVOCATION');
  }

  private correct(
    context: CommandContext,
    entryId: string,
    body: CorrectionDto,
    kind: 'REVERSAL' | 'REVOCATION',
  ): Promise<CommandResult<CorrectionResult>> {
    return this.commands.run(context, body, async (manager) => {
      const done = await this.apply(manager, context.principal, entryId, body.reason, kind);
      return {
        correction: toEntryView(done.correction),
        cascaded: done.cascaded.map((entry) => toEntryView(entry.reversal)),
        repointed: done.repointed,
      };
    });
  }

  private preview(
    principal: Principal,
    entryId: string,
    reason: string,
    kind: 'REVERSAL' | 'REVOCATION',
  ): Promise<CorrectionPreview> {
    return inRolledBackTransaction(this.dataSource, async (manager) => {
      const done = await this.apply(manager, principal, entryId, reason, kind);
      const exemptions = new Map(
        done.cascaded.map(({ cancelled }) => [cancelled.id, toEntryView(cancelled)]),
      );
      return {
        entry: toEntryView(done.target),
        cascaded: [...exemptions.values()],
        repointed: done.repointed.map((repointed) => ({
          reversed: exemptions.get(repointed.replacesEntryId) as EntryView,
          replacement: repointed.exemption,
        })),
        corrections: [done.correction, ...done.cascaded.map(({ reversal }) => reversal)].map(
          (entry) => toEntryView(entry),
        ),
      };
    });
  }

  /** The correction, its exemption cascade and every cancellation listener, in `manager`'s transaction. */
  private async apply(
    manager: EntityManager,
    principal: Principal,
    entryId: string,
    reason: string,
    kind: 'REVERSAL' | 'REVOCATION',
  ): Promise<AppliedCorrection> {
    const target = await manager
      .getRepository(LedgerEntryEntity)
      .findOne({ where: { id: entryId } });
    if (!target || !this.mayCancel(principal, target, kind)) {
      throw new EntryNotFoundError(kind === 'REVOCATION' ? 'The certificate' : 'The ledger entry');
    }
    if (target.kind === 'REVERSAL' || target.kind === 'REVOCATION') {
      throw new NotCancellableError('A correction cannot itself be reversed.');
    }
    await this.writer.lockLearner(manager, target.learnerId);
    if (await this.isCancelled(manager, target.id)) throw new AlreadyCancelledError();
    const correction = await this.writer.insert(manager, principal, {
      learnerId: target.learnerId,
      kind,
      cancelsEntryId: target.id,
      institutionId: target.institutionId,
      certificationBodyId: target.certificationBodyId,
      reason,
    });
    const cascaded = await this.cascade(manager, principal, target, correction);
    const cause = toEntryView(correction);
    const repointed = await this.cancellations.notify(
      manager,
      [
        target,
        ...cascaded.map(({ cancelled, reversal }) => ({
          id: cancelled.id,
          learnerId: cancelled.learnerId,
          cascade: { exemption: toEntryView(cancelled), reversal: toEntryView(reversal), cause },
        })),
      ],
      principal,
    );
    return { target, correction, cascaded, repointed };
  }

  /** Recording side: the institution or body that owns the entry; ADMIN always. */
  private mayCancel(
    principal: Principal,
    entry: LedgerEntryEntity,
    kind: 'REVERSAL' | 'REVOCATION',
  ): boolean {
    if (kind === 'REVOCATION' && entry.kind !== 'CERTIFICATE') return false;
    if (principal.role === Role.ADMIN) return true;
    if (principal.role === Role.REGISTRAR) {
      return (
        kind === 'REVERSAL' &&
        entry.institutionId !== null &&
        entry.institutionId === principal.institutionId
      );
    }
    if (principal.role === Role.EXAMINER) {
      return (
        entry.certificationBodyId !== null &&
        entry.certificationBodyId === principal.certificationBodyId
      );
    }
    return false;
  }

  private async isCancelled(manager: EntityManager, entryId: string): Promise<boolean> {
    return manager.getRepository(LedgerEntryEntity).exists({ where: { cancelsEntryId: entryId } });
  }

  /** Standing exemptions that cite the cancelled entry: each reversed, naming the correction as cause. */
  private async cascade(
    manager: EntityManager,
    principal: Principal,
    cancelled: LedgerEntryEntity,
    correction: LedgerEntryEntity,
  ): Promise<CascadedReversal[]> {
    const dependents = await manager
      .getRepository(LedgerEntryEntity)
      .createQueryBuilder('e')
      .where('e.learner_id = :learnerId', { learnerId: cancelled.learnerId })
      .andWhere(`e.kind IN ('COURSE_EXEMPTION', 'EXAM_EXEMPTION')`)
      .andWhere(':evidence = ANY(e.evidence_entry_ids)', { evidence: cancelled.id })
      .andWhere('ledger_entry_stands(e.id)')
      .orderBy('e.seq', 'ASC')
      .getMany();
    const results: CascadedReversal[] = [];
    for (const dependent of dependents) {
      const reversal = await this.writer.insert(manager, principal, {
        learnerId: dependent.learnerId,
        kind: 'REVERSAL',
        cancelsEntryId: dependent.id,
        causeEntryId: correction.id,
        institutionId: dependent.institutionId,
        certificationBodyId: dependent.certificationBodyId,
        // The correction's own words; what it cancelled is linked (causeEntryId), named by views.
        reason: correction.reason,
      });
      results.push({ cancelled: dependent, reversal });
    }
    return results;
  }
}
