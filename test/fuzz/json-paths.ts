import { FieldSpec } from './operations';

/** Positions inside a JSON body, and copies of it with one position changed. */
export type Path = (string | number)[];

/** Every object, array and leaf position of a JSON value, the root excluded. */
export function positions(value: unknown, path: Path = []): Path[] {
  if (Array.isArray(value))
    return value.flatMap((item, index) => [[...path, index], ...positions(item, [...path, index])]);
  if (value !== null && typeof value === 'object') {
    return Object.entries(value).flatMap(([key, item]) => [
      [...path, key],
      ...positions(item, [...path, key]),
    ]);
  }
  return [];
}

export function objectPositions(value: unknown, path: Path = []): Path[] {
  if (Array.isArray(value))
    return value.flatMap((item, index) => objectPositions(item, [...path, index]));
  if (value !== null && typeof value === 'object') {
    return [
      path,
      ...Object.entries(value).flatMap(([key, item]) => objectPositions(item, [...path, key])),
    ];
  }
  return [];
}

/** The DTO field a body position validates against (array indices skipped). */
export function specAt(fields: FieldSpec[] | undefined, path: Path): FieldSpec | undefined {
  let current = fields;
  let found: FieldSpec | undefined;
  for (const step of path) {
    if (typeof step === 'number') continue;
    found = current?.find((field) => field.name === step);
    current = found?.nested;
  }
  return found;
}

/** Optional fields the valid request leaves out: setting them is a mutation too. */
export function absentOptionalFields(
  fields: FieldSpec[] | undefined,
  value: unknown,
  path: Path = [],
): Path[] {
  if (!fields || value === null || typeof value !== 'object') return [];
  if (Array.isArray(value))
    return value.length ? absentOptionalFields(fields, value[0], [...path, 0]) : [];
  const record = value as Record<string, unknown>;
  return fields.flatMap((field) =>
    field.name in record
      ? absentOptionalFields(field.nested, record[field.name], [...path, field.name])
      : field.optional
        ? [[...path, field.name]]
        : [],
  );
}

export function valueAt(value: unknown, path: Path): unknown {
  return path.reduce<unknown>(
    (current, step) => (current as Record<string | number, unknown> | undefined)?.[step],
    value,
  );
}

export function setAt(root: unknown, path: Path, value: unknown, remove = false): unknown {
  if (path.length === 0) return value;
  const copy: unknown = Array.isArray(root)
    ? [...root]
    : root !== null && typeof root === 'object'
      ? { ...root }
      : {};
  const [head, ...rest] = path;
  const container = copy as Record<string | number, unknown>;
  if (rest.length === 0) {
    if (remove) {
      if (Array.isArray(container)) container.splice(head as number, 1);
      else delete container[head];
    } else container[head] = value;
  } else container[head] = setAt(container[head], rest, value, remove);
  return copy;
}
