import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { isUniqueViolation, Principal, Role, ValidationFailedError } from '@app/core';
import { LearnerNotFoundError } from '@app/accounts';
import { CommandContext, CommandResult, CommandRunner } from '@app/commands';
import { LedgerWriter } from '@app/ledger';
import { actorOf, OutboxWriter } from '@app/outbox';
import { LearnerAccess } from '@app/relationships';
import { AUDITED_APPLICATIONS } from '../conversion-states';
import { mayActForLearner, ownsTarget } from '../conversion-scope';
import {
  ApplicationAlreadyOpenError,
  ApplicationNotFoundError,
  NotEligibleError,
  RuleNotFoundError,
} from '../conversion.errors';
import { InboxQueryDto, SubmitApplicationDto } from '../dto/application.dto';
import { targetKey } from '../engine';
import { parseTarget } from '../rules/rule-targets';
import { ConversionRuleEntity } from '../entities/conversion-rule.entity';
import {
  ApplicationStatus,
  ExemptionApplicationEntity,
} from '../entities/exemption-application.entity';
import { RuleVersionEntity } from '../entities/rule-version.entity';
import { evaluationInstant, ExemptionEvaluator } from '../eligibility/exemption-evaluator.service';
import { emptyFacts, LearnerFactsLoader } from '../facts/learner-facts.loader';
import { decodeApplicationCursor, encodeApplicationCursor } from './application-cursor';
import { PreparedActiveRule, standingOf } from './application-standing';
import {
  ApplicationStanding,
  ApplicationView,
  InboxItemView,
  toApplicationView,
} from './application-view';

export interface ApplicationPage {
  items: ApplicationView[];
  nextCursor: string | null;
}

export interface InboxPage {
  items: InboxItemView[];
  nextCursor: string | null;
}

const SUBMITTED_MS = "date_trunc('milliseconds', a.submitted_at)";

/**
 * Exemption applications: submitted by the learner (or staff on their behalf) when the rule's
 * active version finds them eligible; listed in each decider's inbox by scope. Writes for a
 * learner take the ledger's learner lock first, as every writer of that learner does.
 */
@Injectable()
export class ApplicationsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly evaluator: ExemptionEvaluator,
    private readonly facts: LearnerFactsLoader,
    private readonly writer: LedgerWriter,
    private readonly commands: CommandRunner,
    private readonly access: LearnerAccess,
    private readonly outbox: OutboxWriter,
  ) {}

  submit(
    context: CommandContext,
    learnerId: string,
    body: SubmitApplicationDto,
  ): Promise<CommandResult<ApplicationView>> {
    const { principal } = context;
    if (!mayActForLearner(principal, learnerId)) throw new LearnerNotFoundError();
    return this.commands.run(context, body, async (manager) => {
      await this.access.assertReaches(principal, learnerId, manager);
      const target = parseTarget(body.target);
      await this.writer.lockLearner(manager, learnerId);
      // A share lock on the rule: a retirement (which closes waiting applications) cannot slip
      // between reading the active version and inserting the application.
      await manager.query('SELECT 1 FROM conversion_rules WHERE id = $1 FOR SHARE', [body.ruleId]);
      const active = await this.evaluator.activeRule(manager, body.ruleId);
      if (!active) {
        const exists = await manager
          .getRepository(ConversionRuleEntity)
          .exists({ where: { id: body.ruleId } });
        if (!exists) throw new RuleNotFoundError();
        throw new NotEligibleError(['The rule has no active version.'], null);
      }
      const key = targetKey(target);
      if (!active.version.targetKeys.includes(key)) {
        throw new ValidationFailedError([
          { field: 'target', message: "is not one of the rule's targets" },
        ]);
      }
      const open = await openApplication(manager, learnerId, key);
      if (open) throw new ApplicationAlreadyOpenError(open);
      const facts = await this.evaluator.loadFacts(manager, learnerId);
      const [checked] = await this.evaluator.check(
        manager,
        active,
        facts,
        evaluationInstant(),
        target,
      );
      if (!checked) throw new NotEligibleError(['The target course no longer exists.'], null);
      if (!checked.evaluation.eligible)
        throw new NotEligibleError(checked.evaluation.reasons, checked.evaluation);
      const repository = manager.getRepository(ExemptionApplicationEntity);
      let saved: ExemptionApplicationEntity;
      try {
        saved = await repository.save(
          repository.create({
            learnerId,
            ruleId: active.rule.id,
            ruleVersionId: active.version.id,
            target: target as unknown as Record<string, unknown>,
            targetKey: key,
            ownerInstitutionId: active.rule.ownerInstitutionId,
            ownerCertificationBodyId: active.rule.ownerCertificationBodyId,
            status: 'SUBMITTED',
            evaluation: checked.evaluation as unknown as Record<string, unknown>,
            submittedBy: principal.userId,
            decidedBy: null,
            decidedAt: null,
            decisionReason: null,
            exemptionEntryId: null,
          }),
        );
      } catch (error) {
        if (isUniqueViolation(error, 'exemption_applications_open_target_key'))
          throw new ApplicationAlreadyOpenError(null);
        throw error;
      }
      await this.outbox.append(manager, {
        type: 'conversion.application.submitted',
        learnerId,
        actor: actorOf(principal),
        changes: await AUDITED_APPLICATIONS.changes(manager, [saved.id]),
        details: {},
      });
      return toApplicationView(saved);
    });
  }

  /**
   * The decider's inbox: applications of their scope in one status, oldest first, each with how
   * it stands today. The page is re-evaluated in a fixed number of queries, whatever its size:
   * one for the rules' active versions, two per distinct rule for its targets and names, and one
   * facts load for all the page's learners.
   */
  async inbox(principal: Principal, query: InboxQueryDto): Promise<InboxPage> {
    const limit = query.limit ?? 50;
    const builder = this.dataSource.manager
      .getRepository(ExemptionApplicationEntity)
      .createQueryBuilder('a')
      .where('a.status = :status', { status: query.status ?? 'SUBMITTED' })
      // Milliseconds, as the cursor carries them (JavaScript dates have no microseconds).
      .orderBy(SUBMITTED_MS, 'ASC')
      .addOrderBy('a.id', 'ASC')
      .limit(limit + 1);
    if (principal.role === Role.REGISTRAR) {
      builder.andWhere('a.owner_institution_id = :institution', {
        institution: principal.institutionId,
      });
    } else if (principal.role === Role.EXAMINER) {
      builder.andWhere('a.owner_certification_body_id = :body', {
        body: principal.certificationBodyId,
      });
    } else if (principal.role !== Role.ADMIN) {
      return { items: [], nextCursor: null };
    }
    if (query.cursor) {
      const after = decodeApplicationCursor(query.cursor);
      builder.andWhere(`(${SUBMITTED_MS}, a.id) > (:at, :id)`, {
        at: after.submittedAt,
        id: after.id,
      });
    }
    const rows = await builder.getMany();
    const page = rows.slice(0, limit);
    const standings = await this.standings(this.dataSource.manager, page);
    const last = page[page.length - 1];
    return {
      items: page.map((application, index) => ({
        ...toApplicationView(application),
        ...standings[index],
      })),
      nextCursor: rows.length > limit ? encodeApplicationCursor(last.submittedAt, last.id) : null,
    };
  }

  /** How each application stands today, as the decision would judge it. */
  private async standings(
    manager: EntityManager,
    applications: ExemptionApplicationEntity[],
  ): Promise<ApplicationStanding[]> {
    const waiting = applications.filter((application) => application.status === 'SUBMITTED');
    const ruleIds = [...new Set(waiting.map((application) => application.ruleId))];
    const versions = ruleIds.length
      ? await manager
          .getRepository(RuleVersionEntity)
          .createQueryBuilder('v')
          .innerJoinAndSelect('v.rule', 'r')
          .where(`v.status = 'ACTIVE'`)
          .andWhere('v.rule_id IN (:...ruleIds)', { ruleIds })
          .getMany()
      : [];
    const rules = new Map<string, PreparedActiveRule>();
    for (const version of versions) {
      if (!version.rule) continue;
      const active = { rule: version.rule, version };
      rules.set(version.ruleId, {
        active,
        prepared: await this.evaluator.prepare(manager, active),
      });
    }
    const facts = await this.facts.load(manager, [
      ...new Set(waiting.map((application) => application.learnerId)),
    ]);
    const at = evaluationInstant();
    return applications.map((application) =>
      standingOf(
        application,
        rules.get(application.ruleId),
        facts.get(application.learnerId) ?? emptyFacts(),
        at,
      ),
    );
  }

  /** One application: for its learner, its target's owner side, the submitter and ADMIN. */
  async get(principal: Principal, applicationId: string): Promise<ApplicationView> {
    const application = await this.dataSource.manager
      .getRepository(ExemptionApplicationEntity)
      .findOne({ where: { id: applicationId } });
    const visible =
      application &&
      (ownsTarget(principal, application) ||
        application.submittedBy === principal.userId ||
        (principal.role === Role.LEARNER && principal.learnerId === application.learnerId));
    if (!visible) throw new ApplicationNotFoundError();
    return toApplicationView(application);
  }

  /** A learner's applications, newest first, cursor-paged: the account's applications section. */
  async pageForLearner(
    learnerId: string,
    cursor: string | undefined,
    limit: number,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<ApplicationPage> {
    const builder = manager
      .getRepository(ExemptionApplicationEntity)
      .createQueryBuilder('a')
      .where('a.learner_id = :learnerId', { learnerId })
      .orderBy(SUBMITTED_MS, 'DESC')
      .addOrderBy('a.id', 'DESC')
      .limit(limit + 1);
    if (cursor !== undefined) {
      const before = decodeApplicationCursor(cursor);
      builder.andWhere(`(${SUBMITTED_MS}, a.id) < (:at, :id)`, {
        at: before.submittedAt,
        id: before.id,
      });
    }
    const rows = await builder.getMany();
    const page = rows.slice(0, limit);
    const last = page[page.length - 1];
    return {
      items: page.map(toApplicationView),
      nextCursor: rows.length > limit ? encodeApplicationCursor(last.submittedAt, last.id) : null,
    };
  }

  /** How many applications the learner has made, in every status. */
  countForLearner(
    learnerId: string,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<number> {
    return manager.getRepository(ExemptionApplicationEntity).count({ where: { learnerId } });
  }
}

export async function openApplication(
  manager: EntityManager,
  learnerId: string,
  key: string,
): Promise<string | null> {
  const open = await manager.getRepository(ExemptionApplicationEntity).findOne({
    where: { learnerId, targetKey: key, status: 'SUBMITTED' satisfies ApplicationStatus },
  });
  return open?.id ?? null;
}
