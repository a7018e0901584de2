import { Processor } from '@nestjs/bullmq';
import { Logger } from '@nestjs/common';
import { Job, UnrecoverableError } from 'bullmq';
import { DataSource } from 'typeorm';
import { EMBEDDED_WORKER_DRAIN_DELAY_SECONDS, QueueName, QuietWorkerHost } from '@app/core';
import { LedgerFacts } from '@app/ledger';
import { LearnerAccess } from '@app/relationships';
import { collectReferences, targetKey, targetOfContext, type Condition } from '../engine';
import { evaluationInstant, ExemptionEvaluator } from '../eligibility/exemption-evaluator.service';
import { emptyFacts, LearnerFactsLoader } from '../facts/learner-facts.loader';
import {
  ELIGIBILITY_SCAN_JOB,
  EligibilityScanResult,
  isEligibilityScanData,
  SCAN_BATCH_SIZE,
  SCAN_RESULT_SAMPLE,
} from './eligibility-scan.job';

/**
 * Finds every learner of the rule's owner (those its school or body reaches) whom the rule's
 * ACTIVE version now makes eligible: set-based SQL narrows the candidates, the pure engine
 * decides, batch by batch, reporting progress. Read-only, so a retry
 * simply starts over.
 */
@Processor(QueueName.scans, { drainDelay: EMBEDDED_WORKER_DRAIN_DELAY_SECONDS })
export class EligibilityScanProcessor extends QuietWorkerHost {
  private readonly logger = new Logger(EligibilityScanProcessor.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly evaluator: ExemptionEvaluator,
    private readonly facts: LearnerFactsLoader,
    private readonly ledger: LedgerFacts,
    private readonly access: LearnerAccess,
  ) {
    super();
  }

  async process(job: Job): Promise<EligibilityScanResult> {
    if (job.name !== ELIGIBILITY_SCAN_JOB)
      throw new UnrecoverableError(`unknown job ${job.name} on ${QueueName.scans}`);
    if (!isEligibilityScanData(job.data))
      throw new UnrecoverableError('malformed eligibility-scan payload');
    const manager = this.dataSource.manager;
    const active = await this.evaluator.activeRule(manager, job.data.ruleId);
    if (!active) throw new UnrecoverableError('the rule has no active version');
    // Candidates: learners holding a standing outcome that one of the condition's leaves names.
    // No condition can hold without one of its leaves holding, so nobody else is eligible.
    const held = collectReferences(active.version.condition as unknown as Condition);
    const total = await this.ledger.countHolders(manager, held);
    const prepared = await this.evaluator.prepare(manager, active);
    const at = evaluationInstant();
    const eligible: string[] = [];
    const byTarget = new Map(
      prepared.targets.map(({ context }) => [targetKey(targetOfContext(context)), 0]),
    );
    const owner = {
      institutionId: active.rule.ownerInstitutionId,
      certificationBodyId: active.rule.ownerCertificationBodyId,
    };
    let scanned = 0;
    let seen = 0;
    let after = '00000000-0000-0000-0000-000000000000';
    for (;;) {
      const holders = await this.ledger.holders(manager, held, after, SCAN_BATCH_SIZE);
      if (holders.length === 0) break;
      // Only the learners the rule's owner reaches (its school's students, the body's
      // candidates): a scan must not list another school's learners to whoever writes a rule.
      const reached = await this.access.reachableByScope(manager, owner, holders);
      const learnerIds = holders.filter((learnerId) => reached.has(learnerId));
      const factsByLearner = await this.facts.load(manager, learnerIds);
      for (const learnerId of learnerIds) {
        const results = this.evaluator.run(
          prepared,
          factsByLearner.get(learnerId) ?? emptyFacts(),
          at,
        );
        for (const { evaluation } of results.filter((result) => result.evaluation.eligible)) {
          byTarget.set(evaluation.targetKey, (byTarget.get(evaluation.targetKey) ?? 0) + 1);
        }
        if (results.some((result) => result.evaluation.eligible)) eligible.push(learnerId);
      }
      scanned += learnerIds.length;
      seen += holders.length;
      after = holders[holders.length - 1];
      await job.updateProgress(total === 0 ? 100 : Math.min(100, Math.round((seen / total) * 100)));
    }
    await job.updateProgress(100);
    this.logger.log(
      `scan of rule ${active.rule.id}: ${eligible.length} of ${scanned} candidates eligible`,
    );
    return {
      ruleId: active.rule.id,
      ruleVersionId: active.version.id,
      version: active.version.version,
      evaluatedAt: at.toISOString(),
      scanned,
      eligibleCount: eligible.length,
      eligibleLearnerIds: eligible.slice(0, SCAN_RESULT_SAMPLE),
      byTarget: prepared.targets.map(({ context }) => {
        const target = targetOfContext(context);
        return { target, eligibleCount: byTarget.get(targetKey(target)) ?? 0 };
      }),
    };
  }
}
