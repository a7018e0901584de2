-- The SELECTs GET /v1/learners/{id}/account issues (captured from the product: see the bench
-- report), for pgbench -M extended: the learner's profile, the whole ledger newest first, the
-- credits the bank recognises for the levels of the learner's certificates, and the learner's
-- exemption applications. Variables from -D: learners (accounts generated, 200 entries each).
\set learner random(0, :learners - 1)
SELECT * FROM learners WHERE id = bench_uuid('acct/learner', :learner) LIMIT 1;
SELECT id, seq, learner_id, kind, recorded_at, recorded_by, recorder_role, institution_id, certification_body_id,
       course_id, term, score, passed, credits, completed_at, scheme_id, level, component, certificate_no, issued_at,
       valid_until, program_id, diploma_no, graduated_at, rule_id, rule_version_id, evidence_entry_ids,
       application_id, cancels_entry_id, cause_entry_id, reason
  FROM ledger_entries WHERE learner_id = bench_uuid('acct/learner', :learner) ORDER BY seq DESC;
SELECT scheme_id, level, recognised_credits FROM scheme_levels
  WHERE scheme_id = ANY(ARRAY[bench_uuid('acct/scheme', '0'), bench_uuid('acct/scheme', '1'), bench_uuid('acct/scheme', '2')]);
SELECT * FROM exemption_applications WHERE learner_id = bench_uuid('acct/learner', :learner)
  ORDER BY submitted_at DESC, id DESC;
