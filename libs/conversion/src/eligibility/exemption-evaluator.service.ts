import { Injectable } from '@nestjs/common';
import { EntityManager, FindOptionsWhere } from 'typeorm';
import { todayInChina } from '@app/core';
import {
  evaluate,
  targetKey,
  type Evaluation,
  type RuleVersion as EngineRuleVersion,
  type LearnerFacts,
  type Target,
} from '../engine';
import { ConversionRuleEntity } from '../entities/conversion-rule.entity';
import { RuleVersionEntity } from '../entities/rule-version.entity';
import { LearnerFactsLoader } from '../facts/learner-facts.loader';
import { LoadedTarget, TargetContextLoader } from '../facts/target-context.loader';
import { toEngineRule } from '../rules/rule-view';

export interface ActiveRule {
  rule: ConversionRuleEntity;
  version: RuleVersionEntity;
}

export interface PreparedRule {
  rule: EngineRuleVersion;
  targets: LoadedTarget[];
}

export interface CheckedTarget {
  evaluation: Evaluation;
  target: LoadedTarget;
}

/**
 * Evaluations are made as of the current day of the China calendar (00:00 UTC of that date):
 * rule dates and certificate validity are calendar days there, and the ledger's derived
 * "expired" status uses the same day, so both always agree.
 */
export function evaluationInstant(now: Date = new Date()): Date {
  return new Date(`${todayInChina(now)}T00:00:00.000Z`);
}

/** Runs the pure engine on facts loaded from the ledger and catalog. */
@Injectable()
export class ExemptionEvaluator {
  constructor(
    private readonly facts: LearnerFactsLoader,
    private readonly targets: TargetContextLoader,
  ) {}

  activeRule(manager: EntityManager, ruleId: string): Promise<ActiveRule | null> {
    return this.ruleWith(manager, { ruleId, status: 'ACTIVE' });
  }

  /** A version whatever its status now (an exemption is judged under the one it was granted by). */
  ruleOfVersion(manager: EntityManager, versionId: string): Promise<ActiveRule | null> {
    return this.ruleWith(manager, { id: versionId });
  }

  private async ruleWith(
    manager: EntityManager,
    where: FindOptionsWhere<RuleVersionEntity>,
  ): Promise<ActiveRule | null> {
    const version = await manager.getRepository(RuleVersionEntity).findOne({ where });
    if (!version) return null;
    const rule = await manager
      .getRepository(ConversionRuleEntity)
      .findOneOrFail({ where: { id: version.ruleId } });
    return { rule, version };
  }

  loadFacts(manager: EntityManager, learnerId: string): Promise<LearnerFacts> {
    return this.facts.loadOne(manager, learnerId);
  }

  /** Every target of the rule, or just `only`, evaluated for one learner. */
  async check(
    manager: EntityManager,
    active: ActiveRule,
    facts: LearnerFacts,
    at: Date,
    only?: Target,
  ): Promise<CheckedTarget[]> {
    return this.run(await this.prepare(manager, active, only), facts, at);
  }

  /** The catalog side of an evaluation, loaded once for any number of learners. */
  async prepare(manager: EntityManager, active: ActiveRule, only?: Target): Promise<PreparedRule> {
    const targets = only ? [only] : (active.version.targets as unknown as Target[]);
    const contexts = await this.targets.contexts(manager, targets);
    return {
      rule: toEngineRule(active.rule.kind, active.version),
      // A course that vanished from the catalog cannot be exempted.
      targets: targets.flatMap((target) => {
        const loaded = contexts.get(targetKey(target));
        return loaded ? [loaded] : [];
      }),
    };
  }

  /** Pure: the engine over each prepared target. */
  run(prepared: PreparedRule, facts: LearnerFacts, at: Date): CheckedTarget[] {
    return prepared.targets.map((target) => ({
      evaluation: evaluate(prepared.rule, facts, target.context, at),
      target,
    }));
  }
}
