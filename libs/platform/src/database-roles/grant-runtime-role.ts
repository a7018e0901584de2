import { Logger } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { RUNTIME_ACCESS, RuntimeAccess } from './runtime-access';

/** The runtime role holds rights it must not have, or a table has no decision in RUNTIME_ACCESS. */
export class RuntimeRoleError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RuntimeRoleError';
  }
}

interface RoleStanding {
  rolsuper: boolean;
  rolcreaterole: boolean;
  member_of_owner: boolean;
  owns_database: boolean;
  writes_all_data: boolean;
  creates_schemas: boolean;
  creates_in_schema: boolean;
  owned_tables: string[];
}

interface Relation {
  name: string;
  /** Null when the migrations' role may grant on it (it owns it, or is a superuser). */
  foreign_owner: string | null;
  sequences: string[];
}

/**
 * Run by the owner (the migrations' connection) after migrating: makes `runtimeRole`'s rights
 * on every table of the schema exactly those RUNTIME_ACCESS decides, revoking anything else, in
 * one transaction. Idempotent. Refuses, naming what to change, when the runtime role could undo
 * the append-only guarantees anyway (superuser, owner or member of an owner, CREATEROLE,
 * pg_write_all_data, CREATE on the database or schema) or when a table has no decision.
 * Nothing to do when the migrations already run as `runtimeRole` (one role, as embedded mode).
 */
export async function grantRuntimeRole(dataSource: DataSource, runtimeRole: string): Promise<void> {
  const granted = await dataSource.transaction(async (manager) => {
    const [{ owner }]: { owner: string }[] = await manager.query('SELECT current_user AS owner');
    if (owner === runtimeRole) return null;
    await refuseMightyRole(manager, runtimeRole, owner);
    const relations = await relationsOf(manager);
    const foreign = relations.filter((relation) => relation.foreign_owner !== null);
    if (foreign.length > 0) {
      throw new RuntimeRoleError(
        `Migrations connect as ${owner}, which cannot grant on ` +
          foreign.map((r) => `${r.name} (owned by ${r.foreign_owner})`).join(', ') +
          ': point MIGRATION_DATABASE_URL at the role that owns the tables (README, Server mode).',
      );
    }
    const undecided = relations.filter((relation) => !(relation.name in RUNTIME_ACCESS));
    if (undecided.length > 0) {
      throw new RuntimeRoleError(
        `No decision on the runtime role's rights for ${undecided.map((r) => r.name).join(', ')}: ` +
          'add each table to RUNTIME_ACCESS in libs/platform/src/database-roles/runtime-access.ts.',
      );
    }
    const role = quoted(runtimeRole);
    for (const relation of relations) {
      const table = quoted(relation.name);
      await manager.query(`REVOKE ALL ON TABLE ${table} FROM ${role}`);
      for (const sequence of relation.sequences) {
        await manager.query(`REVOKE ALL ON SEQUENCE ${quoted(sequence)} FROM ${role}`);
      }
      for (const statement of grantsOf(RUNTIME_ACCESS[relation.name], table, role)) {
        await manager.query(statement);
      }
      if (RUNTIME_ACCESS[relation.name].kind !== 'none') {
        for (const sequence of relation.sequences) {
          await manager.query(`GRANT USAGE ON SEQUENCE ${quoted(sequence)} TO ${role}`);
        }
      }
    }
    return relations.length;
  });
  if (granted !== null) {
    new Logger('Migrations').log(`granted ${runtimeRole} its rights on ${granted} tables`);
  }
}

function grantsOf(access: RuntimeAccess, table: string, role: string): string[] {
  if (access.kind === 'none') return [];
  const statements = [`GRANT SELECT, INSERT ON TABLE ${table} TO ${role}`];
  if (access.updates.length > 0) {
    const columns = access.updates.map(quoted).join(', ');
    statements.push(`GRANT UPDATE (${columns}) ON TABLE ${table} TO ${role}`);
  }
  return statements;
}

async function refuseMightyRole(
  manager: EntityManager,
  runtimeRole: string,
  owner: string,
): Promise<void> {
  const rows: RoleStanding[] = await manager.query(
    `SELECT r.rolsuper, r.rolcreaterole,
            pg_has_role(r.rolname, $2::name, 'MEMBER') AS member_of_owner,
            pg_has_role(r.rolname, d.datdba, 'MEMBER') AS owns_database,
            pg_has_role(r.rolname, 'pg_write_all_data', 'MEMBER') AS writes_all_data,
            has_database_privilege(r.rolname, d.oid, 'CREATE') AS creates_schemas,
            has_schema_privilege(r.rolname, current_schema(), 'CREATE') AS creates_in_schema,
            array(SELECT c.relname::text FROM pg_class c
                   WHERE c.relnamespace = current_schema()::regnamespace
                     AND c.relkind IN ('r', 'p', 'v', 'm', 'f')
                     AND pg_has_role(r.rolname, c.relowner, 'MEMBER')
                   ORDER BY 1) AS owned_tables
       FROM pg_roles r, pg_database d
      WHERE r.rolname = $1 AND d.datname = current_database()`,
    [runtimeRole, owner],
  );
  if (rows.length === 0) {
    throw new RuntimeRoleError(
      `DATABASE_URL's role ${runtimeRole} does not exist: create it (CREATE ROLE ${runtimeRole} LOGIN PASSWORD '…'), then migrate again.`,
    );
  }
  const [standing] = rows;
  const problems = [
    standing.rolsuper && 'is a superuser (ALTER ROLE … NOSUPERUSER)',
    standing.rolcreaterole && 'has CREATEROLE (ALTER ROLE … NOCREATEROLE)',
    standing.member_of_owner && `is a member of the owner ${owner} (REVOKE ${owner} FROM …)`,
    standing.owns_database && 'owns the database (ALTER DATABASE … OWNER TO the owner role)',
    standing.owned_tables.length > 0 &&
      `owns ${standing.owned_tables.join(', ')} (REASSIGN OWNED BY … TO the owner role)`,
    standing.writes_all_data && 'is a member of pg_write_all_data',
    standing.creates_schemas && 'may CREATE schemas in the database (REVOKE CREATE ON DATABASE …)',
    standing.creates_in_schema &&
      'may CREATE in the schema (REVOKE CREATE ON SCHEMA public FROM …)',
  ].filter((problem): problem is string => typeof problem === 'string');
  if (problems.length > 0) {
    throw new RuntimeRoleError(
      `DATABASE_URL's role ${runtimeRole} could switch the ledger's guards off: it ${problems.join('; ')}. ` +
        'The API and worker need a role with only the rights migrations grant (README, Server mode).',
    );
  }
}

/** Tables, views and their serial sequences in the migrations' schema (partitions go with their parent). */
async function relationsOf(manager: EntityManager): Promise<Relation[]> {
  return manager.query(
    `SELECT t.relname::text AS name,
            CASE WHEN NOT pg_has_role(current_user, t.relowner, 'USAGE')
                 THEN pg_get_userbyid(t.relowner)::text END AS foreign_owner,
            array(SELECT s.relname::text FROM pg_depend d JOIN pg_class s ON s.oid = d.objid
                   WHERE d.classid = 'pg_class'::regclass AND d.refobjid = t.oid
                     AND d.deptype = 'a' AND s.relkind = 'S'
                   ORDER BY 1) AS sequences
       FROM pg_class t
      WHERE t.relnamespace = current_schema()::regnamespace
        AND t.relkind IN ('r', 'p', 'v', 'm', 'f') AND NOT t.relispartition
      ORDER BY 1`,
  );
}

function quoted(identifier: string): string {
  return `"${identifier.replace(/"/g, '""')}"`;
}
