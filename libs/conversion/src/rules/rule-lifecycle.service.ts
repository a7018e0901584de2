import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { CatalogLookup } from '@app/catalog';
import { Principal } from '@app/core';
import { actorOf, OutboxWriter } from '@app/outbox';
import { AUDITED_APPLICATIONS, AUDITED_RULE_VERSIONS } from '../conversion-states';
import {
  NothingToActivateError,
  RuleNotActiveError,
  RuleVersionNotFoundError,
} from '../conversion.errors';
import { leafPaths, type Condition, type Target } from '../engine';
import { ConversionRuleEntity } from '../entities/conversion-rule.entity';
import { RuleVersionEntity } from '../entities/rule-version.entity';
import { lockOwnedRule, ownedRule } from './rule-authoring.service';
import { RuleView, toRuleView } from './rule-view';

/** Another ACTIVE rule that exempts a same target from some of the same evidence. */
export interface RuleOverlap {
  type: 'OVERLAPPING_RULE';
  ruleId: string;
  ruleVersionId: string;
  version: number;
  name: string;
  kind: string;
  /** The targets both rules exempt. */
  sharedTargets: Target[];
  /** Courses, schemes and programs both conditions name. */
  sharedEvidenceIds: string[];
}

/**
 * A 免试 rule whose condition accepts a certificate of another certification body: that body's
 * certificate then decides an exam of this body, so the activation says so, by name.
 */
export interface OtherBodyCertificate {
  type: 'OTHER_BODY_CERTIFICATE';
  certificationBodyId: string;
  certificationBodyName: string;
  schemeId: string;
  schemeCode: string;
  schemeName: string;
  /** Where the condition names the scheme, e.g. "condition.any[1].certificate". */
  paths: string[];
}

export type OverlapReportEntry = RuleOverlap | OtherBodyCertificate;

export interface ActivationResult extends RuleView {
  /** The version this activation superseded, if one was active. */
  supersededVersionId: string | null;
  /** Overlapping ACTIVE rules first, then (免试 rules) other bodies' certificates the condition cites. */
  overlaps: OverlapReportEntry[];
}

/** What activating a DRAFT would report, asked before activating it (nothing changes). */
export interface OverlapPreview {
  ruleId: string;
  /** The DRAFT the report is for: `version`, or the newest DRAFT. */
  ruleVersionId: string;
  version: number;
  /** The same entries, in the same order, as the activation's `overlaps`. */
  overlaps: OverlapReportEntry[];
}

export interface RetirementResult extends RuleView {
  /** Applications still waiting under this rule, closed by the retirement. */
  closedApplicationIds: string[];
}

interface OverlapRow {
  rule_id: string;
  id: string;
  version: number;
  name: string;
  kind: string;
  targets: Target[];
  target_keys: string[];
  shared_ids: string[];
}

/**
 * DRAFT → ACTIVE → SUPERSEDED | RETIRED. Activating a version supersedes the active one (a new
 * version replaces the old from then on; exemptions keep naming the version they were granted
 * under). Retiring ends the rule without touching past grants. Each change is audited with the
 * versions it moved (an activation also lists the version it superseded).
 */
@Injectable()
export class RuleLifecycleService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly catalog: CatalogLookup,
    private readonly outbox: OutboxWriter,
  ) {}

  activate(principal: Principal, ruleId: string, version?: number): Promise<ActivationResult> {
    return this.dataSource.transaction((manager) =>
      this.activateIn(manager, principal, ruleId, version),
    );
  }

  async activateIn(
    manager: EntityManager,
    principal: Principal,
    ruleId: string,
    version?: number,
  ): Promise<ActivationResult> {
    const rule = await lockOwnedRule(manager, principal, ruleId);
    const repository = manager.getRepository(RuleVersionEntity);
    const versions = await repository.find({ where: { ruleId }, order: { version: 'DESC' } });
    const chosen = draftToActivate(versions, version);
    const now = new Date();
    const previous = versions.find((candidate) => candidate.status === 'ACTIVE');
    // The old version leaves ACTIVE first: one ACTIVE version per rule is a unique index.
    if (previous) {
      await repository.update({ id: previous.id }, { status: 'SUPERSEDED', endedAt: now });
      Object.assign(previous, { status: 'SUPERSEDED', endedAt: now });
    }
    await repository.update({ id: chosen.id }, { status: 'ACTIVE', activatedAt: now });
    Object.assign(chosen, { status: 'ACTIVE', activatedAt: now });
    await this.outbox.append(manager, {
      type: 'conversion.rule.activated',
      learnerId: null,
      actor: actorOf(principal),
      changes: await AUDITED_RULE_VERSIONS.changes(
        manager,
        previous ? [previous.id, chosen.id] : [chosen.id],
      ),
      details: { version: chosen.version, superseded: previous?.version ?? null },
    });
    return {
      ...toRuleView(rule, versions, true),
      supersededVersionId: previous?.id ?? null,
      overlaps: await this.report(manager, rule, chosen),
    };
  }

  /**
   * The report activating the newest DRAFT (or `version`) would give, computed by the same code
   * and refused for the same reasons, without activating anything or locking the rule.
   */
  async previewOverlaps(
    principal: Principal,
    ruleId: string,
    version?: number,
  ): Promise<OverlapPreview> {
    const manager = this.dataSource.manager;
    const rule = await ownedRule(manager, principal, ruleId);
    const versions = await manager
      .getRepository(RuleVersionEntity)
      .find({ where: { ruleId }, order: { version: 'DESC' } });
    const chosen = draftToActivate(versions, version);
    return {
      ruleId,
      ruleVersionId: chosen.id,
      version: chosen.version,
      overlaps: await this.report(manager, rule, chosen),
    };
  }

  /** Overlapping ACTIVE rules first, then (免试 rules) other bodies' certificates the condition cites. */
  private async report(
    manager: EntityManager,
    rule: ConversionRuleEntity,
    chosen: RuleVersionEntity,
  ): Promise<OverlapReportEntry[]> {
    return [
      ...(await this.overlaps(manager, chosen)),
      ...(rule.kind === 'COURSE_TO_EXAM'
        ? await this.otherBodyCertificates(manager, chosen, rule.ownerCertificationBodyId)
        : []),
    ];
  }

  async retire(principal: Principal, ruleId: string): Promise<RetirementResult> {
    return this.dataSource.transaction(async (manager) => {
      const rule = await lockOwnedRule(manager, principal, ruleId);
      const repository = manager.getRepository(RuleVersionEntity);
      const versions = await repository.find({ where: { ruleId }, order: { version: 'DESC' } });
      const active = versions.find((candidate) => candidate.status === 'ACTIVE');
      if (!active) throw new RuleNotActiveError();
      const now = new Date();
      await repository.update({ id: active.id }, { status: 'RETIRED', endedAt: now });
      Object.assign(active, { status: 'RETIRED', endedAt: now });
      const actor = actorOf(principal);
      await this.outbox.append(manager, {
        type: 'conversion.rule.retired',
        learnerId: null,
        actor,
        changes: await AUDITED_RULE_VERSIONS.changes(manager, [active.id]),
        details: { reason: null },
      });
      // Past grants are ledger entries and stay; what still waits can no longer be granted.
      const closed: unknown = await manager.query(
        `UPDATE exemption_applications
         SET status = 'CLOSED', decided_by = $2, decided_at = $3,
             decision_reason = 'The rule was retired before a decision.'
         WHERE rule_id = $1 AND status = 'SUBMITTED' RETURNING id`,
        [ruleId, principal.userId, now],
      );
      const closedIds = firstColumn(closed).sort();
      // Each closure is an event of its learner's, as a decision would be.
      for (const change of await AUDITED_APPLICATIONS.changes(manager, closedIds)) {
        await this.outbox.append(manager, {
          type: 'conversion.application.closed',
          learnerId: change.state.learnerId as string,
          actor,
          changes: [change],
          details: { cause: 'RULE_RETIRED', causeEntryId: null },
        });
      }
      return { ...toRuleView(rule, versions, true), closedApplicationIds: closedIds };
    });
  }

  /** Other ACTIVE rules sharing a target and some evidence with `version`, found in SQL. */
  private async overlaps(
    manager: EntityManager,
    version: RuleVersionEntity,
  ): Promise<RuleOverlap[]> {
    const rows: OverlapRow[] = await manager.query(
      `SELECT v.rule_id, v.id, v.version, v.name, r.kind, v.targets, v.target_keys::text[] AS target_keys,
              ARRAY(SELECT unnest(v.referenced_ids) INTERSECT SELECT unnest($3::uuid[]))::text[] AS shared_ids
       FROM rule_versions v JOIN conversion_rules r ON r.id = v.rule_id
       WHERE v.status = 'ACTIVE' AND v.rule_id <> $1
         AND v.target_keys && $2::varchar[] AND v.referenced_ids && $3::uuid[]
       ORDER BY v.rule_id`,
      [version.ruleId, version.targetKeys, version.referencedIds],
    );
    const mine = new Set(version.targetKeys);
    return rows.map((row) => ({
      type: 'OVERLAPPING_RULE' as const,
      ruleId: row.rule_id,
      ruleVersionId: row.id,
      version: row.version,
      name: row.name,
      kind: row.kind,
      sharedTargets: row.targets.filter((_, index) => mine.has(row.target_keys[index])),
      sharedEvidenceIds: [...row.shared_ids].sort(),
    }));
  }

  /** The certificate schemes `version`'s condition names that belong to a body other than `ownerBodyId`. */
  private async otherBodyCertificates(
    manager: EntityManager,
    version: RuleVersionEntity,
    ownerBodyId: string | null,
  ): Promise<OtherBodyCertificate[]> {
    const paths = new Map<string, string[]>();
    for (const { path, leaf } of leafPaths(version.condition as unknown as Condition)) {
      if ('certificate' in leaf) {
        const schemeId = leaf.certificate.schemeId;
        paths.set(schemeId, [...(paths.get(schemeId) ?? []), path]);
      }
    }
    const foreign = (await this.catalog.schemes(manager, [...paths.keys()])).filter(
      (scheme) => scheme.certificationBodyId !== ownerBodyId,
    );
    const bodies = await this.catalog.names(manager, [
      ...new Set(foreign.map((scheme) => scheme.certificationBodyId)),
    ]);
    return foreign
      .map((scheme) => ({
        type: 'OTHER_BODY_CERTIFICATE' as const,
        certificationBodyId: scheme.certificationBodyId,
        certificationBodyName: bodies.get(scheme.certificationBodyId)?.name ?? '',
        schemeId: scheme.id,
        schemeCode: scheme.code,
        schemeName: scheme.name,
        paths: paths.get(scheme.id) ?? [],
      }))
      .sort((a, b) => (a.paths[0] < b.paths[0] ? -1 : 1));
  }
}

/** The DRAFT an activation of `version` (default: the newest DRAFT) would make ACTIVE. */
function draftToActivate(versions: RuleVersionEntity[], version?: number): RuleVersionEntity {
  const chosen =
    version === undefined
      ? versions.find((candidate) => candidate.status === 'DRAFT')
      : versions.find((candidate) => candidate.version === version);
  if (!chosen) {
    if (version !== undefined) throw new RuleVersionNotFoundError(version);
    throw new NothingToActivateError();
  }
  if (chosen.status !== 'DRAFT') {
    throw new NothingToActivateError(
      `Version ${chosen.version} is ${chosen.status}; only a DRAFT can be activated.`,
    );
  }
  return chosen;
}

/** UPDATE … RETURNING through TypeORM answers [rows, count] on postgres. */
function firstColumn(result: unknown): string[] {
  const rows = (Array.isArray(result) && Array.isArray(result[0]) ? result[0] : result) as {
    id: string;
  }[];
  return rows.map((row) => row.id);
}
