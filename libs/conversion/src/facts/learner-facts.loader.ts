import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import type { EntryStatus, ExemptionFact, LearnerFacts, Level } from '../engine';

interface FactRow {
  id: string;
  learner_id: string;
  kind: 'COURSE_CREDIT' | 'CERTIFICATE' | 'DIPLOMA' | 'COURSE_EXEMPTION' | 'EXAM_EXEMPTION';
  course_id: string | null;
  institution_id: string | null;
  score: string | null;
  passed: boolean | null;
  credits: string | null;
  completed_at: string | null;
  scheme_id: string | null;
  level: Level | null;
  component: string | null;
  certificate_no: string | null;
  issued_at: string | null;
  valid_until: string | null;
  program_id: string | null;
  graduated_at: string | null;
  rule_id: string | null;
  rule_version_id: string | null;
  evidence_entry_ids: string[] | null;
  cancelled_by: 'REVERSAL' | 'REVOCATION' | null;
  recognised_credits: string | null;
}

interface MutableFacts {
  certificates: LearnerFacts['certificates'][number][];
  courseCredits: LearnerFacts['courseCredits'][number][];
  diplomas: LearnerFacts['diplomas'][number][];
  exemptions: ExemptionFact[];
}

/*
 * One statement for any number of learners: each outcome with its written status (a REVERSAL or
 * REVOCATION pointing at it) and, for certificates, the credits the bank recognises for the
 * level. Dates and decimals are read as text: the engine compares them exactly, and pg would turn
 * a `date` into a local-time Date. Expiry is left to the engine (validUntil against its instant).
 */
const FACTS_SQL = `
  SELECT e.id, e.learner_id, e.kind, e.course_id, e.institution_id, e.score::text AS score, e.passed,
         e.credits::text AS credits, e.completed_at::text AS completed_at, e.scheme_id, e.level,
         e.component, e.certificate_no, e.issued_at::text AS issued_at,
         e.valid_until::text AS valid_until, e.program_id, e.graduated_at::text AS graduated_at,
         e.rule_id, e.rule_version_id, e.evidence_entry_ids::text[] AS evidence_entry_ids,
         c.kind AS cancelled_by, sl.recognised_credits::text AS recognised_credits
  FROM ledger_entries e
  LEFT JOIN ledger_entries c ON c.cancels_entry_id = e.id AND c.learner_id = e.learner_id
  LEFT JOIN scheme_levels sl
         ON e.kind = 'CERTIFICATE' AND sl.scheme_id = e.scheme_id AND sl.level = e.level
  WHERE e.learner_id = ANY($1::uuid[])
    AND e.kind IN ('COURSE_CREDIT', 'CERTIFICATE', 'DIPLOMA', 'COURSE_EXEMPTION', 'EXAM_EXEMPTION')
  ORDER BY e.seq`;

function statusOf(row: FactRow): EntryStatus {
  if (row.cancelled_by === 'REVOCATION') return 'REVOKED';
  if (row.cancelled_by === 'REVERSAL') return 'REVERSED';
  return 'ACTIVE';
}

export function emptyFacts(): LearnerFacts {
  return { certificates: [], courseCredits: [], diplomas: [], exemptions: [] };
}

/** The engine's view of learners' ledgers, loaded in set-based SQL inside the caller's transaction. */
@Injectable()
export class LearnerFactsLoader {
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
    const rows: FactRow[] = await manager.query(FACTS_SQL, [learnerIds]);
    for (const row of rows) {
      const facts = byLearner.get(row.learner_id);
      if (facts) addFact(facts, row);
    }
    return byLearner;
  }
}

function addFact(facts: MutableFacts, row: FactRow): void {
  const status = statusOf(row);
  switch (row.kind) {
    case 'CERTIFICATE':
      facts.certificates.push({
        entryId: row.id,
        schemeId: row.scheme_id as string,
        level: row.level as Level,
        certificateNo: row.certificate_no as string,
        issuedAt: row.issued_at as string,
        validUntil: row.valid_until,
        // A level the catalog does not know recognises nothing.
        recognisedCredits: row.recognised_credits ?? '0',
        status,
      });
      return;
    case 'COURSE_CREDIT':
      facts.courseCredits.push({
        entryId: row.id,
        courseId: row.course_id as string,
        institutionId: row.institution_id as string,
        score: Number(row.score),
        passed: row.passed === true,
        credits: row.credits ?? '0',
        completedAt: row.completed_at as string,
        status,
      });
      return;
    case 'DIPLOMA':
      facts.diplomas.push({
        entryId: row.id,
        programId: row.program_id as string,
        graduatedAt: row.graduated_at as string,
        status,
      });
      return;
    case 'COURSE_EXEMPTION':
    case 'EXAM_EXEMPTION':
      facts.exemptions.push({
        entryId: row.id,
        kind: row.kind,
        target:
          row.kind === 'COURSE_EXEMPTION'
            ? { courseId: row.course_id as string }
            : {
                schemeId: row.scheme_id as string,
                level: row.level as Level,
                component: row.component as string,
              },
        credits: row.credits ?? '0',
        ruleId: row.rule_id ?? '',
        ruleVersionId: row.rule_version_id ?? '',
        evidenceEntryIds: row.evidence_entry_ids ?? [],
        programId: row.program_id,
        status,
      });
      return;
  }
}
