/*
 * The catalog's raw SQL: statements on the eligibility path that read many rows in one round trip.
 * Decimals are read as text so callers compare them exactly. Everything else goes through the
 * entities.
 */

/** Courses with their program's cap on exempt credits ($1: course ids). */
export const COURSE_TARGETS_SQL = `
  SELECT c.id, c.institution_id AS "institutionId", c.credits::text AS credits,
         c.program_id AS "programId", p.max_exempt_credits::text AS "programMaxExemptCredits"
  FROM courses c LEFT JOIN programs p ON p.id = c.program_id
  WHERE c.id = ANY($1::uuid[])`;

/** Code and name of every course, scheme, program, body and institution among $1. */
export const NAMES_SQL = `
  SELECT id::text AS id, code, name FROM courses WHERE id = ANY($1::uuid[])
  UNION ALL SELECT id::text, code, name FROM certificate_schemes WHERE id = ANY($1::uuid[])
  UNION ALL SELECT id::text, code, name FROM programs WHERE id = ANY($1::uuid[])
  UNION ALL SELECT id::text, code, name FROM certification_bodies WHERE id = ANY($1::uuid[])
  UNION ALL SELECT id::text, code, name FROM institutions WHERE id = ANY($1::uuid[])`;

/** The credits recognised for every level of the schemes in $1. */
export const RECOGNISED_CREDITS_SQL = `
  SELECT scheme_id AS "schemeId", level, recognised_credits::text AS "recognisedCredits"
  FROM scheme_levels WHERE scheme_id = ANY($1::uuid[])`;

/**
 * Code and name of the courses ($1, with credits and category), programs ($2), institutions ($3),
 * schemes ($4) and certification bodies ($5) a view cites: one round trip for all five kinds.
 */
export const REFS_SQL = `
  SELECT 'course' AS kind, id::text AS id, code, name, credits::text AS credits, category
    FROM courses WHERE id = ANY($1::uuid[])
  UNION ALL SELECT 'program', id::text, code, name, NULL, NULL FROM programs WHERE id = ANY($2::uuid[])
  UNION ALL SELECT 'institution', id::text, code, name, NULL, NULL
    FROM institutions WHERE id = ANY($3::uuid[])
  UNION ALL SELECT 'scheme', id::text, code, name, NULL, NULL
    FROM certificate_schemes WHERE id = ANY($4::uuid[])
  UNION ALL SELECT 'body', id::text, code, name, NULL, NULL
    FROM certification_bodies WHERE id = ANY($5::uuid[])`;
