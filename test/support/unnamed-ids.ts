/** What a person would have to resolve by hand in a JSON body a view answers. */

/* eslint-disable @typescript-eslint/no-explicit-any -- JSON bodies, probed field by field */
type Json = any;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const UUID_IN_TEXT = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;

/**
 * Not read by people: the engine's structured trace, for tools (its words are the `reasons` and
 * `explanation` beside it), and `targetKey`, a matching key for the `target` beside it.
 */
const MACHINE_KEYS = new Set(['leaves', 'groups', 'limits', 'targetKey']);

/** The ids an object names: those of refs (`{id|versionId, name|label}`) among its values. */
function namedBy(value: Json): string[] {
  const items: Json[] = Array.isArray(value) ? value : [value];
  return items.flatMap((item) => {
    if (item === null || typeof item !== 'object' || Array.isArray(item)) return [];
    const words = [item.name, item.label].some((w) => typeof w === 'string' && w.length > 0);
    return words ? [item.id, item.versionId].filter((id) => typeof id === 'string') : [];
  });
}

/**
 * Every UUID a person would have to resolve: a UUID-valued field (or array element) with no
 * sibling, or sibling of an ancestor, that names it; and any UUID inside a sentence. An object's
 * own `id` (and a correction's `entryId`) is its identity, not a reference.
 */
export function unnamedIds(
  value: Json,
  path = '$',
  scope: ReadonlySet<string> = new Set(),
): string[] {
  if (Array.isArray(value))
    return value.flatMap((item, i) => unnamedIds(item, `${path}[${i}]`, scope));
  if (typeof value === 'string') return UUID_IN_TEXT.test(value) ? [`${path} says ${value}`] : [];
  if (value === null || typeof value !== 'object') return [];
  const here = new Set(scope);
  for (const child of Object.values(value)) for (const id of namedBy(child)) here.add(id);
  const problems: string[] = [];
  for (const [key, child] of Object.entries(value)) {
    const at = `${path}.${key}`;
    if (MACHINE_KEYS.has(key)) continue;
    if (typeof child === 'string' && UUID.test(child)) {
      if (key !== 'id' && key !== 'entryId' && !here.has(child)) problems.push(`${at} = ${child}`);
    } else if (
      Array.isArray(child) &&
      child.some((item) => typeof item === 'string' && UUID.test(item))
    ) {
      child.forEach((id: string, i: number) => {
        if (!here.has(id)) problems.push(`${at}[${i}] = ${id}`);
      });
    } else {
      problems.push(...unnamedIds(child, at, here));
    }
  }
  return problems;
}
