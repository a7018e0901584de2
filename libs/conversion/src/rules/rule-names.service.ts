import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import type { RuleKind } from '../entities/conversion-rule.entity';
import { RuleVersionEntity } from '../entities/rule-version.entity';

/** A rule version as a person reads it: "rule 中级证书免修专业核心课, version 2". */
export class RuleRef {
  /** The rule. */
  id: string;
  /** The version meant (the one granted under, or evaluated). */
  versionId: string;
  /** The version's name. */
  name: string;
  kind: RuleKind;
  /** The version number, from 1. */
  version: number;
}

/** Names of rule versions, for the views that cite the rule an exemption or evaluation came from. */
@Injectable()
export class RuleNames {
  /** Every version among `versionIds` with its rule, by version id, in one query. */
  async versions(
    manager: EntityManager,
    versionIds: readonly string[],
  ): Promise<Map<string, RuleRef>> {
    const unique = [...new Set(versionIds)];
    if (unique.length === 0) return new Map();
    const versions = await manager
      .getRepository(RuleVersionEntity)
      .createQueryBuilder('v')
      .innerJoinAndSelect('v.rule', 'r')
      .select(['v.id', 'v.ruleId', 'v.name', 'v.version', 'r.id', 'r.kind'])
      .where('v.id IN (:...ids)', { ids: unique })
      .getMany();
    return new Map(
      versions.flatMap((version) =>
        version.rule
          ? [
              [
                version.id,
                {
                  id: version.ruleId,
                  versionId: version.id,
                  name: version.name,
                  kind: version.rule.kind,
                  version: version.version,
                },
              ] as const,
            ]
          : [],
      ),
    );
  }
}
