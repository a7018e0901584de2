import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import {
  CANCELLATIONS_SQL,
  COUNT_HOLDERS_SQL,
  EVIDENCE_SQL,
  HOLDERS_PAGE_SQL,
} from '../ledger.queries';
import type { EntryKind } from '../entities/ledger-entry.entity';

export type CancellationKind = Extract<EntryKind, 'REVERSAL' | 'REVOCATION'>;

/** The REVERSAL or REVOCATION entry that cancelled an entry. */
export interface EntryCorrection {
  correctionId: string;
  kind: CancellationKind;
}

/** The kinds of entry that record an outcome (the others cancel one). */
export type EvidenceKind = Exclude<EntryKind, CancellationKind>;

/**
 * An outcome entry as evidence: the columns of its kind (the others are null), dates and
 * decimals as text exactly as stored, and the kind of the correction that cancelled it.
 */
export interface EvidenceEntry {
  id: string;
  learnerId: string;
  kind: EvidenceKind;
  courseId: string | null;
  institutionId: string | null;
  score: string | null;
  passed: boolean | null;
  credits: string | null;
  completedAt: string | null;
  schemeId: string | null;
  level: string | null;
  component: string | null;
  certificateNo: string | null;
  issuedAt: string | null;
  validUntil: string | null;
  programId: string | null;
  graduatedAt: string | null;
  ruleId: string | null;
  ruleVersionId: string | null;
  evidenceEntryIds: string[] | null;
  cancelledBy: CancellationKind | null;
}

/** The outcomes that make a learner worth evaluating: any one of them, still standing. */
export interface HeldOutcomes {
  schemeIds: readonly string[];
  courseIds: readonly string[];
  programIds: readonly string[];
}

/**
 * Read-only facts from the ledger for the areas that build on it (conversion). Every method
 * takes the caller's EntityManager so it runs inside the caller's transaction, and each is one
 * statement however many learners or entries it covers.
 */
@Injectable()
export class LedgerFacts {
  /** Every outcome of these learners, in ledger order. */
  async load(manager: EntityManager, learnerIds: readonly string[]): Promise<EvidenceEntry[]> {
    if (learnerIds.length === 0) return [];
    return manager.query(EVIDENCE_SQL, [learnerIds]);
  }

  /** How many learners hold one of the outcomes. */
  async countHolders(manager: EntityManager, held: HeldOutcomes): Promise<number> {
    const [{ total }]: { total: number }[] = await manager.query(COUNT_HOLDERS_SQL, holding(held));
    return total;
  }

  /** The next `limit` learners (by id, after `afterLearnerId`) who hold one of the outcomes. */
  async holders(
    manager: EntityManager,
    held: HeldOutcomes,
    afterLearnerId: string,
    limit: number,
  ): Promise<string[]> {
    const rows: { learnerId: string }[] = await manager.query(HOLDERS_PAGE_SQL, [
      ...holding(held),
      afterLearnerId,
      limit,
    ]);
    return rows.map((row) => row.learnerId);
  }

  /** The correction that cancelled each of these entries; standing entries are absent. */
  async cancellations(
    manager: EntityManager,
    entryIds: readonly string[],
  ): Promise<Map<string, EntryCorrection>> {
    if (entryIds.length === 0) return new Map();
    const rows: ({ entryId: string } & EntryCorrection)[] = await manager.query(CANCELLATIONS_SQL, [
      entryIds,
    ]);
    return new Map(
      rows.map((row) => [row.entryId, { correctionId: row.correctionId, kind: row.kind }]),
    );
  }
}

function holding(held: HeldOutcomes): unknown[] {
  return [held.schemeIds, held.courseIds, held.programIds];
}
