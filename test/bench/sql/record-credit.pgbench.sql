-- The transaction POST /v1/learners/{id}/course-credits issues (captured from the product: see
-- the bench report's "captured SQL"), statement for statement, for pgbench -M extended.
-- Variables from -D: counter (starts at 0), clients, learners, learner_base, courses, user_id,
-- institution_id, run (makes entry ids and keys unique across runs). Each client walks its own
-- (learner, course) pairs, so every credit is new.
\set counter :counter + 1
\set n :counter * :clients + :client_id
\set learner :learner_base + :n % :learners
\set course (:n / :learners) % :courses
\set entry :run * 1000000000 + :n
BEGIN;
INSERT INTO idempotency_records (user_id, key, request_hash, status_code, response_body)
  VALUES (:user_id, 'pgbench-' || :entry, md5(:n::text) || md5(:n::text), 0, 'null')
  ON CONFLICT (user_id, key) DO NOTHING RETURNING key;
SELECT 1 AS row_exists FROM (SELECT 1 AS dummy_column) dummy_table
  WHERE EXISTS (SELECT 1 FROM learners WHERE id = bench_uuid('rec/learner', :learner)) LIMIT 1;
SELECT id, institution_id, program_id, code, name, credits, hours, category, created_at
  FROM courses WHERE id = bench_uuid('rec/course', :course) LIMIT 1;
SELECT pg_advisory_xact_lock(hashtextextended('ledger:' || bench_uuid('rec/learner', :learner), 0));
SELECT e.id FROM ledger_entries e
  WHERE e.learner_id = bench_uuid('rec/learner', :learner) AND e.course_id = bench_uuid('rec/course', :course)
    AND e.kind = 'COURSE_CREDIT' AND e.passed AND ledger_entry_stands(e.id) LIMIT 1;
SELECT * FROM ledger_entries WHERE id = bench_uuid('pgbench/entry', :entry);
INSERT INTO ledger_entries (id, learner_id, kind, recorded_by, recorder_role, institution_id, course_id, term,
                            score, passed, credits, completed_at, program_id)
  VALUES (bench_uuid('pgbench/entry', :entry), bench_uuid('rec/learner', :learner), 'COURSE_CREDIT', :user_id,
          'REGISTRAR', :institution_id, bench_uuid('rec/course', :course), '2024-2025-1', 85.00, true, 3.00,
          '2025-01-10', bench_uuid('rec/program', '0'))
  RETURNING id, seq, recorded_at;
INSERT INTO outbox_events (learner_id, event_type, payload)
  VALUES (bench_uuid('rec/learner', :learner), 'ledger.entry.recorded', json_build_object(
    'type', 'ledger.entry.recorded', 'learnerId', bench_uuid('rec/learner', :learner),
    'actor', json_build_object('userId', :user_id::text, 'username', 'registrar-rec', 'role', 'REGISTRAR',
                               'institutionId', :institution_id::text, 'certificationBodyId', null),
    'data', json_build_object('entry', json_build_object(
      'id', bench_uuid('pgbench/entry', :entry), 'seq', :n::text, 'learnerId', bench_uuid('rec/learner', :learner),
      'kind', 'COURSE_CREDIT', 'status', 'ACTIVE', 'recordedAt', now(), 'recordedBy', :user_id::text,
      'recorderRole', 'REGISTRAR', 'institutionId', :institution_id::text,
      'courseId', bench_uuid('rec/course', :course), 'term', '2024-2025-1', 'score', '85.00', 'passed', true,
      'credits', '3.00', 'completedAt', '2025-01-10')),
    'occurredAt', now())::jsonb)
  RETURNING id;
SELECT pg_notify('outbox_events', currval('outbox_events_id_seq')::text);
UPDATE idempotency_records SET status_code = 201, response_body = json_build_object(
    'id', bench_uuid('pgbench/entry', :entry), 'seq', :n::text, 'learnerId', bench_uuid('rec/learner', :learner),
    'kind', 'COURSE_CREDIT', 'status', 'ACTIVE', 'recordedAt', now(), 'recordedBy', :user_id::text,
    'recorderRole', 'REGISTRAR', 'institutionId', :institution_id::text,
    'courseId', bench_uuid('rec/course', :course), 'term', '2024-2025-1', 'score', '85.00', 'passed', true,
    'credits', '3.00', 'completedAt', '2025-01-10')::jsonb
  WHERE user_id = :user_id AND key = 'pgbench-' || :entry;
COMMIT;
