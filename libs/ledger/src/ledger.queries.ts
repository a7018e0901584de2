/*
 * Raw SQL on the ledger's tables that other areas depend on: set-based statements on hot paths
 * (the eligibility scan). Dates and decimals are read as text: callers compare them exactly,
 * and pg would turn a `date` into a local-time Date.
 */

/**
 * Every outcome of the learners in $1, in ledger order, with the kind of the correction that
 * cancelled it (a REVERSAL or REVOCATION pointing at it), if any.
 */
export const EVIDENCE_SQL = `
  SELECT e.id, e.learner_id AS "learnerId", e.kind, e.course_id AS "courseId",
         e.institution_id AS "institutionId", e.score::text AS score, e.passed,
         e.credits::text AS credits, e.completed_at::text AS "completedAt", e.scheme_id AS "schemeId",
         e.level, e.component, e.certificate_no AS "certificateNo", e.issued_at::text AS "issuedAt",
         e.valid_until::text AS "validUntil", e.program_id AS "programId",
         e.graduated_at::text AS "graduatedAt", e.rule_id AS "ruleId",
         e.rule_version_id AS "ruleVersionId", e.evidence_entry_ids::text[] AS "evidenceEntryIds",
         c.kind AS "cancelledBy"
  FROM ledger_entries e
  LEFT JOIN ledger_entries c ON c.cancels_entry_id = e.id AND c.learner_id = e.learner_id
  WHERE e.learner_id = ANY($1::uuid[])
    AND e.kind IN ('COURSE_CREDIT', 'CERTIFICATE', 'DIPLOMA', 'COURSE_EXEMPTION', 'EXAM_EXEMPTION')
  ORDER BY e.seq`;

/*
 * Learners holding a standing certificate of one of the schemes in $1, a passing credit for one
 * of the courses in $2, or a diploma of one of the programs in $3.
 */
const HOLDERS = `
  FROM ledger_entries e
  WHERE ((e.kind = 'CERTIFICATE' AND e.scheme_id = ANY($1::uuid[]))
      OR (e.kind = 'COURSE_CREDIT' AND e.passed AND e.course_id = ANY($2::uuid[]))
      OR (e.kind = 'DIPLOMA' AND e.program_id = ANY($3::uuid[])))
    AND ledger_entry_stands(e.id)`;

export const COUNT_HOLDERS_SQL = `SELECT count(DISTINCT e.learner_id)::int AS total ${HOLDERS}`;

/**
 * Keyset-paged by learner id ($4: the last id of the previous page; $5: page size), so each page
 * is one indexed range and a scan over them is restartable.
 */
export const HOLDERS_PAGE_SQL = `
  SELECT DISTINCT e.learner_id AS "learnerId" ${HOLDERS}
    AND e.learner_id > $4 ORDER BY e.learner_id LIMIT $5`;

/** The corrections that cancel any of the entries in $1. */
export const CANCELLATIONS_SQL = `
  SELECT cancels_entry_id AS "entryId", id AS "correctionId", kind FROM ledger_entries
  WHERE cancels_entry_id = ANY($1::uuid[])`;
