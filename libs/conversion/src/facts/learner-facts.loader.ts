import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { CatalogLookup } from '@app/catalog';
import { EvidenceEntry, LedgerFacts } from '@app/ledger';
import type { EntryStatus, ExemptionFact, LearnerFacts, Level, Target } from '../engine';

interface MutableFacts {
  certificates: LearnerFacts['certificates'][number][];
  courseCredits: LearnerFacts['courseCredits'][number][];
  diplomas: LearnerFacts['diplomas'][number][];
  exemptions: ExemptionFact[];
}

function statusOf(entry: EvidenceEntry): EntryStatus {
  if (entry.cancelledBy === 'REVOCATION') return 'REVOKED';
  if (entry.cancelledBy === 'REVERSAL') return 'REVERSED';
  return 'ACTIVE';
}

/** The columns of an exemption entry the engine reads, as a ledger row or an entry view has them. */
export interface ExemptionColumns {
  id: string;
  kind: string;
  courseId?: string | null;
  schemeId?: string | null;
  level?: string | null;
  component?: string | null;
  credits?: string | null;
  ruleId?: string | null;
  ruleVersionId?: string | null;
  evidenceEntryIds?: string[] | null;
  programId?: string | null;
}

/** What an exemption entry exempts from: a course, or a component of a scheme level's exam. */
export function exemptionTarget(entry: ExemptionColumns): Target {
  if (entry.kind === 'COURSE_EXEMPTION') return { courseId: entry.courseId as string };
  return {
    schemeId: entry.schemeId as string,
    level: entry.level as Level,
    component: entry.component as string,
  };
}

export function exemptionFact(entry: ExemptionColumns, status: EntryStatus): ExemptionFact {
  return {
    entryId: entry.id,
    kind: entry.kind as ExemptionFact['kind'],
    target: exemptionTarget(entry),
    credits: entry.credits ?? '0',
    ruleId: entry.ruleId ?? '',
    ruleVersionId: entry.ruleVersionId ?? '',
    evidenceEntryIds: entry.evidenceEntryIds ?? [],
    programId: entry.programId ?? null,
    status,
  };
}

export function emptyFacts(): LearnerFacts {
  return { certificates: [], courseCredits: [], diplomas: [], exemptions: [] };
}

/**
 * The engine's view of learners' ledgers, inside the caller's transaction: every outcome with its
 * status and, for certificates, the credits the bank recognises for the level. Two statements for
 * any number of learners (the ledger's entries, then the catalog's levels of the schemes they
 * name). Expiry is left to the engine (validUntil against its instant).
 */
@Injectable()
export class LearnerFactsLoader {
  constructor(
    private readonly ledger: LedgerFacts,
    private readonly catalog: CatalogLookup,
  ) {}

  async loadOne(manager: EntityManager, learnerId: string): Promise<LearnerFacts> {
    return (await this.load(manager, [learnerId])).get(learnerId) ?? emptyFacts();
  }

  async load(
    manager: EntityManager,
    learnerIds: readonly string[],
  ): Promise<Map<string, LearnerFacts>> {
    const byLearner = new Map<string, MutableFacts>(
      learnerIds.map((id) => [
        id,
        { certificates: [], courseCredits: [], diplomas: [], exemptions: [] },
      ]),
    );
    if (learnerIds.length === 0) return byLearner;
    const entries = await this.ledger.load(manager, learnerIds);
    const schemeIds = entries.flatMap((entry) =>
      entry.kind === 'CERTIFICATE' && entry.schemeId ? [entry.schemeId] : [],
    );
    const recognised = await this.catalog.recognisedCredits(manager, [...new Set(schemeIds)]);
    for (const entry of entries) {
      const facts = byLearner.get(entry.learnerId);
      if (facts) addFact(facts, entry, recognised);
    }
    return byLearner;
  }
}

function addFact(
  facts: MutableFacts,
  entry: EvidenceEntry,
  recognised: ReadonlyMap<string, ReadonlyMap<string, string>>,
): void {
  const status = statusOf(entry);
  switch (entry.kind) {
    case 'CERTIFICATE':
      facts.certificates.push({
        entryId: entry.id,
        schemeId: entry.schemeId as string,
        level: entry.level as Level,
        certificateNo: entry.certificateNo as string,
        issuedAt: entry.issuedAt as string,
        validUntil: entry.validUntil,
        // A level the catalog does not know recognises nothing.
        recognisedCredits:
          recognised.get(entry.schemeId as string)?.get(entry.level as string) ?? '0',
        status,
      });
      return;
    case 'COURSE_CREDIT':
      facts.courseCredits.push({
        entryId: entry.id,
        courseId: entry.courseId as string,
        institutionId: entry.institutionId as string,
        score: Number(entry.score),
        passed: entry.passed === true,
        credits: entry.credits ?? '0',
        completedAt: entry.completedAt as string,
        status,
      });
      return;
    case 'DIPLOMA':
      facts.diplomas.push({
        entryId: entry.id,
        programId: entry.programId as string,
        graduatedAt: entry.graduatedAt as string,
        status,
      });
      return;
    case 'COURSE_EXEMPTION':
    case 'EXAM_EXEMPTION':
      facts.exemptions.push(exemptionFact(entry, status));
      return;
  }
}
