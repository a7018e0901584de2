import { DataSource } from 'typeorm';
import { PROGRAM_CAP, RECOGNISED, RaceWorld } from './race-world';

/**
 * The ledger's conversion invariants for one learner, read from the database after a scenario. Returns one sentence per
 * violation (empty when every invariant holds), naming the rows concerned.
 */
export async function raceViolations(
  dataSource: DataSource,
  world: RaceWorld,
  learnerId: string,
): Promise<string[]> {
  const sql = <T>(query: string) => dataSource.query<T[]>(query, [learnerId]);
  const violations: string[] = [];

  // Conversion limits: the program's cap on exempted credits (standing course exemptions of its courses).
  const [program] = await sql<{ used: string | null }>(
    `SELECT sum(credits)::text AS used FROM ledger_entries
      WHERE learner_id = $1 AND kind = 'COURSE_EXEMPTION' AND program_id = '${world.programId}' AND ledger_entry_stands(id)`,
  );
  if (Number(program.used ?? 0) > PROGRAM_CAP)
    violations.push(`program cap: ${program.used} credits exempted, cap ${PROGRAM_CAP}`);

  // Conversion limits: per certificate, the rule's maxCreditsPerEvidence and the level's recognised credits.
  const evidence = await sql<{ evidence: string; scheme_id: string; level: string; used: string }>(
    `SELECT ev::text AS evidence, c.scheme_id, c.level, sum(x.credits)::text AS used
       FROM ledger_entries x CROSS JOIN LATERAL unnest(x.evidence_entry_ids) AS ev
       JOIN ledger_entries c ON c.id = ev
      WHERE x.learner_id = $1 AND x.kind = 'COURSE_EXEMPTION' AND ledger_entry_stands(x.id)
      GROUP BY ev, c.scheme_id, c.level`,
  );
  for (const row of evidence) {
    const rule = world.rules.find((candidate) => candidate.schemeId === row.scheme_id);
    const cap = Math.min(rule?.maxCreditsPerEvidence ?? 0, RECOGNISED[row.level] ?? 0);
    if (Number(row.used) > cap)
      violations.push(
        `evidence cap: certificate ${row.evidence} (${row.level}) backs ${row.used} credits, cap ${cap}`,
      );
  }

  // No double recording: a course is exempted at most once while the earlier exemption stands.
  const twice = await sql<{ course_id: string; n: number }>(
    `SELECT course_id, count(*)::int AS n FROM ledger_entries
      WHERE learner_id = $1 AND kind = 'COURSE_EXEMPTION' AND ledger_entry_stands(id)
      GROUP BY course_id HAVING count(*) > 1`,
  );
  for (const row of twice)
    violations.push(`course ${row.course_id} exempted ${row.n} times at once`);

  // Cascades: no exemption stands on revoked or reversed evidence.
  const orphans = await sql<{ id: string; evidence: string }>(
    `SELECT x.id, ev::text AS evidence FROM ledger_entries x CROSS JOIN LATERAL unnest(x.evidence_entry_ids) AS ev
      WHERE x.learner_id = $1 AND x.kind = 'COURSE_EXEMPTION' AND ledger_entry_stands(x.id) AND NOT ledger_entry_stands(ev)`,
  );
  for (const row of orphans)
    violations.push(`exemption ${row.id} still stands on cancelled evidence ${row.evidence}`);

  // Cascades: each cascaded reversal is its own entry naming a cause that cancelled one of the exemption's evidence.
  const badCause = await sql<{ id: string }>(
    `SELECT r.id FROM ledger_entries r
       JOIN ledger_entries x ON x.id = r.cancels_entry_id
       LEFT JOIN ledger_entries cause ON cause.id = r.cause_entry_id
      WHERE r.learner_id = $1 AND r.cause_entry_id IS NOT NULL
        AND (cause.id IS NULL OR cause.kind NOT IN ('REVERSAL', 'REVOCATION')
             OR NOT (cause.cancels_entry_id = ANY (x.evidence_entry_ids)))`,
  );
  for (const row of badCause)
    violations.push(`cascaded reversal ${row.id} names a cause that did not cancel its evidence`);

  // Audit completeness (the committed half): every ledger entry has exactly one outbox event.
  const outbox = await sql<{ id: string; n: number }>(
    `SELECT e.id, (SELECT count(*)::int FROM outbox_events o WHERE o.payload #>> '{changes,0,id}' = e.id::text) AS n
       FROM ledger_entries e WHERE e.learner_id = $1`,
  );
  for (const row of outbox.filter((entry) => entry.n !== 1))
    violations.push(`entry ${row.id} has ${row.n} outbox events`);

  // Applications agree with the ledger: an approval has its exemption and vice versa; nothing
  // waits on cancelled evidence (the cascade closes or re-evaluates it).
  const applications = await sql<{ id: string; problem: string }>(
    `SELECT a.id, CASE
              WHEN a.status = 'APPROVED' AND x.id IS NULL THEN 'is APPROVED without its exemption entry'
              WHEN a.status <> 'APPROVED' AND a.exemption_entry_id IS NOT NULL THEN 'names an exemption but is ' || a.status
              WHEN a.status = 'SUBMITTED' AND EXISTS (
                     SELECT 1 FROM jsonb_array_elements_text(a.evaluation->'evidenceEntryIds') AS ev
                      WHERE NOT ledger_entry_stands(ev::uuid)) THEN 'still waits on cancelled evidence'
            END AS problem
       FROM exemption_applications a
       LEFT JOIN ledger_entries x ON x.id = a.exemption_entry_id AND x.application_id = a.id
      WHERE a.learner_id = $1`,
  );
  for (const row of applications.filter((application) => application.problem))
    violations.push(`application ${row.id} ${row.problem}`);
  // Every exemption belongs to an approved application, and a standing one is the exemption its
  // application names (a cascade that re-points an exemption moves the application to the new one).
  const unclaimed = await sql<{ id: string }>(
    `SELECT x.id FROM ledger_entries x
      WHERE x.learner_id = $1 AND x.kind = 'COURSE_EXEMPTION'
        AND NOT EXISTS (SELECT 1 FROM exemption_applications a
                         WHERE a.id = x.application_id AND a.status = 'APPROVED'
                           AND (a.exemption_entry_id = x.id OR NOT ledger_entry_stands(x.id)))`,
  );
  for (const row of unclaimed) violations.push(`exemption ${row.id} has no approved application`);
  return violations;
}
