import { AuditedSqlTable, AuditedTable, utcTimestampSql } from '@app/outbox';

/*
 * The catalog's rows as the audit log records them: every stored column as PostgreSQL prints it
 * (ids in lower case, credits as numeric(p,2) text such as "4.00"), times in UTC to the
 * microsecond. Nothing is ever derived. The events and the verifier read them through the same
 * tables below.
 */

interface InstitutionRow {
  id: string;
  code: string;
  name: string;
  kind: string;
  created_at: string;
}

export const AUDITED_INSTITUTIONS = new AuditedSqlTable<InstitutionRow>({
  kind: 'institution',
  code: 'INSTITUTION',
  from: 'institutions t',
  columns: `t.id::text AS id, t.code, t.name, t.kind, ${utcTimestampSql('t.created_at')} AS created_at`,
  state: (row) => ({
    id: row.id,
    code: row.code,
    name: row.name,
    kind: row.kind,
    createdAt: row.created_at,
  }),
});

interface ProgramRow {
  id: string;
  institution_id: string;
  code: string;
  name: string;
  total_credits: string;
  max_exempt_credits: string;
  created_at: string;
}

export const AUDITED_PROGRAMS = new AuditedSqlTable<ProgramRow>({
  kind: 'program',
  code: 'PROGRAM',
  from: 'programs t',
  columns: `t.id::text AS id, t.institution_id::text AS institution_id, t.code, t.name,
   t.total_credits::text AS total_credits, t.max_exempt_credits::text AS max_exempt_credits,
   ${utcTimestampSql('t.created_at')} AS created_at`,
  state: (row) => ({
    id: row.id,
    institutionId: row.institution_id,
    code: row.code,
    name: row.name,
    totalCredits: row.total_credits,
    maxExemptCredits: row.max_exempt_credits,
    createdAt: row.created_at,
  }),
});

interface CourseRow {
  id: string;
  institution_id: string;
  program_id: string | null;
  code: string;
  name: string;
  credits: string;
  hours: number;
  category: string;
  created_at: string;
}

export const AUDITED_COURSES = new AuditedSqlTable<CourseRow>({
  kind: 'course',
  code: 'COURSE',
  from: 'courses t',
  columns: `t.id::text AS id, t.institution_id::text AS institution_id, t.program_id::text AS program_id,
   t.code, t.name, t.credits::text AS credits, t.hours, t.category,
   ${utcTimestampSql('t.created_at')} AS created_at`,
  state: (row) => ({
    id: row.id,
    institutionId: row.institution_id,
    programId: row.program_id,
    code: row.code,
    name: row.name,
    credits: row.credits,
    hours: row.hours,
    category: row.category,
    createdAt: row.created_at,
  }),
});

interface CertificationBodyRow {
  id: string;
  code: string;
  name: string;
  created_at: string;
}

export const AUDITED_CERTIFICATION_BODIES = new AuditedSqlTable<CertificationBodyRow>({
  kind: 'certification_body',
  code: 'CERTIFICATION_BODY',
  from: 'certification_bodies t',
  columns: `t.id::text AS id, t.code, t.name, ${utcTimestampSql('t.created_at')} AS created_at`,
  state: (row) => ({ id: row.id, code: row.code, name: row.name, createdAt: row.created_at }),
});

interface SchemeLevelState {
  level: string;
  recognisedCredits: string;
  components: { code: string; name: string }[];
}

interface CertificateSchemeRow {
  id: string;
  code: string;
  name: string;
  certification_body_id: string;
  levels: SchemeLevelState[];
  created_at: string;
}

/**
 * A scheme's levels and their exam components are written with it, in its transaction, and never
 * on their own: they are part of its state, so an edited level or component is an edited scheme.
 * Levels JUNIOR → SENIOR, components by code in the "C" collation.
 */
const SCHEME_LEVELS_SQL = `
  (SELECT coalesce(json_agg(json_build_object(
            'level', l.level,
            'recognisedCredits', l.recognised_credits::text,
            'components', (SELECT coalesce(json_agg(json_build_object('code', c.code, 'name', c.name)
                                                    ORDER BY c.code COLLATE "C"), '[]'::json)
                             FROM level_components c WHERE c.scheme_level_id = l.id))
          ORDER BY array_position(ARRAY['JUNIOR', 'INTERMEDIATE', 'SENIOR'], l.level::text)), '[]'::json)
     FROM scheme_levels l WHERE l.scheme_id = t.id)`;

export const AUDITED_CERTIFICATE_SCHEMES = new AuditedSqlTable<CertificateSchemeRow>({
  kind: 'certificate_scheme',
  code: 'CERTIFICATE_SCHEME',
  from: 'certificate_schemes t',
  columns: `t.id::text AS id, t.code, t.name, t.certification_body_id::text AS certification_body_id,
   ${SCHEME_LEVELS_SQL} AS levels, ${utcTimestampSql('t.created_at')} AS created_at`,
  state: (row) => ({
    id: row.id,
    code: row.code,
    name: row.name,
    certificationBodyId: row.certification_body_id,
    levels: row.levels,
    createdAt: row.created_at,
  }),
});

/** The catalog's audited tables, for the verifier (the platform composes AUDITED_TABLES). */
export const CATALOG_AUDITED_TABLES: readonly AuditedTable[] = [
  AUDITED_INSTITUTIONS,
  AUDITED_PROGRAMS,
  AUDITED_COURSES,
  AUDITED_CERTIFICATION_BODIES,
  AUDITED_CERTIFICATE_SCHEMES,
];
