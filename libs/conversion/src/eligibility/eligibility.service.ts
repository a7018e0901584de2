import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Principal } from '@app/core';
import { LearnerAccess } from '@app/relationships';
import type { LearnerFacts, Target } from '../engine';
import { ExemptionApplicationEntity } from '../entities/exemption-application.entity';
import { RuleVersionEntity } from '../entities/rule-version.entity';
import type { RuleRef } from '../rules/rule-names.service';
import {
  evaluationTrace,
  evaluationVerdict,
  EvaluationTrace,
  EvaluationVerdict,
} from './evaluation-view';
import { evaluationInstant, ExemptionEvaluator } from './exemption-evaluator.service';

/** One rule target for the learner: the verdict, and the trace its words are said from. */
export interface EligibilityItem extends EvaluationVerdict {
  ruleId: string;
  ruleVersionId: string;
  /** The rule's active version, by name and number. */
  rule: RuleRef;
  target: Target;
  /** A SUBMITTED application for this target, if one waits. */
  openApplicationId: string | null;
  /** That application, when one waits. */
  openApplication: { id: string; submittedAt: string } | null;
  /** The engine's trace (leaves, groups, limits with their amounts, blockers). */
  evaluation: EvaluationTrace;
}

export interface Eligibility {
  learnerId: string;
  /** The day evaluated (China calendar), as an instant. */
  evaluatedAt: string;
  items: EligibilityItem[];
}

/** Every course, scheme and program the learner's outcomes are about, revoked ones included. */
function evidenceIds(facts: LearnerFacts): string[] {
  return [
    ...new Set([
      ...facts.certificates.map((certificate) => certificate.schemeId),
      ...facts.courseCredits.map((credit) => credit.courseId),
      ...facts.diplomas.map((diploma) => diploma.programId),
    ]),
  ];
}

/**
 * GET /v1/learners/{id}/eligibility: each ACTIVE rule whose condition names something the
 * learner's ledger holds, evaluated for each of its targets, eligible or not. Revoked or
 * reversed outcomes still select a rule, so the learner reads why that evidence no longer counts.
 */
@Injectable()
export class EligibilityService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly evaluator: ExemptionEvaluator,
    private readonly access: LearnerAccess,
  ) {}

  async forLearner(principal: Principal, learnerId: string): Promise<Eligibility> {
    await this.access.read(principal, learnerId, 'ELIGIBILITY');
    const manager = this.dataSource.manager;
    const at = evaluationInstant();
    const facts = await this.evaluator.loadFacts(manager, learnerId);
    const ids = evidenceIds(facts);
    const versions = ids.length
      ? await manager
          .getRepository(RuleVersionEntity)
          .createQueryBuilder('v')
          .innerJoinAndSelect('v.rule', 'r')
          .where(`v.status = 'ACTIVE'`)
          .andWhere('v.referenced_ids && CAST(:ids AS uuid[])', { ids })
          .orderBy('r.created_at', 'ASC')
          .addOrderBy('r.id', 'ASC')
          .getMany()
      : [];
    const open = await manager
      .getRepository(ExemptionApplicationEntity)
      .find({ where: { learnerId, status: 'SUBMITTED' } });
    const items: EligibilityItem[] = [];
    for (const version of versions) {
      const rule = version.rule;
      if (!rule) continue;
      for (const { evaluation } of await this.evaluator.check(
        manager,
        { rule, version },
        facts,
        at,
      )) {
        const waiting = open.find((application) => application.targetKey === evaluation.targetKey);
        items.push({
          ruleId: rule.id,
          ruleVersionId: version.id,
          rule: {
            id: rule.id,
            versionId: version.id,
            name: version.name,
            kind: rule.kind,
            version: version.version,
          },
          target: evaluation.target,
          ...evaluationVerdict(evaluation),
          openApplicationId: waiting?.id ?? null,
          openApplication: waiting
            ? { id: waiting.id, submittedAt: waiting.submittedAt.toISOString() }
            : null,
          evaluation: evaluationTrace(evaluation),
        });
      }
    }
    return { learnerId, evaluatedAt: at.toISOString(), items };
  }
}
