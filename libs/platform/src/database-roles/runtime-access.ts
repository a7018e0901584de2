/**
 * What the runtime role (DATABASE_URL's user, when migrations run as another role) may do with
 * each table, decided in one place. After every migration run the owner grants exactly this
 * (grantRuntimeRole); a table missing here stops that run and fails the roles test, so a new
 * table cannot ship without a decision.
 *
 * - `evidence`: the ledger and the log. The runtime role reads and appends; UPDATE is granted
 *   only on the bookkeeping columns listed, never on what the row records. DELETE, TRUNCATE,
 *   ALTER and the triggers stay the owner's. `test/integration/database-roles.int-spec.ts`
 *   attacks every table of this kind as the runtime role.
 * - `records`: the rest of the product's rows: read, insert, and update the columns listed.
 * - `none`: the runtime role never touches the table.
 *
 * No table grants DELETE: the application deletes nothing. Sequences behind serial ids get
 * USAGE where the table gets INSERT.
 */
export type RuntimeAccess =
  | { readonly kind: 'evidence'; readonly updates: readonly string[] }
  | { readonly kind: 'records'; readonly updates: readonly string[] }
  | { readonly kind: 'none' };

const evidence = (...updates: string[]): RuntimeAccess => ({ kind: 'evidence', updates });
const records = (...updates: string[]): RuntimeAccess => ({ kind: 'records', updates });
const none: RuntimeAccess = { kind: 'none' };

export const RUNTIME_ACCESS: Readonly<Record<string, RuntimeAccess>> = {
  ledger_entries: evidence(),
  audit_events: evidence(),
  audit_tree_nodes: evidence(),
  audit_tree_heads: evidence(),
  // The relay's claim and release, and the appender's mark; the event itself stays as written.
  outbox_events: evidence(
    'dispatched_at',
    'dispatch_count',
    'audited_at',
    'rejected_at',
    'rejection',
  ),

  // An administrator's changes, a password reset or change, and sign-out (the token version).
  users: records(
    'display_name',
    'disabled_at',
    'token_version',
    'password_change_required',
    'password_hash',
    'role',
    'institution_id',
    'certification_body_id',
    'learner_id',
  ),
  enrolments: records('status', 'ended_at'),
  exam_registrations: records(),
  learner_shares: records('withdrawn_at'),
  learners: records(),
  // Catalog corrections (PATCH): codes, schools and creation times never change. A recording
  // share-locks the course it names, which needs UPDATE on some column; these are granted.
  institutions: records('name', 'kind'),
  programs: records('name', 'total_credits', 'max_exempt_credits'),
  courses: records('name', 'credits', 'hours', 'category', 'program_id'),
  certification_bodies: records(),
  certificate_schemes: records(),
  scheme_levels: records(),
  level_components: records(),
  // SELECT … FOR UPDATE / FOR SHARE needs UPDATE on one column: the id, which the rule's
  // versions pin with their foreign key. The application never updates a rule row.
  conversion_rules: records('id'),
  rule_versions: records('status', 'activated_at', 'ended_at'),
  exemption_applications: records(
    'status',
    'rule_version_id',
    'evaluation',
    'decided_by',
    'decided_at',
    'decision_reason',
    'exemption_entry_id',
  ),
  // The command runner stores the answer after the effect, in the claim's transaction.
  idempotency_records: records('response_body'),
  worker_heartbeats: records('last_run_at', 'worker_id', 'runs'),
  // An import's progress and counts as its jobs run; its bytes and claims are written once.
  imports: records(
    'status',
    'progress',
    'encoding',
    'header',
    'row_count',
    'valid_count',
    'invalid_count',
    'committed_count',
    'rejected_count',
    'failure',
    'validated_at',
    'committed_by',
    'committed_at',
  ),
  import_file_chunks: records(),
  import_rows: records('status', 'errors', 'record_id'),
  import_recorded_rows: records(),

  schema_migrations: none,
};
