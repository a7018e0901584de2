import { Injectable, OnModuleInit } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Principal } from '@app/core';
import {
  CancellationListeners,
  CancelledEntry,
  EntryCancellationListener,
  EntryCorrection,
  LedgerFacts,
  RepointedExemption,
} from '@app/ledger';
import { actorOf, EvidenceCancellation, OutboxWriter } from '@app/outbox';
import { AUDITED_APPLICATIONS } from '../conversion-states';
import type { Target } from '../engine';
import { ExemptionApplicationEntity } from '../entities/exemption-application.entity';
import { evaluationInstant, ExemptionEvaluator } from '../eligibility/exemption-evaluator.service';
import { ExemptionRepointing } from './exemption-repointing.service';

/**
 * What happens to exemptions and waiting applications when evidence is revoked or reversed. The
 * ledger reverses the exemptions the evidence backed; this listener, called by every correction
 * in its transaction (under its learner lock), first records again each of them that its own
 * rule version still grants on the remaining evidence (ExemptionRepointing), then re-evaluates
 * every SUBMITTED application whose evaluation cited a cancelled entry, against the account as
 * it now stands: still eligible on other evidence ⇒ it stays SUBMITTED with the new evaluation;
 * otherwise it is CLOSED with the reason. Either way its audit event names the correction that
 * cancelled the first evidence it cited.
 */
@Injectable()
export class ApplicationCascade implements EntryCancellationListener, OnModuleInit {
  constructor(
    private readonly evaluator: ExemptionEvaluator,
    private readonly ledger: LedgerFacts,
    private readonly listeners: CancellationListeners,
    private readonly repointing: ExemptionRepointing,
    private readonly outbox: OutboxWriter,
  ) {}

  onModuleInit(): void {
    this.listeners.register(this);
  }

  async entriesCancelled(
    manager: EntityManager,
    cancelled: readonly CancelledEntry[],
    principal: Principal,
  ): Promise<RepointedExemption[]> {
    const repointed = await this.repointing.repoint(manager, cancelled, principal);
    await this.reconsider(manager, cancelled, principal);
    return repointed;
  }

  async reconsider(
    manager: EntityManager,
    cancelled: readonly CancelledEntry[],
    principal: Principal,
  ): Promise<string[]> {
    const cancelledIds = new Set(cancelled.map((entry) => entry.id));
    const learnerIds = [...new Set(cancelled.map((entry) => entry.learnerId))];
    const repository = manager.getRepository(ExemptionApplicationEntity);
    const touched: string[] = [];
    for (const learnerId of learnerIds) {
      const waiting = await repository
        .createQueryBuilder('a')
        .setLock('pessimistic_write')
        .where('a.learner_id = :learnerId', { learnerId })
        .andWhere(`a.status = 'SUBMITTED'`)
        .orderBy('a.submitted_at', 'ASC')
        .getMany();
      const affected = waiting.filter((application) =>
        citedEvidence(application).some((id) => cancelledIds.has(id)),
      );
      if (affected.length === 0) continue;
      const corrections = await this.ledger.cancellations(manager, [...cancelledIds]);
      const correctionOf = (entryId: string): EntryCorrection => {
        const found = corrections.get(entryId);
        if (!found) throw new Error(`entry ${entryId} was cancelled without a correction`);
        return found;
      };
      const facts = await this.evaluator.loadFacts(manager, learnerId);
      const at = evaluationInstant();
      for (const application of affected) {
        const cited = citedEvidence(application).filter((id) => cancelledIds.has(id));
        // Which evidence, the application cites; the corrections' words are on their entries.
        const cause = [...new Set(cited.map((id) => verbOf(correctionOf(id))))].join(' and ');
        const active = await this.evaluator.activeRule(manager, application.ruleId);
        const [checked] = active
          ? await this.evaluator.check(
              manager,
              active,
              facts,
              at,
              application.target as unknown as Target,
            )
          : [];
        let outcome: 'conversion.application.reevaluated' | 'conversion.application.closed';
        if (active && checked?.evaluation.eligible) {
          outcome = 'conversion.application.reevaluated';
          Object.assign(application, {
            ruleVersionId: active.version.id,
            evaluation: checked.evaluation,
          });
        } else {
          outcome = 'conversion.application.closed';
          // Why the rule no longer grants it is the stored evaluation's, said where it is read.
          const why = checked ? '' : ' The rule has no active version.';
          Object.assign(application, {
            status: 'CLOSED',
            decidedBy: principal.userId,
            decidedAt: new Date(),
            decisionReason: `Closed because evidence it cited was ${cause}.${why}`,
            ...(checked ? { evaluation: checked.evaluation } : {}),
          });
        }
        await repository.save(application);
        const correction = correctionOf(cited[0]);
        await this.outbox.append(manager, {
          type: outcome,
          learnerId,
          actor: actorOf(principal),
          changes: await AUDITED_APPLICATIONS.changes(manager, [application.id]),
          details: { cause: causeOf(correction), causeEntryId: correction.correctionId },
        });
        touched.push(application.id);
      }
    }
    return touched;
  }
}

function verbOf(correction: EntryCorrection): string {
  return correction.kind === 'REVOCATION' ? 'revoked' : 'reversed';
}

/** What the audit event names as the cause: the kind of correction that cancelled the evidence. */
function causeOf(correction: EntryCorrection): EvidenceCancellation {
  return correction.kind === 'REVOCATION' ? 'EVIDENCE_REVOKED' : 'EVIDENCE_REVERSED';
}

function citedEvidence(application: ExemptionApplicationEntity): string[] {
  const ids = (application.evaluation as { evidenceEntryIds?: unknown }).evidenceEntryIds;
  return Array.isArray(ids) ? ids.filter((id): id is string => typeof id === 'string') : [];
}
