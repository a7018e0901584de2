import {
  BENIGN_HOSTILE,
  DATES,
  DECIMAL_EDGES,
  FORGED_CURSORS,
  NAN_LIKE,
  Named,
  NUMBERS,
  STRINGS,
  UUIDS,
  WRONG_TYPES,
} from './hostile-values';
import { FieldSpec } from './operations';

/** Which hostile values to aim at a field, from its class-validator rules or its valid value. */

function enumVariants(allowed: unknown): Named<unknown>[] {
  const values = (Array.isArray(allowed) ? allowed : Object.values(allowed ?? {})).map(String);
  const first = values[0] ?? 'A';
  return [
    { name: 'lower-case enum value', value: first.toLowerCase() },
    { name: 'enum value with a trailing space', value: `${first} ` },
    { name: 'two enum values joined', value: values.slice(0, 2).join(',') },
    { name: 'truncated enum value', value: first.slice(0, -1) },
    {
      name: 'enum value in full-width letters',
      value: first.replace(/[A-Z]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0)),
    },
  ];
}

const UUID_LIKE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Rules for a value no DTO describes (inside free JSON such as a rule's `condition` or an
 * application's `target`), guessed from the valid value it replaces.
 */
function inferredRules(baseValue: unknown): Record<string, unknown[]> {
  if (typeof baseValue === 'number') return { isNumber: [] };
  if (typeof baseValue !== 'string') return {};
  if (UUID_LIKE.test(baseValue)) return { isUUID: [] };
  if (/^\d{4}-\d{2}-\d{2}$/.test(baseValue)) return { isCalendarDate: [] };
  if (/^\d+(\.\d+)?$/.test(baseValue)) return { isDecimalAmount: [] };
  return { isString: [] };
}

/** Hostile values suited to what the field expects, plus wrong types for any field. */
export function poolFor(field: FieldSpec | undefined, baseValue: unknown): Named<unknown>[] {
  const rules = field?.rules ?? inferredRules(baseValue);
  const has = (...names: string[]) => names.some((name) => name in rules);
  const pool: Named<unknown>[] = [...WRONG_TYPES];
  if (field && /cursor/i.test(field.name)) pool.push(...FORGED_CURSORS);
  if (has('isUUID')) pool.push(...UUIDS);
  if (has('isCalendarDate', 'isAfterDate')) pool.push(...DATES, ...NAN_LIKE.slice(0, 4));
  if (has('isDecimalAmount')) pool.push(...DECIMAL_EDGES, ...NAN_LIKE, ...NUMBERS);
  if (has('isNumber', 'isInt', 'min', 'max')) pool.push(...NUMBERS, ...NAN_LIKE);
  if (has('isIn', 'isEnum'))
    pool.push(...enumVariants((rules.isIn ?? rules.isEnum)?.[0]), ...STRINGS.slice(0, 6));
  if (has('isString', 'length', 'matches') || (!field && typeof baseValue === 'string'))
    pool.push(...STRINGS, ...BENIGN_HOSTILE);
  if (has('isArray', 'arrayMinSize', 'arrayMaxSize') || Array.isArray(baseValue)) {
    pool.push(
      {
        name: '1,000 copies of the first element',
        value: Array.from({ length: 1_000 }, () => (baseValue as unknown[])?.[0] ?? 1),
      },
      { name: 'an array of nulls', value: [null, null, null] },
    );
  }
  if (
    has('isObject', 'isDefined') ||
    (baseValue !== null && typeof baseValue === 'object' && !Array.isArray(baseValue))
  ) {
    pool.push(
      {
        name: "a condition 20 deep (past the rule validator's 8, within the JSON limit)",
        value: deepObject(20),
      },
      { name: 'an object 200 deep', value: deepObject(200) },
      { name: 'an array 200 deep', value: deepArray(200) },
      ...STRINGS.slice(0, 3),
    );
  }
  if (pool.length === WRONG_TYPES.length) pool.push(...STRINGS, ...NUMBERS, ...NAN_LIKE);
  return pool;
}

function deepObject(depth: number): unknown {
  let value: unknown = { leaf: true };
  for (let level = 0; level < depth; level++) value = { all: [value] };
  return value;
}

function deepArray(depth: number): unknown {
  let value: unknown = 1;
  for (let level = 0; level < depth; level++) value = [value];
  return value;
}

export function queryStrings(pool: Named<unknown>[]): Named<string>[] {
  return pool
    .filter((entry) => typeof entry.value !== 'object' || entry.value === null)
    .map((entry) => ({ name: entry.name, value: String(entry.value) }));
}
