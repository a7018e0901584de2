import { Injectable } from '@nestjs/common';
import { EntityManager, FindOptionsWhere } from 'typeorm';
import { todayInChina } from '@app/core';
import {
  describeEvaluation,
  evaluate,
  isCourseTarget,
  targetKey,
  withNames,
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

/** The engine's evaluation as stored and shown: the trace, plus sentences with catalog names. */
export type ExplainedEvaluation = Evaluation & {
  /** describeEvaluation with catalog and rule ids replaced by names: what a registrar reads. */
  explanation: string[];
  /** The reasons (empty when eligible), with names. */
  namedReasons: string[];
};

export interface PreparedRule {
  rule: EngineRuleVersion;
  targets: LoadedTarget[];
  names: Map<string, string>;
}

export interface CheckedTarget {
  evaluation: ExplainedEvaluation;
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

/** Runs the pure engine on facts loaded from the ledger and catalog, and explains the result. */
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
    const nameIds = [
      ...active.version.referencedIds,
      ...targets.map((target) => (isCourseTarget(target) ? target.courseId : target.schemeId)),
      ...[...contexts.values()].flatMap(({ context }) =>
        'programId' in context && context.programId ? [context.programId] : [],
      ),
    ];
    const names = await this.targets.names(manager, nameIds);
    // The sentences cite "rule <id> version n": a person reads the rule's name there.
    names.set(active.rule.id, `“${active.version.name}”`);
    return {
      rule: toEngineRule(active.rule.kind, active.version),
      // A course that vanished from the catalog cannot be exempted.
      targets: targets.flatMap((target) => {
        const loaded = contexts.get(targetKey(target));
        return loaded ? [loaded] : [];
      }),
      names,
    };
  }

  /** Pure: the engine over each prepared target. */
  run(prepared: PreparedRule, facts: LearnerFacts, at: Date): CheckedTarget[] {
    return prepared.targets.map((target) => ({
      evaluation: explain(evaluate(prepared.rule, facts, target.context, at), prepared.names),
      target,
    }));
  }
}

export function explain(
  evaluation: Evaluation,
  names: ReadonlyMap<string, string>,
): ExplainedEvaluation {
  return {
    ...evaluation,
    explanation: describeEvaluation(evaluation).map((sentence) => withNames(sentence, names)),
    namedReasons: evaluation.reasons.map((sentence) => withNames(sentence, names)),
  };
}
