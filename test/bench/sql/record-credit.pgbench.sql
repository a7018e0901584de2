-- The transaction POST /v1/learners/{id}/course-credits issues (captured from the product: see
-- the bench report's "captured SQL"), statement for statement, for pgbench -M extended.
-- Variables from -D: counter (starts at 0), clients, learners, learner_base, courses, user_id,
-- institution_id, run (makes entry ids and keys unique across runs). Each client walks its own
-- (learner, course) pairs, so every credit is new. The returned state spells the time format's colons
-- chr(58): pgbench would read ":MI" as a variable.
\set counter :counter + 1
\set n :counter * :clients + :client_id
\set learner :learner_base + :n % :learners
\set course (:n / :learners) % :courses
\set entry :run * 1000000000 + :n
BEGIN;
INSERT INTO idempotency_records (user_id, key, request_hash, response_body)
  VALUES (:user_id, 'pgbench-' || :entry, md5(:n::text) || md5(:n::text), 'null')
  ON CONFLICT (user_id, key) DO NOTHING RETURNING key;
SELECT l.id::text AS id FROM learners l
  WHERE l.id = ANY(ARRAY[bench_uuid('rec/learner', :learner)]::uuid[]) AND (
    (EXISTS (SELECT 1 FROM enrolments e WHERE e.learner_id = l.id AND e.institution_id = :institution_id::uuid))
    OR (EXISTS (SELECT 1 FROM exam_registrations r WHERE r.learner_id = l.id AND r.certification_body_id = NULL::uuid))
    OR (EXISTS (SELECT 1 FROM learner_shares s WHERE s.learner_id = l.id AND s.withdrawn_at IS NULL
          AND s.until >= (now() AT TIME ZONE 'Asia/Shanghai')::date
          AND (s.institution_id = :institution_id::uuid OR s.certification_body_id = NULL::uuid)))
    OR (l.opened_by_institution_id = :institution_id::uuid)
    OR (EXISTS (SELECT 1 FROM ledger_entries le WHERE le.learner_id = l.id
          AND le.kind IN ('COURSE_CREDIT', 'DIPLOMA', 'CERTIFICATE')
          AND (le.institution_id = :institution_id::uuid OR le.certification_body_id = NULL::uuid)))
    OR (EXISTS (SELECT 1 FROM exemption_applications a WHERE a.learner_id = l.id AND a.status = 'SUBMITTED'
          AND (a.owner_institution_id = :institution_id::uuid OR a.owner_certification_body_id = NULL::uuid))));
SELECT id, institution_id, program_id, code, name, credits, hours, category, created_at
  FROM courses WHERE id = bench_uuid('rec/course', :course) FOR SHARE;
SELECT 1 FROM enrolments
  WHERE learner_id = bench_uuid('rec/learner', :learner) AND institution_id = :institution_id::uuid
    AND (NULL::uuid IS NULL OR program_id = NULL::uuid)
    AND started_at <= '2025-01-10'::date AND (ended_at IS NULL OR ended_at >= '2025-01-10'::date)
  LIMIT 1 FOR SHARE;
SELECT pg_advisory_xact_lock(hashtextextended('ledger:' || bench_uuid('rec/learner', :learner), 0));
SELECT e.id FROM ledger_entries e
  WHERE e.learner_id = bench_uuid('rec/learner', :learner) AND e.course_id = bench_uuid('rec/course', :course)
    AND e.kind = 'COURSE_CREDIT' AND e.passed AND ledger_entry_stands(e.id) LIMIT 1;
INSERT INTO ledger_entries (id, learner_id, kind, recorded_by, recorder_role, institution_id, course_id, term,
                            score, passed, credits, completed_at, program_id)
  VALUES (bench_uuid('pgbench/entry', :entry), bench_uuid('rec/learner', :learner), 'COURSE_CREDIT', :user_id,
          'REGISTRAR', :institution_id, bench_uuid('rec/course', :course), '2024-2025-1', 85.00, true, 3.00,
          '2025-01-10', bench_uuid('rec/program', '0'))
  RETURNING id::text, seq::text, learner_id::text, kind,
       to_char(recorded_at AT TIME ZONE 'UTC', replace('YYYY-MM-DD"T"HH24~MI~SS.US"Z"', '~', chr(58)))
         AS recorded_at,
       recorded_by::text, recorder_role, institution_id::text, certification_body_id::text,
       course_id::text, term, score::text, passed, credits::text, completed_at::text, scheme_id::text,
       level, component, certificate_no, issued_at::text, valid_until::text, program_id::text,
       diploma_no, graduated_at::text, rule_id::text, rule_version_id::text,
       evidence_entry_ids::text[], application_id::text, cancels_entry_id::text,
       cause_entry_id::text, reason;
WITH inserted AS (
  INSERT INTO outbox_events (learner_id, event_type, payload, hmac)
  VALUES (bench_uuid('rec/learner', :learner), 'ledger.entry.recorded', json_build_object(
    'type', 'ledger.entry.recorded', 'learnerId', bench_uuid('rec/learner', :learner),
    'actor', json_build_object('userId', :user_id::text, 'username', 'registrar-rec', 'role', 'REGISTRAR',
                               'institutionId', :institution_id::text, 'certificationBodyId', null),
    'changes', json_build_array(json_build_object('kind', 'ledger_entry', 'id', bench_uuid('pgbench/entry', :entry),
      'state', json_build_object(
        'id', bench_uuid('pgbench/entry', :entry), 'seq', :n::text, 'learnerId', bench_uuid('rec/learner', :learner),
        'kind', 'COURSE_CREDIT', 'recordedAt', now(), 'recordedBy', :user_id::text,
        'recorderRole', 'REGISTRAR', 'institutionId', :institution_id::text, 'certificationBodyId', null,
        'courseId', bench_uuid('rec/course', :course), 'term', '2024-2025-1', 'score', '85.00', 'passed', true,
        'credits', '3.00', 'completedAt', '2025-01-10', 'programId', bench_uuid('rec/program', '0')))),
    'details', json_build_object(),
    'occurredAt', now())::jsonb, md5(:entry::text) || md5(:n::text))
  RETURNING id)
SELECT id, pg_notify('outbox_events', id::text) FROM inserted;
UPDATE idempotency_records SET response_body = json_build_object(
    'id', bench_uuid('pgbench/entry', :entry), 'seq', :n::text, 'learnerId', bench_uuid('rec/learner', :learner),
    'kind', 'COURSE_CREDIT', 'status', 'ACTIVE', 'recordedAt', now(), 'recordedBy', :user_id::text,
    'recorderRole', 'REGISTRAR', 'institutionId', :institution_id::text,
    'courseId', bench_uuid('rec/course', :course), 'term', '2024-2025-1', 'score', '85.00', 'passed', true,
    'credits', '3.00', 'completedAt', '2025-01-10')::jsonb
  WHERE user_id = :user_id AND key = 'pgbench-' || :entry;
COMMIT;
