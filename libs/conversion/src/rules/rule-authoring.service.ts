import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { decimalText, Principal } from '@app/core';
import { actorOf, OutboxWriter } from '@app/outbox';
import { AUDITED_RULE_VERSIONS, AUDITED_RULES } from '../conversion-states';
import { ownsTarget } from '../conversion-scope';
import { RuleNotFoundError } from '../conversion.errors';
import { CreateRuleDto, ListRulesQueryDto, RuleContentDto } from '../dto/rule.dto';
import { ConversionRuleEntity } from '../entities/conversion-rule.entity';
import { RuleVersionEntity } from '../entities/rule-version.entity';
import { RuleValidator, ValidatedRule } from './rule-validator';
import { RuleVersionView, RuleView, toRuleView, toVersionView } from './rule-view';

export interface RulePage {
  items: RuleView[];
  nextCursor: string | null;
}

/**
 * Writing rules: a new rule starts as version 1 in DRAFT; later versions are new DRAFTs of the
 * same rule, each with its full content in its audit event. Only the target's owner (or ADMIN)
 * may write; another side's rule answers 404.
 * Every method has a form taking the caller's EntityManager, so the demo seed can reuse it.
 */
@Injectable()
export class RuleAuthoringService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly validator: RuleValidator,
    private readonly outbox: OutboxWriter,
  ) {}

  create(principal: Principal, body: CreateRuleDto): Promise<RuleView> {
    return this.dataSource.transaction((manager) => this.createIn(manager, principal, body));
  }

  async createIn(
    manager: EntityManager,
    principal: Principal,
    body: CreateRuleDto,
  ): Promise<RuleView> {
    const validated = await this.validator.validate(manager, principal, body.kind, body);
    const rules = manager.getRepository(ConversionRuleEntity);
    const rule = await rules.save(
      rules.create({ kind: body.kind, ...validated.owner, createdBy: principal.userId }),
    );
    const version = await this.insertVersion(manager, principal, rule.id, 1, body, validated);
    await this.outbox.append(manager, {
      type: 'conversion.rule.created',
      learnerId: null,
      actor: actorOf(principal),
      changes: [
        ...(await AUDITED_RULES.changes(manager, [rule.id])),
        ...(await AUDITED_RULE_VERSIONS.changes(manager, [version.id])),
      ],
      details: {},
    });
    return toRuleView(rule, [version], true);
  }

  /** The rule whose first version carried this name, if any (rule names are not unique). */
  async firstRuleNamed(manager: EntityManager, name: string): Promise<string | null> {
    const version = await manager
      .getRepository(RuleVersionEntity)
      .findOne({ select: { ruleId: true }, where: { name }, order: { createdAt: 'ASC' } });
    return version?.ruleId ?? null;
  }

  addVersion(principal: Principal, ruleId: string, body: RuleContentDto): Promise<RuleVersionView> {
    return this.dataSource.transaction(async (manager) => {
      const rule = await lockOwnedRule(manager, principal, ruleId);
      const validated = await this.validator.validate(manager, principal, rule.kind, body, rule);
      const rows: { last: number | null }[] = await manager.query(
        'SELECT max(version) AS last FROM rule_versions WHERE rule_id = $1',
        [rule.id],
      );
      const version = await this.insertVersion(
        manager,
        principal,
        rule.id,
        (rows[0].last ?? 0) + 1,
        body,
        validated,
      );
      await this.outbox.append(manager, {
        type: 'conversion.rule.versioned',
        learnerId: null,
        actor: actorOf(principal),
        changes: await AUDITED_RULE_VERSIONS.changes(manager, [version.id]),
        details: { version: version.version },
      });
      return toVersionView(version);
    });
  }

  async get(ruleId: string): Promise<RuleView> {
    const manager = this.dataSource.manager;
    const rule = await manager
      .getRepository(ConversionRuleEntity)
      .findOne({ where: { id: ruleId } });
    if (!rule) throw new RuleNotFoundError();
    const versions = await manager.getRepository(RuleVersionEntity).find({ where: { ruleId } });
    return toRuleView(rule, versions, true);
  }

  /** Rules in id order, filtered by kind, lifecycle status and owner. */
  async list(query: ListRulesQueryDto): Promise<RulePage> {
    const limit = query.limit ?? 50;
    const builder = this.dataSource.manager
      .getRepository(ConversionRuleEntity)
      .createQueryBuilder('r')
      .orderBy('r.id', 'ASC')
      .limit(limit + 1);
    if (query.kind) builder.andWhere('r.kind = :kind', { kind: query.kind });
    if (query.ownerInstitutionId) {
      builder.andWhere('r.owner_institution_id = :institution', {
        institution: query.ownerInstitutionId,
      });
    }
    if (query.ownerCertificationBodyId) {
      builder.andWhere('r.owner_certification_body_id = :body', {
        body: query.ownerCertificationBodyId,
      });
    }
    if (query.cursor) builder.andWhere('r.id > :cursor', { cursor: query.cursor });
    if (query.status) builder.andWhere(`${STATUS_SQL} = :status`, { status: query.status });
    const rules = await builder.getMany();
    const page = rules.slice(0, limit);
    const versions = page.length
      ? await this.dataSource.manager
          .getRepository(RuleVersionEntity)
          .createQueryBuilder('v')
          .where('v.rule_id IN (:...ids)', { ids: page.map((rule) => rule.id) })
          .getMany()
      : [];
    return {
      items: page.map((rule) =>
        toRuleView(
          rule,
          versions.filter((version) => version.ruleId === rule.id),
          false,
        ),
      ),
      nextCursor: rules.length > limit ? page[page.length - 1].id : null,
    };
  }

  private insertVersion(
    manager: EntityManager,
    principal: Principal,
    ruleId: string,
    version: number,
    body: RuleContentDto,
    validated: ValidatedRule,
  ): Promise<RuleVersionEntity> {
    const versions = manager.getRepository(RuleVersionEntity);
    return versions.save(
      versions.create({
        ruleId,
        version,
        status: 'DRAFT',
        name: body.name.trim(),
        condition: validated.condition as unknown as Record<string, unknown>,
        targets: validated.targets as unknown as Record<string, unknown>[],
        referencedIds: validated.referencedIds,
        targetKeys: validated.targetKeys,
        creditsGranted: body.creditsGranted === undefined ? null : decimalText(body.creditsGranted),
        maxCreditsPerEvidence:
          body.maxCreditsPerEvidence === undefined ? null : decimalText(body.maxCreditsPerEvidence),
        effectiveFrom: body.effectiveFrom,
        effectiveTo: body.effectiveTo ?? null,
        createdBy: principal.userId,
        activatedAt: null,
        endedAt: null,
      }),
    );
  }
}

/** The rule's lifecycle status in SQL, matching lifecycleStatus(). */
const STATUS_SQL = `(SELECT CASE WHEN bool_or(v.status = 'ACTIVE') THEN 'ACTIVE'
  WHEN bool_or(v.status = 'RETIRED') THEN 'RETIRED' ELSE 'DRAFT' END
  FROM rule_versions v WHERE v.rule_id = r.id)`;

/** The rule, row-locked so lifecycle changes of one rule run one at a time; 404 outside the owner's scope. */
export async function lockOwnedRule(
  manager: EntityManager,
  principal: Principal,
  ruleId: string,
): Promise<ConversionRuleEntity> {
  const rule = await manager
    .getRepository(ConversionRuleEntity)
    .createQueryBuilder('r')
    .setLock('pessimistic_write')
    .where('r.id = :ruleId', { ruleId })
    .getOne();
  if (!rule || !ownsTarget(principal, rule)) throw new RuleNotFoundError();
  return rule;
}

/** The rule, read without a lock (for previews); 404 outside the owner's scope, as lockOwnedRule. */
export async function ownedRule(
  manager: EntityManager,
  principal: Principal,
  ruleId: string,
): Promise<ConversionRuleEntity> {
  const rule = await manager.getRepository(ConversionRuleEntity).findOne({ where: { id: ruleId } });
  if (!rule || !ownsTarget(principal, rule)) throw new RuleNotFoundError();
  return rule;
}
