import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Principal } from '@app/core';
import { CommandContext, CommandResult, CommandRunner } from '@app/commands';
import { EntryView, LedgerWriter, toEntryView } from '@app/ledger';
import { actorOf, OutboxWriter } from '@app/outbox';
import { AUDITED_APPLICATIONS } from '../conversion-states';
import { ownsTarget } from '../conversion-scope';
import {
  ApplicationAlreadyDecidedError,
  ApplicationNotFoundError,
  NotEligibleError,
} from '../conversion.errors';
import { DecisionDto } from '../dto/application.dto';
import { isCourseTarget, parseHundredths, type Target } from '../engine';
import { ExemptionApplicationEntity } from '../entities/exemption-application.entity';
import {
  ActiveRule,
  CheckedTarget,
  evaluationInstant,
  ExemptionEvaluator,
} from '../eligibility/exemption-evaluator.service';
import { checkApproval } from './application-standing';
import { ApplicationView, toApplicationView } from './application-view';

export interface DecisionResult {
  application: ApplicationView;
  /** The COURSE_EXEMPTION or EXAM_EXEMPTION entry an approval wrote; null for a rejection. */
  exemption: EntryView | null;
}

/**
 * The target owner's decision, audited with the application as decided (an approval's exemption
 * entry has its own event, from the ledger). Approval re-evaluates under the rule's ACTIVE version
 * at decision time, inside the learner lock, so two approvals that together would break a cap run
 * one after the other and the second sees the first's exemption. Not eligible any more ⇒ 422 with
 * the reasons, and the application stays SUBMITTED (the decider may then reject it).
 */
@Injectable()
export class DecisionService {
  constructor(
    private readonly evaluator: ExemptionEvaluator,
    private readonly writer: LedgerWriter,
    private readonly commands: CommandRunner,
    private readonly outbox: OutboxWriter,
  ) {}

  decide(
    context: CommandContext,
    applicationId: string,
    body: DecisionDto,
  ): Promise<CommandResult<DecisionResult>> {
    const { principal } = context;
    return this.commands.run(context, body, async (manager) => {
      const repository = manager.getRepository(ExemptionApplicationEntity);
      const found = await repository.findOne({ where: { id: applicationId } });
      if (!found || !ownsTarget(principal, found)) throw new ApplicationNotFoundError();
      // Learner lock, then the row: the order every writer of this learner's applications uses.
      await this.writer.lockLearner(manager, found.learnerId);
      const application = await repository
        .createQueryBuilder('a')
        .setLock('pessimistic_write')
        .where('a.id = :id', { id: applicationId })
        .getOneOrFail();
      if (application.status !== 'SUBMITTED')
        throw new ApplicationAlreadyDecidedError(application.status);
      const result =
        body.decision === 'REJECT'
          ? await this.reject(manager, principal, application, body.reason)
          : await this.approve(manager, principal, application, body.reason);
      await this.outbox.append(manager, {
        type: 'conversion.application.decided',
        learnerId: application.learnerId,
        actor: actorOf(principal),
        changes: await AUDITED_APPLICATIONS.changes(manager, [application.id]),
        details: { decision: body.decision, reason: result.application.decisionReason },
      });
      return result;
    });
  }

  private async reject(
    manager: EntityManager,
    principal: Principal,
    application: ExemptionApplicationEntity,
    reason: string,
  ): Promise<DecisionResult> {
    Object.assign(application, decided(principal, 'REJECTED', reason));
    const saved = await manager.getRepository(ExemptionApplicationEntity).save(application);
    return { application: toApplicationView(saved), exemption: null };
  }

  private async approve(
    manager: EntityManager,
    principal: Principal,
    application: ExemptionApplicationEntity,
    reason: string,
  ): Promise<DecisionResult> {
    const active = await this.evaluator.activeRule(manager, application.ruleId);
    const target = application.target as unknown as Target;
    const rule = active
      ? { active, prepared: await this.evaluator.prepare(manager, active, target) }
      : undefined;
    const facts = await this.evaluator.loadFacts(manager, application.learnerId);
    const { refusal, checked } = checkApproval(
      application.targetKey,
      rule,
      facts,
      evaluationInstant(),
    );
    if (!rule || !checked?.evaluation.eligible)
      throw new NotEligibleError(
        refusal === null ? (checked?.evaluation.reasons ?? []) : [refusal],
        checked?.evaluation ?? null,
      );
    const entry = await this.writer.insert(
      manager,
      principal,
      exemptionEntry(application, rule.active, checked, target),
    );
    Object.assign(application, decided(principal, 'APPROVED', reason), {
      ruleVersionId: rule.active.version.id,
      evaluation: checked.evaluation,
      exemptionEntryId: entry.id,
    });
    const saved = await manager.getRepository(ExemptionApplicationEntity).save(application);
    return { application: toApplicationView(saved), exemption: toEntryView(entry) };
  }
}

/** numeric(6,2) as the database answers it ("4" → "4.00"), so this answer and later reads agree. */
function twoDecimals(credits: string): string {
  const hundredths = parseHundredths(credits);
  return `${Math.trunc(hundredths / 100)}.${String(hundredths % 100).padStart(2, '0')}`;
}

function decided(principal: Principal, status: 'APPROVED' | 'REJECTED', reason: string) {
  return {
    status,
    decidedBy: principal.userId,
    decidedAt: new Date(),
    decisionReason: reason.trim(),
  };
}

/** The ledger entry of an approval: names rule, version, evidence and application. */
function exemptionEntry(
  application: ExemptionApplicationEntity,
  active: ActiveRule,
  checked: CheckedTarget,
  target: Target,
) {
  const common = {
    learnerId: application.learnerId,
    credits: twoDecimals(checked.evaluation.creditsGranted),
    ruleId: active.rule.id,
    ruleVersionId: active.version.id,
    evidenceEntryIds: checked.evaluation.evidenceEntryIds,
    applicationId: application.id,
  };
  if (isCourseTarget(target)) {
    const context = checked.target.context;
    return {
      ...common,
      kind: 'COURSE_EXEMPTION' as const,
      courseId: target.courseId,
      institutionId: checked.target.institutionId,
      programId: 'programId' in context ? (context.programId ?? null) : null,
    };
  }
  return {
    ...common,
    kind: 'EXAM_EXEMPTION' as const,
    schemeId: target.schemeId,
    level: target.level,
    component: target.component,
    certificationBodyId: active.rule.ownerCertificationBodyId,
  };
}
