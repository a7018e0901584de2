import { get } from '../api';
import type { CertificationBody, Course, Institution, Program, Scheme } from './types';

/**
 * The reference data a rule names by id (schools, bodies, schemes, courses, programs), read once
 * per visit to the staff pages: rules, overlap reports and scan results carry ids, and a person
 * reads names. Every signed-in caller may read the catalog.
 */
export interface Catalog {
  institutions: Institution[];
  bodies: CertificationBody[];
  schemes: Scheme[];
  coursesOf: Map<string, Course[]>;
  programsOf: Map<string, Program[]>;
  course: Map<string, Course>;
  program: Map<string, Program>;
  scheme: Map<string, Scheme>;
  institution: Map<string, Institution>;
  body: Map<string, CertificationBody>;
}

let loading: Promise<Catalog> | null = null;

async function read(): Promise<Catalog> {
  const [institutions, bodies, schemes] = await Promise.all([
    get<{ items: Institution[] }>('/v1/institutions'),
    get<{ items: CertificationBody[] }>('/v1/certification-bodies'),
    get<{ items: Scheme[] }>('/v1/certificate-schemes'),
  ]);
  const perSchool = await Promise.all(
    institutions.items.map(async (school) => {
      const [courses, programs] = await Promise.all([
        get<{ items: Course[] }>(`/v1/institutions/${school.id}/courses`),
        get<{ items: Program[] }>(`/v1/institutions/${school.id}/programs`),
      ]);
      return { school, courses: courses.items, programs: programs.items };
    }),
  );
  const byId = <T extends { id: string }>(rows: T[]) => new Map(rows.map((row) => [row.id, row]));
  return {
    institutions: institutions.items,
    bodies: bodies.items,
    schemes: schemes.items,
    coursesOf: new Map(perSchool.map((row) => [row.school.id, row.courses])),
    programsOf: new Map(perSchool.map((row) => [row.school.id, row.programs])),
    course: byId(perSchool.flatMap((row) => row.courses)),
    program: byId(perSchool.flatMap((row) => row.programs)),
    scheme: byId(schemes.items),
    institution: byId(institutions.items),
    body: byId(bodies.items),
  };
}

/** The catalog, shared by the staff pages; read again after a failure or `fresh`. */
export function loadCatalog(fresh = false): Promise<Catalog> {
  if (!loading || fresh) {
    loading = read();
    loading.catch(() => {
      loading = null;
    });
  }
  return loading;
}
