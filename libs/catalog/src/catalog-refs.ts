import type { EntityManager } from 'typeorm';
import { REFS_SQL } from './catalog.queries';
import type { Level } from './entities/scheme-level.entity';

/** A school, program, body or scheme as a person reads it: its id beside its code and name. */
export interface NamedCatalogItem {
  id: string;
  code: string;
  name: string;
}

/** A level in words, as certificates print it. */
export const LEVEL_NAMES: Readonly<Record<Level, string>> = {
  JUNIOR: '初级',
  INTERMEDIATE: '中级',
  SENIOR: '高级',
};

/** A course as views name it. */
export interface CourseRef extends NamedCatalogItem {
  credits: string;
  category: string;
}

export interface CatalogRefIds {
  courses: Iterable<string>;
  programs: Iterable<string>;
  institutions: Iterable<string>;
  schemes: Iterable<string>;
  bodies: Iterable<string>;
}

export interface CatalogRefs {
  courses: Map<string, CourseRef>;
  programs: Map<string, NamedCatalogItem>;
  institutions: Map<string, NamedCatalogItem>;
  schemes: Map<string, NamedCatalogItem>;
  bodies: Map<string, NamedCatalogItem>;
}

/** REFS_SQL's row kinds, in the order of its parameters. */
const REF_KINDS = [
  ['course', 'courses'],
  ['program', 'programs'],
  ['institution', 'institutions'],
  ['scheme', 'schemes'],
  ['body', 'bodies'],
] as const;

interface RefRow extends NamedCatalogItem {
  kind: (typeof REF_KINDS)[number][0];
  credits: string;
  category: string;
}

/**
 * What a view cites, named, in one query: each kind's items by id (unknown ids are left out).
 * Courses come with their credits and category.
 */
export async function readCatalogRefs(
  manager: EntityManager,
  wanted: Partial<CatalogRefIds>,
): Promise<CatalogRefs> {
  const refs: CatalogRefs = {
    courses: new Map(),
    programs: new Map(),
    institutions: new Map(),
    schemes: new Map(),
    bodies: new Map(),
  };
  const ids = REF_KINDS.map(([, key]) => [...new Set(wanted[key] ?? [])]);
  if (ids.every((list) => list.length === 0)) return refs;
  const rows: RefRow[] = await manager.query(REFS_SQL, ids);
  for (const { kind, id, code, name, credits, category } of rows) {
    const key = REF_KINDS.find(([rowKind]) => rowKind === kind)?.[1];
    if (key === 'courses') refs.courses.set(id, { id, code, name, credits, category });
    else if (key) refs[key].set(id, { id, code, name });
  }
  return refs;
}
