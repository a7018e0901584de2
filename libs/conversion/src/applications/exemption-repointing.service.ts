import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Principal } from '@app/core';
import {
  CancelledEntry,
  EntryView,
  LedgerWriter,
  NewEntry,
  RepointedExemption,
  toEntryView,
} from '@app/ledger';
import { actorOf, OutboxWriter } from '@app/outbox';
import { AUDITED_APPLICATIONS } from '../conversion-states';
import type { Evaluation, LearnerFacts } from '../engine';
import { exemptionFact, exemptionTarget } from '../facts/learner-facts.loader';
import { ExemptionApplicationEntity } from '../entities/exemption-application.entity';
import { evaluationInstant, ExemptionEvaluator } from '../eligibility/exemption-evaluator.service';

type Cascade = NonNullable<CancelledEntry['cascade']>;

/**
 * A cascade reverses only what lost its footing. The ledger has reversed every exemption that
 * cited the cancelled evidence; each one is then evaluated again under its own rule version (not
 * the one active now), today, on the learner's remaining evidence, for the credits it granted.
 * Where the rule still holds and every limit allows it, the same grant (target, rule version,
 * application, credits) is recorded again as a new exemption entry citing the evidence that
 * proves it now; its reason names the exemption it replaces and the cause, and it points at the
 * cascaded reversal (`causeEntryId`). The limits count the grants recorded before it in the same
 * cascade and no longer the replaced exemption, which is reversed. Otherwise the reversal stands.
 * No exemption stands on cancelled evidence either way: the new entry cites only standing evidence.
 */
@Injectable()
export class ExemptionRepointing {
  constructor(
    private readonly evaluator: ExemptionEvaluator,
    private readonly writer: LedgerWriter,
    private readonly outbox: OutboxWriter,
  ) {}

  /** In cascade (ledger) order, so that an earlier grant keeps its place under a shared cap. */
  async repoint(
    manager: EntityManager,
    cancelled: readonly CancelledEntry[],
    principal: Principal,
  ): Promise<RepointedExemption[]> {
    const cascades = cancelled.flatMap((entry) => (entry.cascade ? [entry.cascade] : []));
    const repointed: RepointedExemption[] = [];
    for (const learnerId of new Set(cascades.map((cascade) => cascade.exemption.learnerId))) {
      const loaded = await this.evaluator.loadFacts(manager, learnerId);
      const facts = { ...loaded, exemptions: [...loaded.exemptions] };
      for (const cascade of cascades.filter((each) => each.exemption.learnerId === learnerId)) {
        const replacement = await this.regrant(manager, principal, facts, cascade);
        if (!replacement) continue;
        facts.exemptions.push(exemptionFact(replacement, 'ACTIVE'));
        repointed.push({
          replacesEntryId: cascade.exemption.id,
          reversalEntryId: cascade.reversal.id,
          exemption: replacement,
        });
      }
    }
    return repointed;
  }

  private async regrant(
    manager: EntityManager,
    principal: Principal,
    facts: LearnerFacts,
    cascade: Cascade,
  ): Promise<EntryView | null> {
    const { exemption, reversal, cause } = cascade;
    const granted = exemption.ruleVersionId
      ? await this.evaluator.ruleOfVersion(manager, exemption.ruleVersionId)
      : null;
    if (!granted) return null;
    const prepared = await this.evaluator.prepare(manager, granted, exemptionTarget(exemption));
    // The same grant, for the credits it was recorded with, whatever the rule's default is today.
    prepared.rule = { ...prepared.rule, creditsGranted: exemption.credits ?? null };
    const [checked] = this.evaluator.run(prepared, facts, evaluationInstant());
    if (!checked?.evaluation.eligible) return null;
    const evaluation = checked.evaluation;
    const entry = await this.writer.insert(manager, principal, {
      ...grantOf(exemption),
      evidenceEntryIds: evaluation.evidenceEntryIds,
      causeEntryId: reversal.id,
      // The correction's own words; the reversal it answers is linked (causeEntryId).
      reason: cause.reason,
    });
    if (exemption.applicationId) {
      await this.pointApplication(manager, principal, cascade, entry.id, evaluation);
    }
    return toEntryView(entry);
  }

  /** The approved application names the exemption that now stands for it, and why (audited). */
  private async pointApplication(
    manager: EntityManager,
    principal: Principal,
    { exemption: replaced, reversal }: Cascade,
    replacementId: string,
    evaluation: Evaluation,
  ): Promise<void> {
    const applicationId = replaced.applicationId as string;
    const updated = await manager
      .getRepository(ExemptionApplicationEntity)
      .update(
        { id: applicationId, exemptionEntryId: replaced.id },
        { exemptionEntryId: replacementId, evaluation: evaluation as unknown as object },
      );
    if (!updated.affected) return;
    await this.outbox.append(manager, {
      type: 'conversion.application.repointed',
      learnerId: replaced.learnerId,
      actor: actorOf(principal),
      changes: await AUDITED_APPLICATIONS.changes(manager, [applicationId]),
      details: { replacedEntryId: replaced.id, causeEntryId: reversal.id },
    });
  }
}

/** Every field of the replaced exemption that the new one repeats: the grant itself. */
function grantOf(exemption: EntryView): NewEntry {
  const common = {
    learnerId: exemption.learnerId,
    credits: exemption.credits,
    ruleId: exemption.ruleId ?? null,
    ruleVersionId: exemption.ruleVersionId,
    applicationId: exemption.applicationId ?? null,
    institutionId: exemption.institutionId ?? null,
    certificationBodyId: exemption.certificationBodyId ?? null,
  };
  if (exemption.kind === 'COURSE_EXEMPTION') {
    return {
      ...common,
      kind: 'COURSE_EXEMPTION',
      courseId: exemption.courseId,
      programId: exemption.programId ?? null,
    };
  }
  return {
    ...common,
    kind: 'EXAM_EXEMPTION',
    schemeId: exemption.schemeId,
    level: exemption.level,
    component: exemption.component,
  };
}
